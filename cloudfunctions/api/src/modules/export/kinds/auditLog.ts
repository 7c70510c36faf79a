import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { auditFilters, listAudit } from '../../audit'
import { allPages, exportKind } from '../kind'

type Entry = Awaited<ReturnType<typeof listAudit.run>>['items'][number]
type Change = Entry['changes'][number] & { entry: Entry }

const columns: Array<Column<Entry>> = [
  { header: '序号', width: 6, value: (_e, i) => i + 1 },
  { header: '时间', width: 18, value: (e) => chinaStamp(e.at) },
  { header: '经办人（打码）', width: 14, value: (e) => e.actorName, personal: 'name' },
  { header: '操作', width: 24, value: (e) => e.actionLabel },
  { header: '操作代码', width: 24, value: (e) => e.action },
  { header: '对象', width: 30, value: (e) => `${e.target.collection} ${e.target.id}` },
  { header: '理由', width: 20, value: (e) => e.reason },
  { header: '变更项数', width: 10, value: (e) => e.changes.length },
]

const changeColumns: Array<Column<Change>> = [
  { header: '时间', width: 18, value: (c) => chinaStamp(c.entry.at) },
  { header: '操作', width: 24, value: (c) => c.entry.actionLabel },
  { header: '字段', width: 16, value: (c) => c.field },
  { header: '变更前', width: 40, value: (c) => c.before },
  { header: '变更后', width: 40, value: (c) => c.after },
]

export const auditLogExport = exportKind({
  kind: 'auditLog',
  label: '审计日志',
  roles: ['committee', 'admin'],
  filters: auditFilters,
  async build(ctx, filters) {
    const rows = await allPages(ctx, listAudit, filters, 100)
    const changes = rows.flatMap((entry) => entry.changes.map((c) => ({ ...c, entry })))
    return {
      sheets: [sheet({ name: '审计日志', columns, rows }), sheet({ name: '变更明细', columns: changeColumns, rows: changes })],
      target: { collection: 'auditLog', id: ctx.db.communityId },
    }
  },
})
