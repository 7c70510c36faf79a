import { Picker, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { Card, ChipGroup, Empty, ExportButton, PagedList, SectionTitle } from '../../../components'
import { useAccess, useMe, usePagedQuery, useQuery, useRefreshOnPullDown } from '../../../hooks'
import { now } from '../../../api/clock'
import { formatDateTime, inChina } from '../../../utils/date'
import { WorkbenchPage } from '../WorkbenchPage'
import '../admin.scss'
import './index.scss'

const ALL = 'all'

/** Date ranges by China calendar day, counted back from today. */
const RANGES = [
  { value: ALL, label: '全部', days: null },
  { value: 'today', label: '今天', days: 0 },
  { value: 'week', label: '最近 7 天', days: 6 },
  { value: 'month', label: '最近 30 天', days: 29 },
] as const

function rangeOf(value: string): { from?: string; to?: string } {
  const r = RANGES.find((x) => x.value === value)
  if (!r || r.days === null) return {}
  const today = inChina(now())
  return { from: today.subtract(r.days, 'day').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
}

/** 审计日志: who changed what, filtered by person, action and days, each entry's changes field by field. */
export default function AuditPage() {
  const me = useMe()
  const communityId = me.data?.current?.communityId
  const access = useAccess()
  const choices = useQuery('audit.choices', {}, [communityId], { enabled: access.canReadAuditLog })
  const [actorId, setActorId] = useState(ALL)
  const [action, setAction] = useState(ALL)
  const [range, setRange] = useState<string>(ALL)
  const filters = useMemo(
    () => ({ ...(actorId !== ALL ? { actorId } : {}), ...(action !== ALL ? { action } : {}), ...rangeOf(range) }),
    [actorId, action, range],
  )
  const entries = usePagedQuery('audit.list', { ...filters, limit: 20 }, [communityId, actorId, action, range], { enabled: access.canReadAuditLog })
  useRefreshOnPullDown(choices.refresh, entries.refresh)

  const actions = choices.data?.actions ?? []
  const actionIndex = actions.findIndex((a) => a.action === action)

  return (
    <WorkbenchPage id="page-audit">
      {() =>
        !access.canReadAuditLog ? (
          <Empty id="audit-forbidden" title="审计日志只对居委会和管理员开放" hint="楼栋长可以在「成员与角色」查看自己楼栋的住户。" />
        ) : (
          <>
            <Card id="audit-filters">
              <Text className="audit-filter__label">经办人</Text>
              <ChipGroup
                id="audit-people"
                wide
                options={[{ value: ALL, label: '全部', id: 'audit-person-all' }, ...(choices.data?.people ?? []).map((p, i) => ({ value: p.memberId, label: p.name, id: `audit-person-${i}` }))]}
                selected={[actorId]}
                onSelect={setActorId}
              />
              <Text className="audit-filter__label">操作</Text>
              <Picker mode="selector" range={['全部操作', ...actions.map((a) => a.label)]} value={actionIndex + 1} onChange={(e) => setAction(Number(e.detail.value) === 0 ? ALL : actions[Number(e.detail.value) - 1].action)}>
                <View id="audit-action" className="audit-filter__picker" role="button" hoverClass="is-pressed">
                  <Text>{actionIndex >= 0 ? actions[actionIndex].label : '全部操作'}</Text>
                </View>
              </Picker>
              <Text className="audit-filter__label">日期</Text>
              <ChipGroup id="audit-range" options={RANGES.map((r) => ({ value: r.value, label: r.label, id: `audit-range-${r.value}` }))} selected={[range]} onSelect={setRange} />
            </Card>

            <ExportButton id="audit-export" className="audit-export" input={{ kind: 'auditLog', ...filters }} />

            <SectionTitle title="记录" />
            <PagedList query={entries} id="audit-list" empty={{ id: 'audit-empty', title: '没有符合条件的记录', hint: '换一个经办人、操作或日期再看看。' }}>
              {(e) => (
                <Card key={e.id} className="audit-entry">
                  <View className="audit-entry__head">
                    <Text className="audit-entry__action">{e.actionLabel}</Text>
                    <Text className="audit-entry__meta">
                      {e.actorName} · {formatDateTime(e.at)}
                    </Text>
                  </View>
                  {e.reason && <Text className="audit-entry__reason">理由：{e.reason}</Text>}
                  {e.changes.length === 0 ? (
                    <Text className="audit-entry__none">没有记录变更内容</Text>
                  ) : (
                    e.changes.map((c, k) => (
                      <View key={k} className="audit-change">
                        {c.field && <Text className="audit-change__field">{c.field}</Text>}
                        <Text className="audit-change__before">{c.before ? `原：${c.before}` : '原：（无）'}</Text>
                        <Text className="audit-change__after">{c.after ? `新：${c.after}` : '新：（无）'}</Text>
                      </View>
                    ))
                  )}
                </Card>
              )}
            </PagedList>
          </>
        )
      }
    </WorkbenchPage>
  )
}
