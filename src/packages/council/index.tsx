import { View } from '@tarojs/components'
import { useState } from 'react'
import { Badge, Button, Card, ChipGroup, ExportButton, LinkRow, Page, PagedList } from '../../components'
import { useAccess, useMe, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage, pageParam } from '../../routes'
import { ISSUE_STATUS_OPTIONS, type IssueStatus } from '../../utils/labels'
import { IssueCard } from './IssueCard'
import './council.scss'
import './index.scss'

type Filter = 'all' | 'mine' | IssueStatus

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  // Short labels: the chips sit four across.
  ...ISSUE_STATUS_OPTIONS.filter((s) => s.value !== 'merged').map((s) => (s.value === 'accepted' ? { ...s, label: '已立项' } : s)),
  { value: 'mine', label: '我说的' },
]

/** 议题: every matter raised, filtered by where it stands; 热议 puts the most co-signed first. */
export default function IssuesPage() {
  const me = useMe()
  const access = useAccess()
  // A message or the tab can open the list on one status (?status=candidate).
  const [filter, setFilter] = useState<Filter>(() => (pageParam('status') as Filter) || 'all')
  const [sort, setSort] = useState<'latest' | 'popular'>('latest')
  const issues = usePagedQuery(
    'council.issue.list',
    {
      limit: 20,
      sort,
      ...(filter === 'mine' ? { mine: true } : filter !== 'all' ? { status: filter as IssueStatus } : {}),
    },
    [filter, sort, me.data?.current?.communityId],
  )
  // The committee's queue of reported comments, counted only (limit 1 still carries the total).
  const reports = useQuery('council.comment.pending', { limit: 1 }, [me.data?.current?.communityId], { enabled: access.canModerate })
  useRefreshOnPullDown(issues.refresh, reports.refresh)
  useRefreshOnShow(issues.refresh, reports.refresh)

  return (
    <Page id="page-issues">
      {!access.street && (
        <Button id="issues-raise" block className="issues__raise" onClick={() => openPage('issueNew')}>
          我要说事
        </Button>
      )}
      {access.canModerate && (
        <LinkRow id="issues-reports" title="举报处理" desc="被邻居举报隐藏的评论，恢复显示或删除" extra={<Badge id="issues-reports-count" count={reports.data?.total ?? 0} />} onClick={() => openPage('reports')} />
      )}
      <Card id="issue-filters">
        <ChipGroup
          id="issue-filter-status"
          options={FILTERS.map((f) => ({ ...f, id: `issue-filter-${f.value}` }))}
          selected={[filter]}
          onSelect={(value) => setFilter(value as Filter)}
        />
        <View className="issues__sort">
          <ChipGroup
            id="issue-sort"
            options={[
              { value: 'latest', label: '最新', id: 'issue-sort-latest' },
              { value: 'popular', label: '热议', id: 'issue-sort-popular' },
            ]}
            selected={[sort]}
            onSelect={(value) => setSort(value as 'latest' | 'popular')}
          />
        </View>
      </Card>

      {access.canExportLists && (
        <ExportButton className="list-export" input={{ kind: 'matters', ...(filter !== 'all' && filter !== 'mine' ? { status: filter as IssueStatus } : {}) }} />
      )}
      <PagedList
        id="issue-list"
        query={issues}
        empty={{
          id: 'issues-empty',
          title: filter === 'mine' ? '你还没有说过事' : '这里还没有事项',
          hint: '楼道灯坏了、停车难、想加个健身角……说出来，邻居附议，居委会就会研究处理。',
          actionText: access.street ? undefined : '我要说事',
          onAction: () => openPage('issueNew'),
        }}
      >
        {(issue, index) => <IssueCard key={issue.id} id={`issue-${index}`} issue={issue} onClick={() => openPage('issue', { id: issue.id })} />}
      </PagedList>
    </Page>
  )
}
