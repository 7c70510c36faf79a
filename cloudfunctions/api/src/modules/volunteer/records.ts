/**
 * Service records (志愿服务记录): 我的志愿 (credited hours, honour hours apart, the
 * star level, every record), the lead's settlement of a check-in left without a
 * check-out, honour hours (荣誉时长) confirmed by a second person, and correction
 * requests once the records are final (10 working days after the shift).
 */
import { z } from 'zod'
import { action, timer, type ActionContext } from '../../platform/action'
import { auditRecord } from '../../platform/audit'
import { attendanceId, checkinKind, checkOut, CREDIT, minimumMinutes, payCredit, payOwedCredits, type AlsoWrite, type Attendance } from '../../platform/checkin'
import { addOnce, BUSY, type ScopedDb } from '../../platform/db'
import { conflict, forbidden, invalid, isDuplicateWrite, notFound, precondition } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { notify } from '../../platform/notify'
import { registerPersonalData } from '../../platform/personal'
import { BALANCES, balanceId, chinaDay, postEntry, servicePoints, type PointBalance } from '../../platform/points'
import { isCommittee, residentById } from '../../platform/roles'
import { publicNames } from '../../platform/names'
import { chinaTime, iso } from '../../platform/time'
import { id, limit, text } from '../../platform/validation'
import {
  CERTIFICATES,
  correctionId,
  CORRECTIONS,
  honourId,
  HONOURS,
  hours,
  ID_KEYS,
  SHIFTS,
  starFor,
  TEAMS,
  TOTALS,
  totalsId,
  VOLUNTEERS,
  volunteerId,
  type Certificate,
  type Correction,
  type Honour,
  type Shift,
  type Team,
  type Totals,
  type Volunteer,
} from './model'
import { mustOrganise } from './people'
import { isFinal, organisesShift, requireShift, shiftMinutes } from './shifts'
import { addCreditedMinutes, addHonourMinutes } from './totals'

const when = z.iso.datetime({ offset: true, message: '时间格式不对' })

export type RecordStatus = 'open' | 'credited' | 'short' | 'absent'

export function recordStatus(a: Pick<Attendance, 'checkedOutAt' | 'creditedMinutes' | 'minutes' | 'outMethod'>): RecordStatus {
  if (!a.checkedOutAt) return 'open'
  if ((a.creditedMinutes ?? 0) > 0) return 'credited'
  return a.outMethod === 'manual' && (a.minutes ?? 0) === 0 ? 'absent' : 'short'
}

/** The star level a member holds and the next one, under the community's thresholds. */
export function starView(t: Pick<Totals, 'star' | 'creditedMinutes'> | null, thresholds: readonly number[]) {
  const star = Math.max(t?.star ?? 0, starFor(t?.creditedMinutes ?? 0, thresholds))
  const next = star < thresholds.length ? { level: star + 1, hours: thresholds[star] } : null
  return { star, nextStar: next, thresholds: [...thresholds] }
}

export interface ServiceRecord {
  shiftId: string
  project: string
  content: string
  place: string
  startAt: string
  endAt: string
  /** China date of the shift, YYYY-MM-DD */
  date: string
  status: RecordStatus
  checkedInAt: string
  checkedOutAt: string | null
  minutes: number | null
  creditedMinutes: number
  creditedHours: number
  honourMinutes: number
  honourStatus: Honour['status'] | null
  final: boolean
  finalAt: string
  correction: { status: Correction['status']; request: string; answer: string | null } | null
}

/** A member's records, newest first: every shift they checked in at or were given honour hours for. */
export async function serviceRecords(db: ScopedDb, memberId: string, now: Date, max = 500): Promise<ServiceRecord[]> {
  const [attendance, honours, corrections] = await Promise.all([
    db.collection<Attendance>('attendance').find({ memberId, kind: 'shift' }, { orderBy: [['at', 'desc']], limit: max }),
    db.collection<Honour>(HONOURS).find({ memberId }, { orderBy: [['addedAt', 'desc']], limit: max }),
    db.collection<Correction>(CORRECTIONS).find({ memberId }, { orderBy: [['requestedAt', 'desc']], limit: max }),
  ])
  const shiftIds = [...new Set([...attendance.map((a) => a.eventId), ...honours.map((h) => h.shiftId)])]
  const shifts = shiftIds.length ? await db.collection<Shift>(SHIFTS).find({ _id: db._.in(shiftIds) }, { limit: shiftIds.length, fields: { signups: false } }) : []
  const byShift = new Map(shifts.map((s) => [s._id, s]))
  const attendanceOf = new Map(attendance.map((a) => [a.eventId, a]))
  const honourOf = new Map(honours.map((h) => [h.shiftId, h]))
  const correctionOf = new Map(corrections.map((c) => [c.shiftId, c]))
  const records: ServiceRecord[] = []
  for (const shiftId of shiftIds) {
    const s = byShift.get(shiftId)
    if (!s) continue
    const a = attendanceOf.get(shiftId)
    const h = honourOf.get(shiftId)
    const c = correctionOf.get(shiftId)
    const credited = a?.creditedMinutes ?? 0
    records.push({
      shiftId,
      project: s.title,
      content: s.content,
      place: s.place,
      startAt: iso(s.startAt)!,
      endAt: iso(s.endAt)!,
      date: chinaDay(new Date(s.startAt)),
      status: a ? recordStatus(a) : 'absent',
      checkedInAt: iso(a?.at ?? null) ?? '',
      checkedOutAt: iso(a?.checkedOutAt ?? null),
      minutes: a?.minutes ?? null,
      creditedMinutes: credited,
      creditedHours: hours(credited),
      honourMinutes: h?.status === 'confirmed' ? h.minutes : 0,
      honourStatus: h?.status ?? null,
      final: isFinal(s, now),
      finalAt: iso(s.finalAt)!,
      correction: c ? { status: c.status, request: c.request, answer: c.answer } : null,
    })
  }
  return records.sort((x, y) => y.startAt.localeCompare(x.startAt))
}

export const myRecords = action({
  name: 'volunteer.record.mine',
  summary: '我的志愿：服务时长（扫码签到签退计入）、荣誉时长（另计）、星级和下一星级所需时长、每条服务记录（项目、日期、地点、内容、时长、是否已定稿、更正申请）',
  roles: ['resident'],
  input: z.strictObject({}),
  async run(ctx) {
    const { db, member, clock } = ctx
    const me = member.membership._id
    // Hours a check-out scan left owed land first (platform/checkin).
    await payOwedCredits(db, { memberId: me }, () => ctx.settings)
    const [totals, rules, records] = await Promise.all([db.collection<Totals>(TOTALS).get(totalsId(me)), ctx.settings, serviceRecords(db, me, clock.now())])
    return {
      creditedHours: hours(totals?.creditedMinutes ?? 0),
      honourHours: hours(totals?.honourMinutes ?? 0),
      ...starView(totals, rules.starHours),
      starAwards: (totals?.starAwards ?? []).map((s) => ({ level: s.level, at: iso(s.at)! })),
      /** the community's share of a shift one must be present for */
      serviceShare: rules.serviceShare,
      records,
    }
  },
})

/** The organiser's audit entry, written in the transaction of the change it records. */
const auditIn = (ctx: ActionContext<unknown>, action: string, target: { collection: string; id: string }, rest: { before?: unknown; after?: unknown; reason?: string }) =>
  auditRecord(ctx.member.membership._id, ctx.requestId, ctx.clock.now(), { action, target, ...rest })

export const settleRecord = action({
  name: 'volunteer.record.settle',
  summary: '结算没有签退的签到（队长或居委会；定稿前）：填写实际离开时间，或记为未服务；须写明原因，写入审计日志；时长同样按在岗比例计入',
  roles: ['resident'],
  input: z
    .strictObject({ shiftId: id, memberId: id, leftAt: when.optional(), absent: z.literal(true).optional(), reason: text(200, 2) })
    .refine((v) => !!v.leftAt !== !!v.absent, { message: '请填写离开时间，或记为未服务（二选一）', path: ['leftAt'] }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const s = await requireShift(ctx, input.shiftId)
    mustOrganise(await organisesShift(ctx, s))
    const now = clock.now()
    if (isFinal(s, now)) throw precondition('这个时段的记录已定稿（服务后 10 个工作日），如需更改请由志愿者申请更正')
    assertOwnId(db, input.memberId, '没有这位居民')
    const aid = attendanceId('shift', s._id, input.memberId)
    const open = await db.collection<Attendance>('attendance').get(aid)
    if (!open) throw precondition('这位志愿者没有签到，不能结算；漏签的服务可登记荣誉时长')
    if (open.checkedOutAt) return { status: 'already' as const, minutes: open.minutes ?? 0, creditedMinutes: open.creditedMinutes ?? 0 }
    const inAt = new Date(open.at).getTime()
    const leftAt = input.leftAt ? new Date(input.leftAt) : new Date(inAt)
    if (leftAt.getTime() < inAt) throw invalid('离开时间不能早于签到时间')
    if (leftAt.getTime() > now.getTime()) throw invalid('离开时间不能晚于现在')
    const also: AlsoWrite = async (tx) => {
      await tx.add('auditLog', auditIn(ctx, 'volunteer.record.settle', { collection: 'attendance', id: aid }, { before: { checkedOutAt: null }, after: { leftAt, absent: !!input.absent }, reason: input.reason }))
    }
    const kind = checkinKind('shift')
    const cap = shiftMinutes(s)
    const done = await checkOut(db, kind, { eventId: s._id, memberId: input.memberId, method: 'manual', by: ctx.member.membership._id, at: leftAt, capMinutes: cap, minMinutes: minimumMinutes(kind, await ctx.settings, cap) }, also)
    if (done.owed) await payCredit(db, aid, () => ctx.settings)
    return { status: done.status === 'already' ? ('already' as const) : ('settled' as const), minutes: done.minutes ?? 0, creditedMinutes: done.creditedMinutes ?? 0 }
  },
})

// ---- honour hours ----

export const addHonour = action({
  name: 'volunteer.honour.add',
  summary: '登记荣誉时长（队长或居委会；定稿前）：为无法扫码的服务补记，不超过时段时长，须写明原因；另一位居委会成员确认后计入荣誉时长，不计入服务时长；写入审计日志',
  roles: ['resident'],
  input: z.strictObject({ shiftId: id, memberId: id, minutes: z.number().int().min(1).max(720), reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    const s = await requireShift(ctx, input.shiftId)
    mustOrganise(await organisesShift(ctx, s))
    const now = clock.now()
    if (isFinal(s, now)) throw precondition('这个时段的记录已定稿（服务后 10 个工作日），不能再登记荣誉时长')
    if (new Date(s.startAt).getTime() > now.getTime()) throw precondition('服务开始后才能登记荣誉时长')
    const cap = shiftMinutes(s)
    if (input.minutes > cap) throw invalid(`荣誉时长不能超过这个时段的时长（${cap} 分钟）`)
    const who = await residentById(db, input.memberId)
    const hid = honourId(s._id, who._id)
    const doc: Honour = {
      _id: hid,
      communityId: db.communityId,
      shiftId: s._id,
      memberId: who._id,
      minutes: input.minutes,
      reason: input.reason,
      status: 'pending',
      addedBy: member.membership._id,
      addedAt: now,
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
    }
    try {
      await db.transaction(async (tx) => {
        await tx.add(HONOURS, doc)
        await tx.add('auditLog', auditIn(ctx, 'volunteer.honour.add', { collection: HONOURS, id: hid }, { after: { memberId: who._id, minutes: input.minutes }, reason: input.reason }))
      })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      throw precondition('已为这位志愿者登记过这个时段的荣誉时长')
    }
    return { honourId: hid, status: 'pending' as const }
  },
})

export const pendingHonours = action({
  name: 'volunteer.honour.pending',
  summary: '待确认的荣誉时长（居委会）：时段、志愿者（姓名打码）、时长、原因和登记人；自己登记的不能自己确认',
  roles: ['committee', 'admin'],
  input: z.strictObject({ limit: limit(200, 50) }),
  async run({ db, input, member }) {
    const rows = await db.collection<Honour>(HONOURS).find({ status: 'pending' }, { orderBy: [['addedAt', 'asc']], limit: input.limit })
    const shiftIds = [...new Set(rows.map((h) => h.shiftId))]
    const shifts = shiftIds.length ? await db.collection<Shift>(SHIFTS).find({ _id: db._.in(shiftIds) }, { limit: shiftIds.length, fields: { title: true, startAt: true } }) : []
    const titles = new Map(shifts.map((s) => [s._id, `${s.title}（${chinaTime(s.startAt)}）`]))
    const nameOf = await publicNames(db, rows.flatMap((h) => [h.memberId, h.addedBy]))
    return {
      items: rows.map((h) => ({
        honourId: h._id,
        shiftId: h.shiftId,
        shift: titles.get(h.shiftId) ?? '',
        memberId: h.memberId,
        name: nameOf(h.memberId),
        minutes: h.minutes,
        reason: h.reason,
        addedBy: nameOf(h.addedBy),
        addedAt: iso(h.addedAt)!,
        /** the second person must be someone else */
        canConfirm: h.addedBy !== member.membership._id,
      })),
    }
  },
})

export const confirmHonour = action({
  name: 'volunteer.honour.confirm',
  summary: '确认或退回荣誉时长（居委会，且不是登记人本人）：确认后计入荣誉时长（每人每年有上限），退回须写明原因；写入审计日志',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({ honourId: id, approve: z.boolean(), reason: text(200, 2).optional() })
    .refine((v) => v.approve || !!v.reason, { message: '退回须写明原因', path: ['reason'] }),
  async run(ctx) {
    const { db, input, clock, member, settings } = ctx
    assertOwnId(db, input.honourId, '没有这条荣誉时长')
    const now = clock.now()
    const me = member.membership._id
    const rules = await settings
    const outcome = await db.transaction(async (tx) => {
      const h = await tx.get<Honour>(HONOURS, input.honourId)
      if (!h) throw notFound('没有这条荣誉时长')
      if (h.addedBy === me) throw forbidden('荣誉时长须由登记人以外的另一位居委会成员确认')
      if (h.status !== 'pending') return { status: h.status, changed: false }
      const audit = (after: unknown) => tx.add('auditLog', auditIn(ctx, 'volunteer.honour.confirm', { collection: HONOURS, id: h._id }, { before: { status: 'pending' }, after, reason: input.reason }))
      if (!input.approve) {
        await tx.update(HONOURS, h._id, { status: 'declined', decidedBy: me, decidedAt: now, declineReason: input.reason })
        await audit({ status: 'declined' })
        return { status: 'declined' as const, changed: true }
      }
      const year = chinaDay(now).slice(0, 4)
      const added = await addHonourMinutes(tx, h.memberId, h.minutes, year, now, rules.honourHoursCapPerYear * 60)
      if (added === 'overCap') throw precondition(`超过本社区每人每年 ${rules.honourHoursCapPerYear} 小时的荣誉时长上限`)
      await tx.update(HONOURS, h._id, { status: 'confirmed', decidedBy: me, decidedAt: now })
      await audit({ status: 'confirmed', minutes: h.minutes })
      return { status: 'confirmed' as const, changed: true }
    })
    return { honourId: input.honourId, status: outcome.status }
  },
})

// ---- corrections ----

export const requestCorrection = action({
  name: 'volunteer.record.correct',
  summary: '申请更正一条服务记录（志愿者本人）：说明哪里不对；由该时段的组织者（队长或居委会）答复',
  roles: ['resident'],
  input: z.strictObject({ shiftId: id, request: text(500, 5) }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const s = await requireShift(ctx, input.shiftId)
    const me = member.membership._id
    const now = clock.now()
    const a = await db.collection<Attendance>('attendance').get(attendanceId('shift', s._id, me))
    const h = await db.collection<Honour>(HONOURS).get(honourId(s._id, me))
    const signedUp = s.signups.some((x) => x.memberId === me)
    if (!a && !h && !signedUp) throw precondition('你没有这个时段的服务记录')
    const cid = correctionId(s._id, me)
    const corrections = db.collection<Correction>(CORRECTIONS)
    const doc = {
      _id: cid,
      shiftId: s._id,
      memberId: me,
      request: input.request,
      minutesBefore: a?.creditedMinutes ?? 0,
      status: 'pending' as const,
      requestedAt: now,
      answer: null,
      minutesAfter: null,
      answeredBy: null,
      answeredAt: null,
      history: [],
    }
    if ((await addOnce(corrections, doc)) === 'added') return { correctionId: cid, status: 'pending' as const }
    const prior = await corrections.require(cid)
    if (prior.status === 'pending') throw precondition('这条记录的更正申请正在等待答复')
    const round = { request: prior.request, answer: prior.answer, status: prior.status, requestedAt: prior.requestedAt, answeredAt: prior.answeredAt }
    const asked = await corrections.update(
      cid,
      { request: input.request, minutesBefore: doc.minutesBefore, status: 'pending', requestedAt: now, answer: null, minutesAfter: null, answeredBy: null, answeredAt: null, history: db._.push([round]) },
      { status: prior.status, answeredAt: prior.answeredAt },
    )
    if (!asked) throw precondition('这条记录的更正申请正在等待答复')
    return { correctionId: cid, status: 'pending' as const }
  },
})

export const listCorrections = action({
  name: 'volunteer.record.corrections',
  summary: '待答复的更正申请（我负责的时段；居委会看全部）：时段、志愿者（姓名打码）、现记录的时长和申请内容',
  roles: ['resident'],
  input: z.strictObject({ limit: limit(200, 50) }),
  async run(ctx) {
    const { db, input, member } = ctx
    const rows = await db.collection<Correction>(CORRECTIONS).find({ status: 'pending' }, { orderBy: [['requestedAt', 'asc']], limit: input.limit })
    const shiftIds = [...new Set(rows.map((c) => c.shiftId))]
    const shifts = shiftIds.length ? await db.collection<Shift>(SHIFTS).find({ _id: db._.in(shiftIds) }, { limit: shiftIds.length, fields: { signups: false } }) : []
    const byId = new Map(shifts.map((s) => [s._id, s]))
    let led = new Set<string>()
    if (!isCommittee(member)) {
      const teams = await db.collection<Team>(TEAMS).find({ leadIds: member.membership._id }, { limit: 50, fields: { _id: true } })
      led = new Set(teams.map((t) => t._id))
    }
    const mine = rows.filter((c) => {
      const s = byId.get(c.shiftId)
      return !!s && (isCommittee(member) || (!!s.teamId && led.has(s.teamId)))
    })
    const nameOf = await publicNames(db, mine.map((c) => c.memberId))
    return {
      items: mine.map((c) => {
        const s = byId.get(c.shiftId)!
        return { correctionId: c._id, shiftId: c.shiftId, shift: `${s.title}（${chinaTime(s.startAt)}）`, maxMinutes: shiftMinutes(s), memberId: c.memberId, name: nameOf(c.memberId), minutesBefore: c.minutesBefore, request: c.request, requestedAt: iso(c.requestedAt)! }
      }),
    }
  },
})

export const answerCorrection = action({
  name: 'volunteer.record.answer',
  summary: '答复更正申请（该时段的队长或居委会）：更正时填写应计入的服务时长（分钟，不超过时段时长），时长、星级和积分随之调整；不更正须说明理由；写入审计日志并通知志愿者',
  roles: ['resident'],
  input: z
    .strictObject({ correctionId: id, accept: z.boolean(), minutes: z.number().int().min(0).max(720).optional(), answer: text(300, 2) })
    .refine((v) => !v.accept || v.minutes !== undefined, { message: '更正时请填写应计入的时长', path: ['minutes'] }),
  async run(ctx) {
    const { db, input, clock, member, settings } = ctx
    assertOwnId(db, input.correctionId, '没有这份更正申请')
    const c = await db.collection<Correction>(CORRECTIONS).require(input.correctionId, '没有这份更正申请')
    const s = await requireShift(ctx, c.shiftId)
    mustOrganise(await organisesShift(ctx, s))
    if (c.status !== 'pending') return { correctionId: c._id, status: c.status }
    const now = clock.now()
    const me = member.membership._id
    const cap = shiftMinutes(s)
    if (input.accept && input.minutes! > cap) throw invalid(`服务时长不能超过这个时段的时长（${cap} 分钟）`)
    const rules = await settings
    const aid = attendanceId('shift', s._id, c.memberId)
    // The correction moves totals by what was credited: the credit owed is paid first, or it would be counted twice.
    await payCredit(db, aid, () => settings)
    const status = await db.transaction(async (tx) => {
      const current = await tx.get<Correction>(CORRECTIONS, c._id)
      if (!current || current.status !== 'pending') return current?.status ?? 'pending'
      const a = await tx.get<Attendance>('attendance', aid)
      if (a?.owes?.includes(CREDIT)) throw conflict(BUSY)
      const before = a?.creditedMinutes ?? 0
      const after = input.accept ? input.minutes! : before
      if (after !== before) {
        const record = {
          kind: 'shift',
          eventId: s._id,
          memberId: c.memberId,
          minutes: a?.minutes ?? after,
          creditedMinutes: after,
          checkedOutAt: a?.checkedOutAt ?? now,
          outMethod: a?.outMethod ?? 'manual',
          outBy: a?.outBy ?? me,
        }
        if (a) await tx.update('attendance', aid, record)
        else await tx.set('attendance', aid, { ...record, method: 'manual', by: me, location: null, at: new Date(s.startAt), walkIn: false })
        const wasCounted = before > 0 ? 1 : 0
        const isCounted = after > 0 ? 1 : 0
        const shift = await tx.get<Shift>(SHIFTS, s._id)
        if (shift) await tx.update(SHIFTS, s._id, { creditedMinutes: tx._.inc(after - before), attended: tx._.inc(isCounted - wasCounted) })
        await addCreditedMinutes(tx, c.memberId, after - before, rules.starHours, now)
        const pointsDelta = servicePoints(after, rules.points.perServiceHour) - servicePoints(before, rules.points.perServiceHour)
        if (pointsDelta !== 0) {
          // Points already spent are not taken back below zero: a correction down takes at most the balance.
          const balance = (await tx.get<PointBalance>(BALANCES, balanceId(c.memberId)))?.balance ?? 0
          const amount = pointsDelta > 0 ? pointsDelta : Math.max(pointsDelta, -balance)
          if (amount !== 0) {
            await postEntry(tx, { memberId: c.memberId, amount, kind: 'correction', source: `volunteer-correction:${c._id}:${iso(c.requestedAt)}`, label: `志愿服务记录更正（${s.title}）`, reason: input.answer, by: me, at: now }, null)
          }
        }
      }
      await tx.update(CORRECTIONS, c._id, { status: input.accept ? 'accepted' : 'declined', answer: input.answer, minutesAfter: after, answeredBy: me, answeredAt: now })
      await tx.add('auditLog', auditIn(ctx, 'volunteer.record.answer', { collection: 'attendance', id: aid }, { before: { creditedMinutes: before }, after: { creditedMinutes: after, accepted: input.accept }, reason: input.answer }))
      return input.accept ? ('accepted' as const) : ('declined' as const)
    })
    await notify(ctx, db, [c.memberId], {
      kind: 'volunteer.correction',
      title: status === 'accepted' ? '服务记录已更正' : '服务记录更正申请已答复',
      body: `「${s.title}」：${input.answer}`,
      template: 'reviewResult',
      key: `volunteer-correction-${c._id}-${iso(c.requestedAt)}`,
    })
    return { correctionId: c._id, status }
  },
})

// ---- the reminder to settle ----

/**
 * 7 working days after a shift, its leads (or, for the committee's own
 * projects, the committee) hear of check-ins still open, while 3 working days
 * remain before the records are final. Each shift is claimed once by a
 * conditional update, so overlapping runs remind once. Publishing a shift arms the
 * alarm for its remindAt.
 */
export const remindSettle = timer({
  name: 'volunteer.remindSettle',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const { crossCommunity, clock } = services
    const now = clock.now()
    const shifts = crossCommunity.collection<Shift>(SHIFTS)
    const due = await shifts.find({ reminded: false, remindAt: crossCommunity._.lte(now) }, { limit: 100, fields: { signups: false } })
    let reminded = 0
    for (const s of due) {
      if (!(await shifts.update(s._id, { reminded: true }, { reminded: false }))) continue
      const db = crossCommunity.in(s.communityId)
      const rows = await db.collection<Attendance>('attendance').find({ kind: 'shift', eventId: s._id }, { limit: 1000, fields: { checkedOutAt: true } })
      const open = rows.filter((a) => !a.checkedOutAt).length
      if (open === 0 || s.status !== 'open') continue
      const team = s.teamId ? await db.collection<Team>(TEAMS).get(s.teamId) : null
      const to = team ? team.leadIds : (await db.collection('memberships').find({ roles: 'committee' }, { limit: 50, fields: { _id: true } })).map((m) => m._id)
      await notify(services, db, to, {
        kind: 'volunteer.settle',
        title: '有志愿者签到后未签退',
        body: `「${s.title}」${chinaTime(s.startAt)}有 ${open} 人未签退，请在 ${chinaTime(s.finalAt)} 记录定稿前结算`,
        template: 'activityUpdate',
        key: `volunteer-settle-${s._id}`,
      })
      reminded++
    }
    return { reminded }
  },
})

registerPersonalData({
  name: 'volunteer',
  async export(db, m) {
    const [v, totals, records, honours, certificates] = await Promise.all([
      db.collection<Volunteer>(VOLUNTEERS).get(volunteerId(m._id)),
      db.collection<Totals>(TOTALS).get(totalsId(m._id)),
      serviceRecords(db, m._id, new Date(), 1000),
      db.collection<Honour>(HONOURS).find({ memberId: m._id }, { orderBy: [['addedAt', 'desc']], limit: 1000 }),
      db.collection<Certificate>(CERTIFICATES).find({ memberId: m._id }, { orderBy: [['issuedAt', 'desc']], limit: 100 }),
    ])
    return {
      // The identity number was never stored; its masked form is all there is.
      application: v ? { status: v.status, realName: v.realName, idMasked: v.idMasked, skills: v.skills, categories: v.categories, number: v.number, appliedAt: v.appliedAt, decidedAt: v.decidedAt, declineReason: v.declineReason } : null,
      creditedMinutes: totals?.creditedMinutes ?? 0,
      honourMinutes: totals?.honourMinutes ?? 0,
      star: totals?.star ?? 0,
      records,
      honours: honours.map((h) => ({ shiftId: h.shiftId, minutes: h.minutes, reason: h.reason, status: h.status, addedAt: h.addedAt })),
      certificates: certificates.map((c) => ({ number: c.number, code: c.code, issuedAt: c.issuedAt, creditedMinutes: c.creditedMinutes })),
    }
  },
  // The hours stay with the anonymous membership (the shifts' figures); who they were does not.
  async forget(db, m) {
    const vid = volunteerId(m._id)
    await db.collection(VOLUNTEERS).update(vid, { realName: '', idMasked: '', idHash: '', skills: [] })
    await db.collection(ID_KEYS).removeWhere({ memberId: m._id })
    await db.collection(CERTIFICATES).updateWhere({ memberId: m._id }, { realName: '已离开的居民', idMasked: '' })
  },
})
