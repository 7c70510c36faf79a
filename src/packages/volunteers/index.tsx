import { useRouter } from '@tarojs/taro'
import { AreaIntro, Page, type AreaFeature } from '../../components'

const FEATURES: AreaFeature[] = [
  { key: 'wish', name: '微心愿', desc: '有困难的邻居（或居委会代为）发布一个小心愿，志愿者认领并帮忙实现，确认后记录服务时长和积分。' },
  { key: 'shift', name: '服务岗位', desc: '报名参加志愿服务项目的岗位和时段。' },
  { key: 'hours', name: '服务时长', desc: '扫码签到、签退，自动记录服务时长。' },
  { key: 'stars', name: '星级志愿者', desc: '按累计服务时长评定星级，门槛由社区设定。' },
  { key: 'record', name: '服务记录证明', desc: '按民政部门的要求，下载带有服务详情和社区证明的服务记录。' },
  { key: 'points', name: '积分与爱心超市', desc: '每一笔积分都有来由，可在社区爱心超市兑换物品。' },
]

export default function VolunteersPage() {
  // 首页's 微心愿 tile and 邻里's entry open this page with ?focus=wish.
  const { params } = useRouter()
  return (
    <Page id="area-volunteers">
      <AreaIntro
        title="志愿服务"
        summary="参加志愿服务，记录每一小时的付出；帮邻居实现微心愿。"
        features={FEATURES}
        highlight={params.focus}
      />
    </Page>
  )
}
