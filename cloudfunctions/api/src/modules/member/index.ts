/**
 * The committee workbench: pending verifications, the member list, and roles.
 * Building leads verify the households of their own buildings; the committee all.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import type { Patch, ScopedDb, StoredDoc } from '../../platform/db'
import { forbidden, notFound, precondition } from '../../platform/errors'
import { pageLink } from '../../platform/links'
import { householdLabels } from '../../platform/names'
import { notify } from '../../platform/notify'
import { payOwed, type OwingDoc } from '../../platform/owed'
import { maskName } from '../../platform/privacy'
import { GRANTABLE_ROLES, isCommittee, removeAdmin, type Membership } from '../../platform/roles'
import { cursor, id, limit, text, unstoredText } from '../../platform/validation'
import { assertLeadOf } from '../community'

export interface Verification extends StoredDoc {
  memberId: string
  householdId: string
  decision: 'verified' | 'declined'
  reason: string | null
  /** the member (by membership id) who decided */
  decidedBy: string
  at: Date
}

/** What the workbench shows of a member: the committee sees contact details, a building lead a masked name only. */
function memberView(m: Membership, households: Map<string, string>, full: boolean) {
  return {
    memberId: m._id,
    nickname: m.nickname ?? '',
    realName: full ? (m.realName ?? null) : m.realName ? maskName(m.realName) : null,
    phone: full ? (m.phone ?? null) : null,
    /** whether a phone is on file; only the committee sees the number */
    hasPhone: !!m.phone,
    household: m.householdId ? (households.get(m.householdId) ?? '') : '',
    buildingId: m.buildingId ?? null,
    status: m.status,
    declineReason: m.declineReason ?? null,
    roles: m.roles,
    buildingIds: m.buildingIds ?? [],
    joinedAt: new Date(m.createdAt).toISOString(),
  }
}

export const listMembers = action({
  name: 'member.list',
  summary: '成员列表（居委会、管理员；楼栋长只看自己负责的楼栋）：按楼栋、认证状态筛选，按昵称或房号搜索',
  roles: ['committee', 'admin', 'buildingLead'],
  input: z.strictObject({
    buildingId: id.optional(),
    status: z.enum(['unverified', 'verified', 'declined']).optional(),
    q: unstoredText(20, '查找居民的关键词，不保存').optional(),
    limit: limit(100, 50),
    cursor,
  }),
  async run({ db, member, input }) {
    const committee = isCommittee(member)
    const buildings = input.buildingId ? [input.buildingId] : committee ? null : (member.membership.buildingIds ?? [])
    if (input.buildingId) assertLeadOf(member, input.buildingId)
    if (buildings && buildings.length === 0) return { items: [], nextCursor: null }

    const _ = db._
    const query: Record<string, unknown> = {
      status: input.status ?? _.in(['unverified', 'verified', 'declined']),
    }
    if (buildings) query.buildingId = buildings.length === 1 ? buildings[0] : _.in(buildings)
    const offset = input.cursor ?? 0
    // Pending first, then by joining date; a search filters the page set in memory (communities are small).
    // Street accounts are attached to the community but are not residents.
    let rows = (await db.collection<Membership>('memberships').find(query, { orderBy: [['createdAt', 'desc']], limit: 1000 })).filter(
      (m) => !(m.roles as string[]).includes('street'),
    )
    const labels = await householdLabels(db, rows.map((m) => m.householdId))
    if (input.q) {
      const q = input.q
      rows = rows.filter((m) => (m.nickname ?? '').includes(q) || (m.householdId && labels.get(m.householdId)?.includes(q)) || (committee && m.realName?.includes(q)))
    }
    const rank = { unverified: 0, declined: 1, verified: 2, left: 3 }
    rows.sort((a, b) => rank[a.status] - rank[b.status])
    const page = rows.slice(offset, offset + input.limit)
    return {
      items: page.map((m) => memberView(m, labels, committee)),
      total: rows.length,
      nextCursor: rows.length > offset + input.limit ? String(offset + input.limit) : null,
    }
  },
})

export const verifyMember = action({
  name: 'member.verify',
  summary: '确认或驳回居民的住户登记（驳回须写明理由，居民可见）；重复确认不会产生第二条记录',
  roles: ['committee', 'admin', 'buildingLead'],
  input: z
    .strictObject({
      memberId: id,
      approve: z.boolean(),
      reason: text(100).optional(),
    })
    .refine((v) => v.approve || !!v.reason, { message: '驳回时请写明理由', path: ['reason'] }),
  async run(ctx) {
    const { db, member, input, clock } = ctx
    const target = await db.collection<Membership>('memberships').get(input.memberId)
    if (!target || target.status === 'left') throw notFound('没有这位居民')
    assertLeadOf(member, target.buildingId)
    if (!target.householdId) throw precondition('这位居民还没有登记住户')
    if (target._id === member.membership._id) throw forbidden('不能认证自己的住户，请由其他成员确认')

    const decision = input.approve ? ('verified' as const) : ('declined' as const)
    const now = clock.now()
    // One record per member, household and decision: a second click or a colleague at the same moment finds it done.
    const recordId = `${target._id}:${target.householdId}:${decision}`
    const outcome = await db.transaction(async (tx) => {
      const current = await tx.get<Membership>('memberships', target._id)
      if (!current || current.householdId !== target.householdId) return { changed: false, status: current?.status ?? 'left' }
      if (current.status === decision) return { changed: false, status: current.status }
      if (current.status === 'verified' && decision === 'declined') return { changed: false, status: current.status }
      await tx.update('memberships', target._id, {
        status: decision,
        declineReason: input.approve ? null : input.reason,
        verifiedAt: input.approve ? now : null,
      })
      await tx.set('verifications', recordId, {
        memberId: target._id,
        householdId: target.householdId,
        decision,
        reason: input.reason ?? null,
        decidedBy: member.membership._id,
        at: now,
        // The resident is told of the decision after the transaction; a crash before that leaves it owed (platform/owed).
        owes: ['member'],
      })
      return { changed: true, status: decision }
    })
    await tellDecision(ctx, recordId)
    if (outcome.changed) {
      await ctx.audit({
        action: 'member.verify',
        target: { collection: 'memberships', id: target._id },
        before: { status: target.status },
        after: { status: decision, reason: input.reason ?? null },
      })
    }
    return { memberId: target._id, status: outcome.status, changed: outcome.changed }
  },
})

/**
 * Closes the verification loop: the resident hears that their household was confirmed
 * (and what they may now do) or declined (and why). Whoever sees the record still owing
 * — this call, or its retry after a crash — tells them, once (a keyed message).
 */
async function tellDecision(ctx: Parameters<typeof notify>[0] & { db: ScopedDb }, recordId: string) {
  const { db } = ctx
  const record = await db.collection<VerificationRecord>('verifications').get(recordId)
  if (!record?.owes?.length) return
  await payOwed(db, 'verifications', record, async (key) => {
    if (key !== 'member') return
    const approved = record.decision === 'verified'
    await notify(ctx, db, [record.memberId], {
      kind: 'member.verified',
      title: approved ? '住户认证已通过' : '住户认证未通过',
      body: approved ? '你登记的住户已确认，现在可以附议、投票和报名参加活动了。' : `理由：${record.reason ?? '未说明'}。请核对房号后重新登记，或联系楼栋长。`,
      link: pageLink('household'),
      template: 'reviewResult',
      key: `verify-${record._id}`,
    })
  })
}

interface VerificationRecord extends OwingDoc {
  memberId: string
  decision: 'verified' | 'declined'
  reason: string | null
}

const roleInput = z.strictObject({
  memberId: id,
  role: z.enum(GRANTABLE_ROLES),
  /** for building leads: the buildings they look after */
  buildingIds: z.array(id).min(1).max(50).optional(),
})

/** A member's roles as they stand now, for the reply and the audit log. */
async function rolesNow(db: ScopedDb, memberId: string) {
  const m = await db.collection<Membership>('memberships').require(memberId, '没有这位居民')
  return { roles: m.roles, buildingIds: m.buildingIds ?? [] }
}

/*
 * Grants and revokes change one role each with an array operator ($addToSet, $pull) on
 * the stored roles, never by writing back a list read earlier: a grant and a revoke of
 * other roles sent at the same moment both take effect. Only a change that changed
 * something is audited, so retries and repeats leave one entry.
 */

export const grantRole = action({
  name: 'member.grantRole',
  summary: '授予角色：志愿者、楼栋长（须指定楼栋）、居委会、管理员（管理员；写入审计日志）',
  roles: ['admin'],
  input: roleInput,
  async run(ctx) {
    const { db, input } = ctx
    const _ = db._
    const target = await db.collection<Membership>('memberships').get(input.memberId)
    if (!target || target.status === 'left' || (target.roles as string[]).includes('street')) throw notFound('没有这位居民')
    if (input.role === 'buildingLead' && !input.buildingIds) throw precondition('请选择楼栋长负责的楼栋')
    if (input.buildingIds) {
      const found = await db.collection('buildings').count({ _id: _.in(input.buildingIds) })
      if (found !== new Set(input.buildingIds).size) throw notFound('所选楼栋不存在')
    }
    const patch: Patch = { roles: _.addToSet(input.role) }
    if (input.role === 'buildingLead') patch.buildingIds = _.set([...new Set(input.buildingIds)])
    const changed = await db.collection('memberships').update(target._id, patch, { status: _.neq('left') })
    const after = await rolesNow(db, target._id)
    if (changed) {
      await ctx.audit({
        action: 'member.grantRole',
        target: { collection: 'memberships', id: target._id },
        before: { roles: target.roles, buildingIds: target.buildingIds ?? [] },
        after,
      })
    }
    return { memberId: target._id, ...after }
  },
})

export const revokeRole = action({
  name: 'member.revokeRole',
  summary: '撤销角色（管理员；不能撤销最后一位管理员；写入审计日志）',
  roles: ['admin'],
  input: roleInput.omit({ buildingIds: true }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const _ = db._
    const target = await db.collection<Membership>('memberships').get(input.memberId)
    if (!target || target.status === 'left') throw notFound('没有这位居民')
    const patch: Patch = { roles: _.pull(input.role) }
    if (input.role === 'buildingLead') patch.buildingIds = _.set([])
    let changed: boolean
    if (input.role === 'admin') {
      const outcome = await removeAdmin(db, target._id, patch, clock.now(), member.membership._id)
      if (outcome === 'lastAdmin') throw precondition('这是最后一位管理员，请先任命新的管理员')
      if (outcome === 'actorNotAdmin') throw forbidden('你已不是管理员')
      changed = outcome === 'removed'
    } else {
      changed = (await db.collection('memberships').update(target._id, patch, { roles: input.role })) === 1
    }
    const after = await rolesNow(db, target._id)
    if (changed) {
      await ctx.audit({
        action: 'member.revokeRole',
        target: { collection: 'memberships', id: target._id },
        before: { roles: target.roles, buildingIds: target.buildingIds ?? [] },
        after,
      })
    }
    return { memberId: target._id, ...after }
  },
})

export const actions = [listMembers, verifyMember, grantRole, revokeRole] as const
