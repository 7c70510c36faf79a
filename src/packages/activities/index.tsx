import { AreaIntro, Page, type AreaFeature } from '../../components'

const FEATURES: AreaFeature[] = [
  { key: 'browse', name: '活动列表', desc: '社区和志愿队发布的活动：时间、地点、名额和报名截止时间一目了然。' },
  { key: 'signup', name: '报名与候补', desc: '在线报名，可填写同行人数等信息；满员后排队候补，有人取消时按顺序递补并通知你。' },
  { key: 'cancel', name: '取消报名', desc: '每个活动写明能否取消、截止到什么时候。' },
  { key: 'checkin', name: '扫码签到', desc: '到场后用相机扫组织者手机上的二维码，二维码每 30 秒更换一次。' },
  { key: 'points', name: '积分', desc: '参加活动可获得积分，在社区爱心超市兑换物品。' },
]

export default function ActivitiesPage() {
  return (
    <Page id="area-activities">
      <AreaIntro
        title="社区活动"
        summary="社区里的活动在这里发布、报名和签到，组织者可以导出签到名单。"
        features={FEATURES}
      />
    </Page>
  )
}
