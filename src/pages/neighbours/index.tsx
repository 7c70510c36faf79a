import { Text } from '@tarojs/components'
import { Card, Page } from '../../components'
import { AwardsSection } from './sections/Awards'
import { MallSection } from './sections/Mall'
import { VolunteersSection } from './sections/Volunteers'
import '../tab-intro.scss'

/**
 * The 邻里 tab. Each area of neighbourly help (志愿服务, 爱心超市 and 微心愿,
 * 最美邻里) fills its own section in sections/, with its own queries and its own
 * empty and error states, so one area's outage never blanks the others and the
 * areas grow without touching this file.
 */
export default function NeighboursTabPage() {
  return (
    <Page id="page-neighbours" tab="neighbours">
      <Card title="好厝边">
        <Text className="tab-intro__text">
          远亲不如近邻。在这里参加志愿服务，帮有需要的邻居实现一个小心愿，推选身边的好邻居。
        </Text>
      </Card>
      <VolunteersSection />
      <MallSection />
      <AwardsSection />
    </Page>
  )
}
