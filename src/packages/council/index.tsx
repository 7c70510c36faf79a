import { AreaIntro, Page, type AreaFeature } from '../../components'

const FEATURES: AreaFeature[] = [
  { key: 'issue', name: '说事', desc: '把小区里的事说出来：写清情况、选好分类、附上照片，注明哪栋楼。' },
  { key: 'cosign', name: '附议', desc: '邻居觉得在理就附议，附议人数到了社区定的数，就成为候选议题。' },
  { key: 'meeting', name: '议事会', desc: '居委会定好时间、地点和议题，居民报名参加，到场扫码签到；每个议题也可以在线讨论。' },
  { key: 'motion', name: '表决', desc: '赞成、反对、弃权或多选一；按人或按户投票，按事先定好的规则计票并公布结果。' },
  { key: 'task', name: '办事进度', desc: '表决通过的事分给负责人，定期更新进度和照片；民生小实事还公开预算和每一笔支出。' },
  { key: 'rating', name: '评事', desc: '事情办完由居民评价满意不满意，满意率公开；不达标的重新办理。' },
]

export default function CouncilPage() {
  return (
    <Page id="area-council">
      <AreaIntro
        title="议事"
        summary="网上的议事厅：小区里的事从提出、商量、表决、办理到评价，全程公开，每一步都能查到。"
        features={FEATURES}
      />
    </Page>
  )
}
