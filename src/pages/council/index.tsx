import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Badge, Button, Card, ErrorState, LinkRow, Loading, Modal, Page, SectionTitle, StepList, type Step } from '../../components'
import { useAccess, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage } from '../../routes'
import { useToday } from '../home/today/useToday'
import { WaitingList } from '../home/today/WaitingList'
import '../tab-intro.scss'
import './index.scss'

// 五邻工作法, the method the 议事厅 follows from a resident's first word to the rating.
const STEPS: Step[] = [
  { name: '听邻说事', desc: '居民说出小区里的事，邻居附议' },
  { name: '请邻议事', desc: '居委会召集议事会，大家一起商量' },
  { name: '帮邻办事', desc: '表决通过的事分工落实，更新进度' },
  { name: '让邻知事', desc: '决议、进度和支出公开公示' },
  { name: '由邻评事', desc: '办完后由居民评价满意度' },
]

/** The 议事 tab: what waits for this person in the 议事厅 first, then a door to each step; the method behind 「了解」. */
export default function CouncilTabPage() {
  const me = useMe()
  const access = useAccess()
  // For the committee: how many reported comments wait for a decision (limit 1 still carries the total).
  const reports = useQuery('council.comment.pending', { limit: 1 }, [me.data?.current?.communityId], { enabled: access.canModerate })
  const today = useToday()
  const [explaining, setExplaining] = useState(false)
  useRefreshOnShow(me.refresh, reports.refresh, today.refresh)
  useRefreshOnPullDown(me.refresh, reports.refresh, today.refresh)
  const data = today.data

  return (
    <Page id="page-council" tab="council">
      <Card title="厝边议事厅">
        <Text className="tab-intro__text">小区里的大事小事，大家商量着办。每件事从提出到评价走完一圈，每一步都公开可查。</Text>
        <Button id="council-explain" variant="text" size="compact" className="council-door__explain" onClick={() => setExplaining(true)}>
          了解五邻工作法
        </Button>
        {/* 街道 accounts read; they do not raise matters in a community they oversee. */}
        {!access.street && (
          <Button id="council-raise" block className="council-door__raise" onClick={() => openPage('issueNew')}>
            我要说事
          </Button>
        )}
      </Card>

      {data?.kind === 'member' && (
        <>
          <SectionTitle title="等你处理" />
          <WaitingList today={data} only="council" />
        </>
      )}
      {!data && me.data?.current && (today.error ? <ErrorState error={today.error} onRetry={today.refresh} /> : <Loading rows={1} />)}

      {access.canModerate && (
        <>
          <SectionTitle title="居委会" />
          <LinkRow id="enter-reports" title="举报处理" desc="被邻居举报隐藏的评论，恢复显示或删除" extra={<Badge id="enter-reports-count" count={reports.data?.total ?? 0} />} onClick={() => openPage('reports')} />
          <LinkRow id="enter-notice-new" title="发布公示" desc="决议、进度、收支或结果，可设公示期" onClick={() => openPage('noticeNew')} />
        </>
      )}

      <SectionTitle title="进入议事厅" />
      <LinkRow id="enter-issues" title="议题" desc="大家说的事：附议、答复和处理进展" onClick={() => openPage('issues')} />
      <LinkRow id="enter-meetings" title="议事会" desc="报名参加，到场扫码签到，会后看纪要" onClick={() => openPage('meetings')} />
      <LinkRow id="enter-motions" title="表决" desc="对议事会商量出的决定投票" onClick={() => openPage('motions')} />
      <LinkRow id="enter-tasks" title="办事进度" desc="负责人、进度、照片、每一笔支出和满意率" onClick={() => openPage('tasks')} />
      <LinkRow id="enter-board" title="公示栏" desc="决议、进度、收支和结果的公示" onClick={() => openPage('board')} />

      <Modal
        id="council-method"
        visible={explaining}
        title="五邻工作法"
        placement="bottom"
        onClose={() => setExplaining(false)}
        footer={
          <Button id="council-method-close" block onClick={() => setExplaining(false)}>
            知道了
          </Button>
        }
      >
        <StepList steps={STEPS} />
      </Modal>
    </Page>
  )
}
