import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { outcomeLabel } from '../../../platform/labels'
import { getMotion, listMotions } from '../../council/motions'
import { allPages, eachDetail, exportKind, runAs, yesNo } from '../kind'

type Motion = Awaited<ReturnType<typeof getMotion.run>>

const STATE: Record<string, string> = { upcoming: '未开始', open: '投票中', closed: '已结束' }
const UNIT: Record<string, string> = { household: '每户一票', person: '每人一票' }

/**
 * Counts only, per option, as the motion shows them to the committee: a secret motion
 * never stored who chose what, and an open one's voters stay out of the file too.
 */
const tally = (m: Motion) => (m.counts ? m.options.map((o, k) => `${o} ${m.counts![k] ?? 0} 票`).join('；') : '未公开')

const columns: Array<Column<Motion>> = [
  { header: '序号', width: 6, value: (_m, i) => i + 1 },
  { header: '表决事项', width: 30, value: (m) => m.title },
  { header: '计票单位', width: 10, value: (m) => UNIT[m.unit] ?? m.unit },
  { header: '通过规则', width: 16, value: (m) => m.ruleLabel },
  { header: '不记名', width: 8, value: (m) => yesNo(m.secret) },
  { header: '开始时间', width: 18, value: (m) => chinaStamp(m.opensAt) },
  { header: '截止时间', width: 18, value: (m) => chinaStamp(m.closesAt) },
  { header: '状态', width: 8, value: (m) => STATE[m.state] ?? m.state },
  { header: '应参与', width: 8, value: (m) => m.eligible },
  { header: '已参与', width: 8, value: (m) => m.cast },
  { header: '参与率（%）', width: 10, value: (m) => m.result?.turnoutPercent ?? null },
  { header: '各选项票数', width: 36, value: tally },
  { header: '表决结果', width: 10, value: (m) => (m.outcome ? outcomeLabel(m.outcome) : '') },
  { header: '决议摘要', width: 40, value: (m) => m.result?.summary ?? '' },
]

export const motionsExport = exportKind({
  kind: 'motions',
  label: '表决结果',
  roles: ['committee', 'admin'],
  filters: z.strictObject({ status: z.enum(['open', 'closed']).default('closed') }),
  async build(ctx, filters) {
    const rows = await allPages(ctx, listMotions, filters)
    // The list's card holds no counts: each motion is read as its own page shows it.
    const motions = (await eachDetail(rows, (r) => runAs(ctx, getMotion, { motionId: r.id }))).map((d) => d.detail)
    return { sheets: [sheet({ name: '表决', columns, rows: motions })], target: { collection: 'motions', id: ctx.db.communityId } }
  },
})
