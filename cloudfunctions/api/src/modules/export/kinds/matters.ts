import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { ISSUE_CATEGORIES, ISSUE_STATUSES, timelineLabel } from '../../../platform/labels'
import { getIssue, listIssues } from '../../council/issues'
import { allPages, eachDetail, exportKind, runAs } from '../kind'

type Row = Awaited<ReturnType<typeof listIssues.run>>['items'][number]
type Step = Awaited<ReturnType<typeof getIssue.run>>['timeline'][number] & { title: string }

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '事项', width: 30, value: (r) => r.title },
  { header: '类别', width: 10, value: (r) => r.categoryLabel },
  { header: '状态', width: 12, value: (r) => r.statusLabel },
  { header: '附议数', width: 8, value: (r) => r.cosigns },
  { header: '附议门槛', width: 10, value: (r) => r.cosignThreshold },
  // already masked by the list (a neighbour's nickname); masked again costs nothing and keeps the rule in one place
  { header: '提出人（打码）', width: 14, value: (r) => r.authorName, personal: 'name' },
  { header: '提出时间', width: 18, value: (r) => chinaStamp(r.createdAt) },
  { header: '最近进展', width: 18, value: (r) => chinaStamp(r.updatedAt) },
]

const timelineColumns: Array<Column<Step>> = [
  { header: '事项', width: 30, value: (s) => s.title },
  { header: '时间', width: 18, value: (s) => chinaStamp(s.at) },
  { header: '进展', width: 16, value: (s) => timelineLabel(s.kind) },
  { header: '经办', width: 10, value: (s) => s.by },
  { header: '说明', width: 40, value: (s) => s.note },
]

export const mattersExport = exportKind({
  kind: 'matters',
  label: '议事事项',
  roles: ['committee', 'admin'],
  filters: z.strictObject({ status: z.enum(ISSUE_STATUSES).optional(), category: z.enum(ISSUE_CATEGORIES).optional() }),
  async build(ctx, filters) {
    const rows = await allPages(ctx, listIssues, filters)
    const details = await eachDetail(rows, (r) => runAs(ctx, getIssue, { issueId: r.id }))
    const steps = details.flatMap(({ row, detail }) => detail.timeline.map((s) => ({ ...s, title: row.title })))
    return {
      sheets: [sheet({ name: '事项', columns, rows }), sheet({ name: '时间线', columns: timelineColumns, rows: steps })],
      target: { collection: 'issues', id: ctx.db.communityId },
    }
  },
})
