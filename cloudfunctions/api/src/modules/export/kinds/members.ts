import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { membershipStatusLabel, roleLabel } from '../../../platform/labels'
import { id } from '../../../platform/validation'
import { listMembers } from '../../member'
import { allPages, exportKind } from '../kind'

type Row = Awaited<ReturnType<typeof listMembers.run>>['items'][number]

/** The committee works from the member list with contact details in full; a building lead sees masked names and no phone. */
const COMMITTEE = ['committee', 'admin'] as const

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '昵称', width: 14, value: (r) => r.nickname, personal: 'name', plainFor: COMMITTEE },
  { header: '真实姓名', width: 12, value: (r) => r.realName, personal: 'name', plainFor: COMMITTEE },
  { header: '手机号', width: 14, value: (r) => r.phone, personal: 'phone', plainFor: COMMITTEE },
  { header: '楼栋/房号', width: 18, value: (r) => r.household },
  { header: '认证状态', width: 10, value: (r) => membershipStatusLabel(r.status) },
  { header: '驳回理由', width: 20, value: (r) => r.declineReason },
  { header: '角色', width: 16, value: (r) => (r.roles as string[]).map(roleLabel).join('、') },
  { header: '加入时间', width: 18, value: (r) => chinaStamp(r.joinedAt) },
]

interface Household {
  household: string
  members: number
  verified: number
  pending: number
  declined: number
}

const householdColumns: Array<Column<Household>> = [
  { header: '楼栋/房号', width: 18, value: (h) => h.household },
  { header: '登记人数', width: 10, value: (h) => h.members },
  { header: '已认证', width: 8, value: (h) => h.verified },
  { header: '待认证', width: 8, value: (h) => h.pending },
  { header: '已驳回', width: 8, value: (h) => h.declined },
  { header: '住户认证状态', width: 14, value: (h) => (h.verified > 0 ? '已认证' : h.pending > 0 ? '待认证' : '未通过') },
]

/** Households as the member rows give them: one per home someone registered, with how far its people are verified. */
function households(rows: readonly Row[]): Household[] {
  const byLabel = new Map<string, Household>()
  for (const r of rows) {
    if (!r.household) continue
    const h = byLabel.get(r.household) ?? { household: r.household, members: 0, verified: 0, pending: 0, declined: 0 }
    h.members++
    if (r.status === 'verified') h.verified++
    else if (r.status === 'declined') h.declined++
    else h.pending++
    byLabel.set(r.household, h)
  }
  return [...byLabel.values()].sort((a, b) => a.household.localeCompare(b.household, 'zh'))
}

export const membersExport = exportKind({
  kind: 'members',
  label: '成员与住户',
  roles: ['committee', 'admin', 'buildingLead'],
  filters: z.strictObject({ buildingId: id.optional(), status: z.enum(['unverified', 'verified', 'declined']).optional() }),
  async build(ctx, filters) {
    const rows = await allPages(ctx, listMembers, filters, 100)
    return {
      sheets: [sheet({ name: '成员', columns, rows }), sheet({ name: '住户', columns: householdColumns, rows: households(rows) })],
      target: { collection: 'memberships', id: ctx.db.communityId },
    }
  },
})
