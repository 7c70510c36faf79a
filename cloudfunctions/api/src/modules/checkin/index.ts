/**
 * 扫码签到 and 签退, for every kind of event that registers with platform/checkin:
 * the organiser shows a rotating code (in, or out for kinds counting minutes) and
 * attendees scan it, or the organiser scans an attendee's rotating personal code,
 * or marks them by hand. Who is an organiser is the kind's answer, not a role:
 * the committee for a 议事会, later an activity's organiser or a shift's team lead.
 */
import { z } from 'zod'
import { action, timer, type ActionContext } from '../../platform/action'
import { auditRecord } from '../../platform/audit'
import {
  attendanceId,
  checkIn,
  checkinKind,
  checkinSecret,
  checkOut,
  CREDIT,
  hasCheckout,
  issueToken,
  minimumMinutes,
  payCredit,
  payOwedCredits,
  promisedPoints,
  verifyToken,
  type Attendance,
  type EventClaim,
  type CheckinKind,
  type AlsoWrite,
  type CheckinOutcome,
  type Direction,
  type Method,
} from '../../platform/checkin'
import { Directory } from '../../platform/directory'
import { invalid, precondition } from '../../platform/errors'
import { servicePoints } from '../../platform/points'
import { registerPersonalData } from '../../platform/personal'
import { maskName } from '../../platform/privacy'
import { residentById, type Membership } from '../../platform/roles'
import { withDefaults, type CommunitySettings } from '../../platform/settings'
import { iso } from '../../platform/time'
import { id, limit, machineText, text } from '../../platform/validation'

/** The organiser's check, plus: check-in is open now, and the kind has a check-out if one is asked for. */
async function openForCheckin(ctx: ActionContext<unknown>, k: CheckinKind, eventId: string, direction: Direction) {
  const event = await k.authorizeOrganiser(ctx, eventId)
  if (event.closedBecause) throw precondition(event.closedBecause)
  if (direction === 'out' && !hasCheckout(k)) throw precondition(`${k.label}只需签到，不需要签退`)
  return event
}

interface OrganiserStep {
  kind: CheckinKind
  eventId: string
  direction: Direction
  memberId: string
  method: Method
  location?: Attendance['location']
  /** another write of the same change, made in its transaction */
  also?: (who: Membership) => AlsoWrite
}

/**
 * An organiser checks an attendee in or out (by their personal code or by hand),
 * with `also` in the same transaction. The organiser is checked before the attendee
 * is looked up, so nobody else learns who is a member.
 */
async function organiserRecords(ctx: ActionContext<unknown>, { kind: k, eventId, direction, memberId, method, location = null, also }: OrganiserStep) {
  const event = await openForCheckin(ctx, k, eventId, direction)
  const who = await residentById(ctx.db, memberId)
  const at = ctx.clock.now()
  const by = ctx.member.membership._id
  const extra = also?.(who)
  const settings = () => ctx.settings
  const done =
    direction === 'out'
      ? await checkOut(ctx.db, k, { eventId, memberId: who._id, method, by, at, capMinutes: event.minutes, minMinutes: minimumMinutes(k, await settings(), event.minutes) }, extra)
      : await checkIn(ctx.db, k, { eventId, memberId: who._id, verified: who.status === 'verified', method, by, location, at }, extra)
  // Not on the scan's budget: the organiser's call pays the credit at once.
  const points = done.owed ? ((await payCredit(ctx.db, attendanceId(k.kind, eventId, who._id), settings)) ?? 0) : 0
  return { ...outcome({ ...done, points }, direction), kind: k.kind, eventId, memberId: who._id }
}

/** What an attendee's scan credits, as the code it scanned promises (the credit itself is paid after). */
function promised(done: CheckinOutcome, claim: EventClaim): number {
  if (!done.owed || claim.p === undefined) return 0
  return claim.d === 'out' ? servicePoints(done.creditedMinutes ?? 0, claim.p) : claim.p
}

const kind = z.string().min(1).max(32).regex(/^[a-z][a-zA-Z]*$/, '签到类型不对')
const token = z.string().min(10).max(400)
machineText.add(token, { why: '签到码，由服务器签发和校验' })
/** in unless said otherwise; out only for kinds with a check-out */
const direction = z.enum(['in', 'out']).default('in')
/** where the phone was, if it shared it: a soft signal, never required */
const location = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional()

const outcome = (o: CheckinOutcome, direction: Direction) => ({
  status: o.status,
  direction,
  walkIn: o.walkIn,
  points: o.points,
  minutes: o.minutes,
  /** of the minutes, those that count (a stay shorter than the kind's share counts none) */
  creditedMinutes: o.creditedMinutes ?? null,
})

export const checkinToken = action({
  name: 'checkin.token',
  summary: '组织者的签到码（签到或签退）：每 30 秒更新一次，返回本次的签到码、失效时间和刷新间隔；谁是组织者由活动类型决定（议事会由居委会出示）',
  roles: ['resident'],
  input: z.strictObject({ kind, eventId: id, direction }),
  async run(ctx) {
    const { input, member, clock } = ctx
    const k = checkinKind(input.kind)
    const event = await openForCheckin(ctx, k, input.eventId, input.direction)
    const settings = await ctx.settings
    const out = input.direction === 'out' ? { d: 'out' as const, l: event.minutes, n: minimumMinutes(k, settings, event.minutes) } : {}
    const p = promisedPoints(k, settings, event, input.direction)
    const claim = { t: 'e' as const, c: member.communityId, k: k.kind, e: input.eventId, ...out, ...(p === undefined ? {} : { p }) }
    const issued = issueToken(claim, clock.now(), checkinSecret())
    return { ...issued, kind: k.kind, eventId: input.eventId, direction: input.direction, title: event.title }
  },
})

export const checkinScan = action({
  name: 'checkin.scan',
  summary:
    '扫组织者的签到码签到或签退：同一场只记一次（重复扫码返回「已签到」）；签退按服务器时间计算时长（不超过活动时长），没签到不能签退；未认证居民记为到场但不计积分；可附带位置（选填）；可注明正在签到的活动以防扫错',
  roles: ['resident'],
  input: z.strictObject({
    token,
    location,
    /** the event whose page the attendee scanned from; a code of another event is then refused */
    expect: z.strictObject({ kind, eventId: id }).optional(),
  }),
  async run(ctx) {
    const { input, member, clock, db } = ctx
    const at = clock.now()
    const claim = verifyToken(input.token, at, checkinSecret())
    if (claim.t !== 'e') throw precondition('这是居民的个人码，请扫描组织者出示的签到码')
    if (claim.c !== member.communityId) throw precondition('这是其他社区的签到码')
    if (input.expect && (input.expect.kind !== claim.k || input.expect.eventId !== claim.e)) {
      throw precondition('这是另一场活动的签到码，请确认后再扫')
    }
    const k = checkinKind(claim.k)
    const direction = claim.d ?? 'in'
    const me = member.membership
    // One write (the attendance, with the credit it is owed): the credit is paid after, see platform/checkin.
    const done =
      direction === 'out' && hasCheckout(k)
        ? await checkOut(db, k, { eventId: claim.e, memberId: me._id, method: 'scan', by: null, at, capMinutes: claim.l ?? 0, minMinutes: claim.n ?? 0 })
        : await checkIn(db, k, { eventId: claim.e, memberId: me._id, verified: me.status === 'verified', method: 'scan', by: null, location: input.location ?? null, at })
    return { ...outcome({ ...done, points: promised(done, claim) }, direction), kind: k.kind, label: k.label, eventId: claim.e }
  },
})

export const personalCode = action({
  name: 'checkin.personalCode',
  summary: '我的签到个人码：每 30 秒更新一次，由组织者扫码为我签到或签退',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ member, clock }) {
    return issueToken({ t: 'p', c: member.communityId, m: member.membership._id }, clock.now(), checkinSecret())
  },
})

export const scanAttendee = action({
  name: 'checkin.scanAttendee',
  summary: '组织者扫居民的个人码为其签到或签退（同一场只记一次；未认证居民记为到场但不计积分）',
  roles: ['resident'],
  input: z.strictObject({ kind, eventId: id, token, location, direction }),
  async run(ctx) {
    const { input, member, clock } = ctx
    const claim = verifyToken(input.token, clock.now(), checkinSecret(), 'person')
    if (claim.t !== 'p') throw precondition('这是活动签到码，请扫描居民手机上的个人码')
    if (claim.c !== member.communityId) throw precondition('这位居民不是本社区成员')
    return organiserRecords(ctx, { kind: checkinKind(input.kind), eventId: input.eventId, direction: input.direction, memberId: claim.m, method: 'organiser', location: input.location })
  },
})

export const markAttendance = action({
  name: 'checkin.mark',
  summary: '组织者为没有手机或无法扫码的居民登记到场或签退（同一场只记一次；志愿服务须写明原因；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ kind, eventId: id, memberId: id, direction, reason: text(200, 2).optional() }),
  async run(ctx) {
    const { input } = ctx
    const k = checkinKind(input.kind)
    if (k.markNeedsReason && !input.reason) throw invalid(`为${k.label}手工登记须写明原因`)
    // The audit entry lands with the mark itself: a mark is never left unaudited by a crash.
    const audited = (who: Membership): AlsoWrite => async (tx) => {
      await tx.add(
        'auditLog',
        auditRecord(ctx.member.membership._id, ctx.requestId, ctx.clock.now(), {
          action: 'checkin.mark',
          target: { collection: 'attendance', id: attendanceId(k.kind, input.eventId, who._id) },
          after: { kind: k.kind, eventId: input.eventId, memberId: who._id, method: 'manual', direction: input.direction },
          reason: input.reason,
        }),
      )
    }
    return organiserRecords(ctx, { kind: k, eventId: input.eventId, direction: input.direction, memberId: input.memberId, method: 'manual', also: audited })
  },
})

export const attendees = action({
  name: 'checkin.attendees',
  summary: '签到名单（组织者）：已签到的居民、方式和时间，签退时间和时长，未认证的到场者另行标明',
  roles: ['resident'],
  input: z.strictObject({ kind, eventId: id, limit: limit(500, 200) }),
  async run(ctx) {
    const { input, db } = ctx
    const k = checkinKind(input.kind)
    await k.authorizeOrganiser(ctx, input.eventId)
    await payOwedCredits(db, { kind: k.kind, eventId: input.eventId }, () => ctx.settings)
    const rows = await db.collection<Attendance>('attendance').find({ kind: k.kind, eventId: input.eventId }, { orderBy: [['at', 'asc']], limit: input.limit })
    const ids = [...new Set(rows.map((r) => r.memberId))]
    const members = ids.length ? await db.collection<Membership>('memberships').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { nickname: true, status: true } }) : []
    const names = new Map(members.map((m) => [m._id, m.status === 'left' ? (m.nickname ?? '') : maskName(m.nickname)]))
    return {
      total: rows.length,
      walkIns: rows.filter((r) => r.walkIn).length,
      items: rows.map((r) => ({
        memberId: r.memberId,
        name: names.get(r.memberId) ?? '已离开的居民',
        method: r.method,
        at: iso(r.at)!,
        located: !!r.location,
        /** present, not credited: not a verified resident when checking in */
        walkIn: !!r.walkIn,
        checkedOutAt: iso(r.checkedOutAt),
        minutes: r.minutes ?? null,
      })),
    }
  },
})

registerPersonalData({
  name: 'checkins',
  async export(db, m) {
    const rows = await db.collection<Attendance>('attendance').find({ memberId: m._id }, { orderBy: [['at', 'desc']], limit: 1000 })
    return rows.map((r) => ({
      kind: r.kind,
      eventId: r.eventId,
      method: r.method,
      location: r.location,
      at: r.at,
      walkIn: !!r.walkIn,
      checkedOutAt: r.checkedOutAt ?? null,
      minutes: r.minutes ?? null,
    }))
  },
  // That they attended stays (the event's figures); where their phone was does not.
  async forget(db, m) {
    await db.collection('attendance').updateWhere({ memberId: m._id }, { location: null })
  },
})

/**
 * At the catch-up runs (every 6 hours): pays the credits scans left owed (platform/
 * checkin) that nobody's read has paid yet, so counters and balances catch up even if
 * nobody looks. A scan pays its own credit at once, so only one interrupted in between
 * leaves work here, and every read that shows a credit (attendance, records, balances)
 * pays it first, so nobody waits on this; arming an alarm would cost every scan a write.
 */
export const payCredits = timer({
  name: 'checkin.payCredits',
  trigger: 'frequent',
  catchUpOnly: true,
  async run(services) {
    const cross = services.crossCommunity
    const owing = await cross.collection<Attendance>('attendance').find({ owes: CREDIT }, { limit: 200, fields: { _id: true, communityId: true } })
    const directory = new Directory(cross, services.clock)
    const rules = new Map<string, Promise<CommunitySettings>>()
    const settingsOf = (communityId: string) => () => {
      if (!rules.has(communityId)) rules.set(communityId, directory.community(communityId).then((c) => withDefaults(c?.settings)))
      return rules.get(communityId)!
    }
    let paid = 0
    let failed = 0
    for (const a of owing) {
      try {
        if ((await payCredit(cross.in(a.communityId), a._id, settingsOf(a.communityId))) !== null) paid++
      } catch (err) {
        // One that cannot be paid now stays owed for the next run; the others still are.
        failed++
        services.log.error('check-in credit not paid', { requestId: services.requestId, attendanceId: a._id, error: err instanceof Error ? err.message : String(err) })
      }
    }
    return { owing: owing.length, paid, failed }
  },
})

export const actions = [checkinToken, checkinScan, personalCode, scanAttendee, markAttendance, attendees] as const
export const timers = [payCredits] as const
