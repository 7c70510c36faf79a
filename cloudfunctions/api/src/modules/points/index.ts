/**
 * 积分: a member reads their own ledger; an admin corrects one with a reason; the
 * committee reads anyone's. Credits themselves come from the areas (a check-in,
 * later a service record or a redemption) through platform/points.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { auditRecord } from '../../platform/audit'
import { payOwedCredits } from '../../platform/checkin'
import { isDuplicateWrite } from '../../platform/errors'
import { BALANCES, balanceId, balanceOf, chinaDay, ENTRIES, entryId, postEntry, type PointBalance, type PointEntry } from '../../platform/points'
import { registerPersonalData } from '../../platform/personal'
import { maskName } from '../../platform/privacy'
import { residentById } from '../../platform/roles'
import { cursor, id, text } from '../../platform/validation'
import { findPage } from '../../platform/paging'
import { iso } from '../../platform/time'

const entryView = (e: PointEntry) => ({
  id: e._id,
  amount: e.amount,
  kind: e.kind,
  label: e.label,
  reason: e.reason,
  /** who made it (an organiser's or an admin's member id); null for the system */
  by: e.by,
  at: iso(e.at)!,
  balanceAfter: e.balanceAfter,
})

export const myPoints = action({
  name: 'points.mine',
  summary: '我的积分：余额和积分明细（最新的在前，每页 20 条）',
  roles: ['resident'],
  input: z.strictObject({ cursor }),
  async run(ctx) {
    const { db, input, member } = ctx
    const me = member.membership._id
    // What a scan earned and has not been paid yet lands first, so 我的积分 shows it.
    await payOwedCredits(db, { memberId: me }, () => ctx.settings)
    const [balance, { page, nextCursor }] = await Promise.all([
      db.collection<PointBalance>(BALANCES).get(balanceId(me)),
      findPage(db.collection<PointEntry>(ENTRIES), { memberId: me }, [['seq', 'desc']], { limit: 20, cursor: input.cursor }),
    ])
    return { balance: balance?.balance ?? 0, entries: page.map(entryView), nextCursor }
  },
})

export const adjustPoints = action({
  name: 'points.adjust',
  summary: '调整居民积分（管理员；须写明原因；扣减不能使余额小于 0；同一天同一原因的同额调整只记一次；写入审计日志）',
  roles: ['admin'],
  input: z.strictObject({
    memberId: id,
    amount: z.number().int('积分须为整数').min(-10000).max(10000).refine((n) => n !== 0, '调整的积分不能为 0'),
    reason: text(200, 2),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const holder = await residentById(db, input.memberId)
    const now = clock.now()
    const admin = member.membership._id
    // The same correction sent again (a retry, a double tap) the same day is one entry.
    const source = `adjust:${admin}:${input.amount}:${chinaDay(now)}:${input.reason}`
    const id = entryId(holder._id, source)
    try {
      return await db.transaction(async (tx) => {
        const done = await postEntry(tx, { memberId: holder._id, amount: input.amount, kind: 'correction', source, label: '积分调整', reason: input.reason, by: admin, at: now }, null)
        // Audited in the same transaction: no correction without its audit entry, whatever crashes.
        await tx.add(
          'auditLog',
          auditRecord(admin, ctx.requestId, now, {
            action: 'points.adjust',
            target: { collection: ENTRIES, id },
            before: { balance: done.balance - done.amount },
            after: { balance: done.balance, amount: done.amount, memberId: holder._id },
            reason: input.reason,
          }),
        )
        return { status: 'credited' as const, entryId: id, balance: done.balance }
      })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      return { status: 'already' as const, entryId: id, balance: await balanceOf(db, holder._id) }
    }
  },
})

export const memberLedger = action({
  name: 'points.ledger',
  summary: '居民的积分账（居委会）：余额和最近 100 条明细，核对和答复居民的疑问',
  roles: ['committee', 'admin'],
  input: z.strictObject({ memberId: id }),
  async run(ctx) {
    const { db, input } = ctx
    const holder = await residentById(db, input.memberId)
    await payOwedCredits(db, { memberId: holder._id }, () => ctx.settings)
    const [balance, entries] = await Promise.all([
      db.collection<PointBalance>(BALANCES).get(balanceId(holder._id)),
      db.collection<PointEntry>(ENTRIES).find({ memberId: holder._id }, { orderBy: [['seq', 'desc']], limit: 100 }),
    ])
    return { memberId: holder._id, name: maskName(holder.nickname), balance: balance?.balance ?? 0, entries: entries.map(entryView) }
  },
})


registerPersonalData({
  name: 'points',
  async export(db, m) {
    const [balance, entries] = await Promise.all([
      db.collection<PointBalance>(BALANCES).get(balanceId(m._id)),
      db.collection<PointEntry>(ENTRIES).find({ memberId: m._id }, { orderBy: [['seq', 'desc']], limit: 1000 }),
    ])
    return { balance: balance?.balance ?? 0, entries: entries.map(entryView) }
  },
})

export const actions = [myPoints, adjustPoints, memberLedger] as const
