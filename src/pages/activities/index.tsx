import { Text } from '@tarojs/components'
import { Button, Card, Page, SectionTitle, StepList, Tag, type Step } from '../../components'
import { openArea } from '../../routes'
import '../tab-intro.scss'

const STEPS: Step[] = [
  { name: '看活动', desc: '居委会和志愿队发布的活动：时间、地点、名额' },
  { name: '报名', desc: '满员可以候补，有人取消时按顺序递补并通知你' },
  { name: '扫码签到', desc: '到场扫组织者手机上的二维码' },
  { name: '攒积分', desc: '参加活动可得积分，到爱心超市兑换' },
]

export default function ActivitiesTabPage() {
  return (
    <Page id="page-activities">
      <Card title="社区活动" extra={<Tag tone="warning">即将开放</Tag>}>
        <Text className="tab-intro__text">
          义诊、读书会、亲子活动、环境整治……社区里的活动在这里发布和报名，不用再挨个群里问。
        </Text>
      </Card>

      <SectionTitle title="怎么参加" />
      <StepList steps={STEPS} />

      <Button id="enter-activities" block className="tab-intro__enter" onClick={() => openArea('activities')}>
        进入活动
      </Button>
    </Page>
  )
}
