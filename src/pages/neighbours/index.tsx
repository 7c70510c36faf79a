import { Text } from '@tarojs/components'
import { Card, LinkRow, Page, SectionTitle, Tag } from '../../components'
import { openArea } from '../../routes'
import '../tab-intro.scss'
import { AwardsSection } from './AwardsSection'

export default function NeighboursTabPage() {
  return (
    <Page id="page-neighbours">
      <Card title="好厝边" extra={<Tag tone="warning">即将开放</Tag>}>
        <Text className="tab-intro__text">
          远亲不如近邻。在这里推选身边的好邻居，参加志愿服务，帮有需要的邻居实现一个小心愿。
        </Text>
      </Card>

      <SectionTitle title="邻里互助" />
      <LinkRow
        id="enter-awards"
        title="最美邻里"
        desc="推荐身边的好邻居，公示、投票、评选"
        onClick={() => openArea('awards')}
      />
      <LinkRow
        id="enter-volunteers"
        title="志愿服务"
        desc="报名服务岗位，扫码记录服务时长和积分"
        onClick={() => openArea('volunteers')}
      />
      <LinkRow
        id="enter-wishes"
        title="微心愿"
        desc="困难邻居的小心愿，由志愿者认领帮忙实现"
        onClick={() => openArea('volunteers', { focus: 'wish' })}
      />

      <AwardsSection />
    </Page>
  )
}
