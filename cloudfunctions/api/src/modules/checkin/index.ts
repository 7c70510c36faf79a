/**
 * 扫码签到, for every kind of event that registers with platform/checkin: the
 * organiser shows a rotating code and attendees scan it, or the organiser scans
 * an attendee's rotating personal code.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import {
  attendanceId,
  checkinKind,
  checkinSecret,
  issueToken,
  recordAttendance,
  verifyToken,
  type Attendance,
  type CheckinKind,
} from '../../platform/checkin'
import { notFound, precondition } from '../../platform/errors'
import { registerPersonalData } from '../../platform/personal'
import { maskName } from '../../platform/privacy'
import type { Membership } from '../../platform/roles'
import { id, limit, machineText } from '../../platform/validation'

/** The organiser's check, plus: check-in is open now. */
async function openForCheckin(ctx: ActionContext<unknown>, k: CheckinKind, eventId: string) {
  const event = await k.authorizeOrganiser(ctx, eventId)
  if (event.closedBecause) throw precondition(event.closedBecause)
  return event
}

const kind = z.string().min(1).max(32).regex(/^[a-z][a-zA-Z]*$/, '签到类型不对')
const token = z.string().min(10).max(400)
machineText.add(token, { why: '签到码，由服务器签发和校验' })
/** where the phone was, if it shared it: a soft signal, never required */
const location = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional()

export const checkinToken = action({
  name: 'checkin.token',
  summary: '组织者的签到码：每 30 秒更新一次，返回本次的签到码、失效时间和刷新间隔（议事会由居委会出示）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ kind, eventId: id }),
  async run(ctx) {
    const k = checkinKind(ctx.input.kind)
    const { title } = await openForCheckin(ctx, k, ctx.input.eventId)
    const at = ctx.clock.now()
    return { ...issueToken({ t: 'e', c: ctx.member.communityId, k: k.kind, e: ctx.input.eventId }, at, checkinSecret()), kind: k.kind, eventId: ctx.input.eventId, title }
  },
})

export const checkinScan = action({
  name: 'checkin.scan',
  summary: '扫组织者的签到码签到：同一场只记一次（重复扫码返回「已签到」）；可附带位置（选填）；可注明正在签到的活动以防扫错',
  roles: ['resident'],
  input: z.strictObject({
    token,
    location,
    /** the event whose page the attendee scanned from; a code of another event is then refused */
    expect: z.strictObject({ kind, eventId: id }).optional(),
  }),
  async run(ctx) {
    const { input, member, clock } = ctx
    const at = clock.now()
    const claim = verifyToken(input.token, at, checkinSecret())
    if (claim.t !== 'e') throw precondition('这是居民的个人码，请扫描组织者出示的签到码')
    if (claim.c !== member.communityId) throw precondition('这是其他社区的签到码')
    if (input.expect && (input.expect.kind !== claim.k || input.expect.eventId !== claim.e)) {
      throw precondition('这是另一场活动的签到码，请确认后再扫')
    }
    const k = checkinKind(claim.k)
    const status = await recordAttendance(ctx.db, k, {
      eventId: claim.e,
      memberId: member.membership._id,
      method: 'scan',
      by: null,
      location: input.location ?? null,
      at,
    })
    return { status, kind: k.kind, label: k.label, eventId: claim.e }
  },
})

export const personalCode = action({
  name: 'checkin.personalCode',
  summary: '我的签到个人码：每 30 秒更新一次，由组织者扫码为我签到',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ member, clock }) {
    return issueToken({ t: 'p', c: member.communityId, m: member.membership._id }, clock.now(), checkinSecret())
  },
})

export const scanAttendee = action({
  name: 'checkin.scanAttendee',
  summary: '组织者扫居民的个人码为其签到（同一场只记一次）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ kind, eventId: id, token, location }),
  async run(ctx) {
    const { input, member, clock } = ctx
    const at = clock.now()
    const claim = verifyToken(input.token, at, checkinSecret(), 'person')
    if (claim.t !== 'p') throw precondition('这是活动签到码，请扫描居民手机上的个人码')
    if (claim.c !== member.communityId) throw precondition('这位居民不是本社区成员')
    const k = checkinKind(input.kind)
    await openForCheckin(ctx, k, input.eventId)
    const status = await recordAttendance(ctx.db, k, {
      eventId: input.eventId,
      memberId: claim.m,
      method: 'organiser',
      by: member.membership._id,
      location: input.location ?? null,
      at,
    })
    return { status, kind: k.kind, eventId: input.eventId, memberId: claim.m }
  },
})

export const markAttendance = action({
  name: 'checkin.mark',
  summary: '组织者为没有手机或无法扫码的居民登记到场（同一场只记一次；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ kind, eventId: id, memberId: id }),
  async run(ctx) {
    const { input, member, clock, db } = ctx
    const k = checkinKind(input.kind)
    await openForCheckin(ctx, k, input.eventId)
    const attendee = await db.collection<Membership>('memberships').get(input.memberId)
    if (!attendee || attendee.status === 'left' || (attendee.roles as string[]).includes('street')) throw notFound('没有这位居民')
    const status = await recordAttendance(db, k, { eventId: input.eventId, memberId: attendee._id, method: 'manual', by: member.membership._id, location: null, at: clock.now() })
    if (status === 'credited') {
      await ctx.audit({ action: 'checkin.mark', target: { collection: 'attendance', id: attendanceId(k.kind, input.eventId, attendee._id) }, after: { kind: k.kind, eventId: input.eventId, memberId: attendee._id, method: 'manual' } })
    }
    return { status, kind: k.kind, eventId: input.eventId, memberId: attendee._id }
  },
})

export const attendees = action({
  name: 'checkin.attendees',
  summary: '签到名单（组织者）：已签到的居民、方式和时间',
  roles: ['committee', 'admin'],
  input: z.strictObject({ kind, eventId: id, limit: limit(500, 200) }),
  async run(ctx) {
    const { input, db } = ctx
    const k = checkinKind(input.kind)
    await k.authorizeOrganiser(ctx, input.eventId)
    const rows = await db.collection<Attendance>('attendance').find({ kind: k.kind, eventId: input.eventId }, { orderBy: [['at', 'asc']], limit: input.limit })
    const ids = [...new Set(rows.map((r) => r.memberId))]
    const members = ids.length ? await db.collection<Membership>('memberships').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { nickname: true, status: true } }) : []
    const names = new Map(members.map((m) => [m._id, m.status === 'left' ? (m.nickname ?? '') : maskName(m.nickname)]))
    return {
      total: rows.length,
      items: rows.map((r) => ({ memberId: r.memberId, name: names.get(r.memberId) ?? '已离开的居民', method: r.method, at: new Date(r.at).toISOString(), located: !!r.location })),
    }
  },
})

registerPersonalData({
  name: 'checkins',
  async export(db, m) {
    const rows = await db.collection<Attendance>('attendance').find({ memberId: m._id }, { orderBy: [['at', 'desc']], limit: 1000 })
    return rows.map((r) => ({ kind: r.kind, eventId: r.eventId, method: r.method, location: r.location, at: r.at }))
  },
  // That they attended stays (the event's figures); where their phone was does not.
  async forget(db, m) {
    await db.collection('attendance').updateWhere({ memberId: m._id }, { location: null })
  },
})

export const actions = [checkinToken, checkinScan, personalCode, scanAttendee, markAttendance, attendees] as const
