import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card, ChipGroup, ErrorState, LinkRow, Loading, Page, PagedList, Tag } from '../../../components'
import { usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openLink, openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import './index.scss'

const EMPTY_HINTS: Record<string, { hint: string; action?: string; open?: () => void }> = {
  issues: { hint: '小区里有想改进的地方，说出来请邻居附议。', action: '我要说事', open: () => openPage('issueNew') },
  cosigns: { hint: '看看邻居们说的事，赞同就附议一下。', action: '看看大家说的事', open: () => openPage('issues') },
  meetings: { hint: '议事会开放报名后，可以报名到场参加。', action: '看看议事会', open: () => openPage('meetings') },
  votes: { hint: '表决开始时会通知你，投票后记在这里（不显示你选了什么）。', action: '看看表决', open: () => openPage('motions') },
  ratings: { hint: '办事项目办结后，可以评价满意度。', action: '看看办事进度', open: () => openPage('tasks') },
  activities: { hint: '报名社区活动后记在这里。' },
  shifts: { hint: '报名志愿岗位后记在这里。', action: '看看志愿岗位', open: () => openPage('volunteers') },
  wishes: { hint: '在心愿墙认领一个微心愿，帮邻居实现它。', action: '去心愿墙', open: () => openPage('wishes') },
}

/**
 * 我参与的: whatever kinds of taking part the server lists (home.participation's
 * table of sources), one kind at a time, a page at a time; each row opens its page.
 */
export default function ParticipationPage() {
  const [kind, setKind] = useState<string | null>(() => pageParam('kind') || null)
  // The kinds and the totals come with any page; one row is enough to learn them.
  const overview = useQuery('home.participation', { limit: 1 }, [])
  const chosen = kind ?? overview.data?.kind ?? null
  const list = usePagedQuery('home.participation', { kind: chosen ?? undefined, limit: 20 }, [chosen], { enabled: chosen !== null })
  useRefreshOnPullDown(overview.refresh, list.refresh)
  useRefreshOnShow(list.refresh)

  if (!overview.data) {
    return <Page id="page-participation">{overview.error ? <ErrorState error={overview.error} onRetry={overview.refresh} /> : <Loading rows={4} />}</Page>
  }
  const { kinds, summary } = overview.data
  const empty = EMPTY_HINTS[chosen ?? ''] ?? { hint: '' }
  const label = kinds.find((k) => k.kind === chosen)?.label ?? ''
  return (
    <Page id="page-participation">
      {summary && (
        <Card id="participation-summary" className="participation-summary">
          <View className="participation-summary__cell" hoverClass="is-pressed" onClick={() => openPage('points')}>
            <Text id="participation-points" className="participation-summary__value">{summary.points}</Text>
            <Text className="participation-summary__label">积分 ›</Text>
          </View>
          <View className="participation-summary__cell" hoverClass="is-pressed" onClick={() => openPage('volunteerMine')}>
            <Text id="participation-hours" className="participation-summary__value">{(summary.volunteerMinutes / 60).toFixed(1)}</Text>
            <Text className="participation-summary__label">志愿时长（小时）›</Text>
          </View>
        </Card>
      )}
      <ChipGroup id="participation-kinds" wide options={kinds.map((k) => ({ value: k.kind, label: k.label, id: `kind-${k.kind}` }))} selected={chosen ? [chosen] : []} onSelect={setKind} />
      <PagedList
        id="participation-list"
        query={list}
        empty={{ id: 'participation-empty', title: `还没有${label}`, hint: empty.hint, actionText: empty.action, onAction: empty.open }}
      >
        {(item) => (
          <LinkRow key={item.id} title={item.title} desc={item.at ? formatDateTime(item.at) : undefined} extra={<Tag tone={item.tone}>{item.state}</Tag>} onClick={() => void openLink(item.link)} />
        )}
      </PagedList>
      {chosen === 'votes' && <Text className="participation-note">这里只记你参与了哪次表决，不显示你选了什么。</Text>}
    </Page>
  )
}
