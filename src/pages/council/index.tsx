import { Text } from '@tarojs/components'
import { Button, Card, Page, SectionTitle, StepList, Tag, type Step } from '../../components'
import { openArea } from '../../routes'
import '../tab-intro.scss'

// 五邻工作法, the method the 议事厅 follows from a resident's first word to the rating.
const STEPS: Step[] = [
  { name: '听邻说事', desc: '居民提出小区里的事，邻居附议' },
  { name: '请邻议事', desc: '居委会召集议事会，大家一起商量' },
  { name: '帮邻办事', desc: '表决通过的事分工落实，定期更新进度' },
  { name: '让邻知事', desc: '决议、进度和支出公开公示' },
  { name: '由邻评事', desc: '办完后由居民评价满意度' },
]

export default function CouncilTabPage() {
  return (
    <Page id="page-council">
      <Card title="厝边议事厅" extra={<Tag tone="warning">即将开放</Tag>}>
        <Text className="tab-intro__text">
          小区里的大事小事，大家商量着办。议事厅按“五邻工作法”把每件事从提出到评价走完一圈，每一步都公开可查。
        </Text>
      </Card>

      <SectionTitle title="五邻工作法" />
      <StepList steps={STEPS} />

      <Button id="enter-council" block className="tab-intro__enter" onClick={() => openArea('council')}>
        进入议事厅
      </Button>
    </Page>
  )
}
