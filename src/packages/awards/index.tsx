import { AreaIntro, Page, type AreaFeature } from '../../components'

const FEATURES: AreaFeature[] = [
  { key: 'nominate', name: '提名', desc: '自荐，或推荐身边的好邻居，写下他的故事、附上照片；推荐别人需要几位邻居联名。' },
  { key: 'review', name: '审核与公示', desc: '居委会审核后公示候选名单。' },
  { key: 'vote', name: '投票', desc: '每人每天有固定票数，同一位候选人每天最多投一票；实名、限票，防止刷票。' },
  { key: 'result', name: '结果公示', desc: '评选结果先公示，公示期内可以提出异议，期满后正式公布。' },
]

export default function AwardsPage() {
  return (
    <Page id="area-awards">
      <AreaIntro
        title="最美邻里"
        summary="评选身边的好厝边：提名、审核、公示、投票，每一步公开透明。"
        features={FEATURES}
      />
    </Page>
  )
}
