import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { publicNames } from '../../../platform/names'
import { id } from '../../../platform/validation'
import { VOTES, type Vote } from '../../award/model'
import { getCampaign } from '../../award/campaigns'
import { exportKind, MAX_ROWS, runAs } from '../kind'

type Candidate = Awaited<ReturnType<typeof getCampaign.run>>['candidates'][number]
type Voided = Pick<Vote, 'number' | 'at' | 'voidReason' | 'voidedAt'> & { voter: string }

/** Candidates are named in full to the committee (it reviewed the nominations) and masked to anyone else. */
const COMMITTEE = ['committee', 'admin'] as const

const columns: Array<Column<Candidate>> = [
  { header: '编号', width: 6, value: (c) => c.number },
  { header: '候选人', width: 12, value: (c) => c.name, personal: 'name', plainFor: COMMITTEE },
  { header: '类别', width: 12, value: (c) => c.category },
  { header: '有效票', width: 8, value: (c) => c.votes ?? null },
  { header: '作废票', width: 8, value: (c) => c.voided ?? null },
  { header: '评审分', width: 8, value: (c) => c.juryScore ?? null },
  { header: '综合得分', width: 10, value: (c) => c.finalScore ?? null },
  { header: '名次', width: 6, value: (c) => c.rank ?? null },
  { header: '当选', width: 6, value: (c) => (c.winner ? '是' : '') },
]

const voidColumns: Array<Column<Voided>> = [
  { header: '候选人编号', width: 10, value: (v) => v.number },
  { header: '投票人（打码）', width: 14, value: (v) => v.voter, personal: 'name' },
  { header: '投票时间', width: 18, value: (v) => chinaStamp(v.at) },
  { header: '作废时间', width: 18, value: (v) => chinaStamp(v.voidedAt ?? null) },
  { header: '作废理由', width: 30, value: (v) => v.voidReason ?? '' },
]

export const awardsExport = exportKind({
  kind: 'awards',
  label: '评选结果',
  roles: ['committee', 'admin'],
  filters: z.strictObject({ campaignId: id }),
  async build(ctx, filters) {
    const c = await runAs(ctx, getCampaign, filters)
    const voided = await ctx.db
      .collection<Vote>(VOTES)
      .find({ campaignId: c.campaignId, status: 'void' }, { orderBy: [['at', 'asc']], limit: MAX_ROWS, fields: { number: true, at: true, voidReason: true, voidedAt: true, voterId: true } })
    const nameOf = await publicNames(ctx.db, voided.map((v) => v.voterId))
    const rows = voided.map((v) => ({ number: v.number, at: v.at, voidReason: v.voidReason, voidedAt: v.voidedAt, voter: nameOf(v.voterId) }))
    return {
      sheets: [sheet({ name: c.title, columns, rows: c.candidates }), sheet({ name: '作废选票', columns: voidColumns, rows })],
      target: { collection: 'awardCampaigns', id: c.campaignId },
    }
  },
})
