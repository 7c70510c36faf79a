import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { pointKindLabel } from '../../../platform/labels'
import { id } from '../../../platform/validation'
import { memberLedger } from '../../points'
import { exportKind, runAs } from '../kind'

type Ledger = Awaited<ReturnType<typeof memberLedger.run>>
type Entry = Ledger['entries'][number] & { name: string }

const columns: Array<Column<Entry>> = [
  { header: '序号', width: 6, value: (_e, i) => i + 1 },
  { header: '居民（打码）', width: 12, value: (e) => e.name, personal: 'name' },
  { header: '时间', width: 18, value: (e) => chinaStamp(e.at) },
  { header: '类型', width: 10, value: (e) => pointKindLabel(e.kind) },
  { header: '说明', width: 30, value: (e) => e.label },
  { header: '积分变动', width: 10, value: (e) => e.amount },
  { header: '变动后余额', width: 12, value: (e) => e.balanceAfter },
  { header: '原因', width: 24, value: (e) => e.reason },
]

export const pointsExport = exportKind({
  kind: 'points',
  label: '积分明细',
  roles: ['committee', 'admin'],
  /** the ledger is kept per resident, and the committee reads it one resident at a time */
  filters: z.strictObject({ memberId: id }),
  async build(ctx, filters) {
    const ledger = await runAs(ctx, memberLedger, filters)
    const rows = ledger.entries.map((e) => ({ ...e, name: ledger.name }))
    return { sheets: [sheet({ name: '积分明细', columns, rows })], target: { collection: 'pointEntries', id: ledger.memberId } }
  },
})
