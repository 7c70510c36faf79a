/**
 * Service projects (服务项目) and their shifts (岗位/时段): time, place, seats.
 * Volunteers sign up within capacity and cancel before the cut-off; at the shift
 * the lead's rotating code checks them in and out (check-in kind `shift`).
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import { attendanceId, payOwedCredits, registerCheckinKind, type Attendance } from '../../platform/checkin'
import type { ScopedTransaction } from '../../platform/db'
import { invalid, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { SERVICE_CATEGORIES } from '../../platform/labels'
import { notify } from '../../platform/notify'
import { publicNames } from '../../platform/names'
import { findPage } from '../../platform/paging'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'
import { afterWorkingDays, FINAL_AFTER_WORKING_DAYS, PROJECTS, REMIND_AFTER_WORKING_DAYS, SHIFTS, TEAMS, type Project, type Shift, type Team } from './model'
import { mustOrganise, organisesTeam } from './people'
import { addCreditedMinutes } from './totals'

const HOUR = 3_600_000
const when = z.iso.datetime({ offset: true, message: '时间格式不对' })
/** Check-in opens this long before a shift and the codes work until this long after it. */
const CHECKIN_BEFORE_MS = 1 * HOUR
const CHECKIN_AFTER_MS = 2 * HOUR

export const shiftMinutes = (s: Pick<Shift, 'startAt' | 'endAt'>) => Math.round((new Date(s.endAt).getTime() - new Date(s.startAt).getTime()) / 60_000)

/** Whether the caller organises this shift: a lead of its team, or the committee. */
export const organisesShift = (ctx: Pick<ActionContext<unknown>, 'db' | 'member'>, s: Pick<Shift, 'teamId'>) => organisesTeam(ctx, s.teamId)

export async function requireShift(ctx: Pick<ActionContext<unknown>, 'db'>, shiftId: string): Promise<Shift> {
  assertOwnId(ctx.db, shiftId, '服务时段不存在')
  return ctx.db.collection<Shift>(SHIFTS).require(shiftId, '服务时段不存在')
}

export const isFinal = (s: Pick<Shift, 'finalAt'>, now: Date) => new Date(s.finalAt).getTime() <= now.getTime()

const projectView = (p: Project) => ({ id: p._id, title: p.title, description: p.description, category: p.category, teamId: p.teamId, status: p.status, createdAt: iso(p.createdAt)! })

function shiftCard(s: Shift, now: Date, me: string | null) {
  const start = new Date(s.startAt).getTime()
  return {
    id: s._id,
    projectId: s.projectId,
    teamId: s.teamId,
    title: s.title,
    content: s.content,
    place: s.place,
    startAt: iso(s.startAt)!,
    endAt: iso(s.endAt)!,
    minutes: shiftMinutes(s),
    capacity: s.capacity,
    seatsLeft: s.seatsLeft,
    signedUp: s.signedUp,
    attended: s.attended,
    status: s.status,
    upcoming: s.status === 'open' && start > now.getTime(),
    /** signing up is open (before the start, seats left) */
    canSignUp: s.status === 'open' && start > now.getTime() && s.seatsLeft > 0,
    /** the last moment a volunteer may cancel */
    cancelBy: new Date(start - s.cutoffHours * HOUR).toISOString(),
    signedUpByMe: !!me && s.signups.some((x) => x.memberId === me),
    finalAt: iso(s.finalAt)!,
  }
}

export const createProject = action({
  name: 'volunteer.project.create',
  summary: '发布志愿服务项目：名称、介绍、服务类别和负责的志愿队（居委会，或该志愿队的队长；不指定志愿队则由居委会负责）',
  roles: ['resident'],
  input: z.strictObject({
    title: text(40, 2),
    description: text(1000, 2),
    category: z.enum(SERVICE_CATEGORIES).default('other'),
    teamId: id.optional(),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    if (input.teamId) {
      assertOwnId(db, input.teamId, '志愿队不存在')
      await db.collection<Team>(TEAMS).require(input.teamId, '志愿队不存在')
    }
    mustOrganise(await organisesTeam(ctx, input.teamId ?? null))
    const now = clock.now()
    const projectId = newId(db, 'vproj', now)
    await db.collection<Project>(PROJECTS).add({
      _id: projectId,
      title: input.title,
      description: input.description,
      category: input.category,
      teamId: input.teamId ?? null,
      status: 'open',
      createdBy: member.membership._id,
      createdAt: now,
    })
    return { projectId }
  },
})

export const listProjects = action({
  name: 'volunteer.project.list',
  summary: '志愿服务项目列表（最新的在前）',
  roles: ['resident', 'street'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input }) {
    const { page, nextCursor } = await findPage(db.collection<Project>(PROJECTS), { status: 'open' }, [['createdAt', 'desc']], input)
    return { items: page.map(projectView), nextCursor }
  },
})

export const getProject = action({
  name: 'volunteer.project.get',
  summary: '志愿服务项目详情：介绍、负责的志愿队、即将开始和已结束的时段，以及我能否管理它',
  roles: ['resident', 'street'],
  input: z.strictObject({ projectId: id }),
  async run(ctx) {
    const { db, input, clock, caller } = ctx
    assertOwnId(db, input.projectId, '项目不存在')
    const p = await db.collection<Project>(PROJECTS).require(input.projectId, '项目不存在')
    const [team, shifts] = await Promise.all([
      p.teamId ? db.collection<Team>(TEAMS).get(p.teamId) : null,
      db.collection<Shift>(SHIFTS).find({ projectId: p._id }, { orderBy: [['startAt', 'desc']], limit: 100, fields: { signups: false } }),
    ])
    const now = clock.now()
    const me = caller.membership?._id ?? null
    const ids = shifts.map((s) => s._id)
    const mine = me && ids.length ? await db.collection<Shift>(SHIFTS).find({ _id: db._.in(ids), 'signups.memberId': me }, { limit: ids.length, fields: { _id: true } }) : []
    const held = new Set(mine.map((s) => s._id))
    return {
      ...projectView(p),
      team: team ? { id: team._id, name: team.name } : null,
      canManage: caller.membership ? await organisesTeam(ctx, p.teamId) : false,
      shifts: shifts.map((s) => ({ ...shiftCard({ ...s, signups: [] }, now, null), signedUpByMe: held.has(s._id) })),
    }
  },
})

export const createShift = action({
  name: 'volunteer.shift.create',
  summary: '为项目发布服务时段：开始和结束时间、地点、名额、服务内容，报名截止（取消报名）提前的小时数（该项目的志愿队队长或居委会）',
  roles: ['resident'],
  input: z
    .strictObject({
      projectId: id,
      startAt: when,
      endAt: when,
      place: text(60, 2),
      capacity: z.number().int().min(1).max(500),
      content: text(200, 2).optional(),
      cutoffHours: z.number().int().min(0).max(72).default(2),
    })
    .refine((v) => new Date(v.endAt).getTime() > new Date(v.startAt).getTime(), { message: '结束时间须晚于开始时间', path: ['endAt'] }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.projectId, '项目不存在')
    const p = await db.collection<Project>(PROJECTS).require(input.projectId, '项目不存在')
    mustOrganise(await organisesTeam(ctx, p.teamId))
    if (p.status !== 'open') throw precondition('项目已结束，不能再发布时段')
    const now = clock.now()
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    if (startAt.getTime() <= now.getTime()) throw invalid('服务时段须在将来')
    if (endAt.getTime() - startAt.getTime() > 12 * HOUR) throw invalid('一个服务时段最长 12 小时')
    const shiftId = newId(db, 'vshift', now)
    const shift: Shift = {
      _id: shiftId,
      communityId: db.communityId,
      projectId: p._id,
      teamId: p.teamId,
      title: p.title,
      content: input.content ?? p.title,
      place: input.place,
      startAt,
      endAt,
      capacity: input.capacity,
      seatsLeft: input.capacity,
      signedUp: 0,
      signups: [],
      cutoffHours: input.cutoffHours,
      status: 'open',
      attended: 0,
      creditedMinutes: 0,
      finalAt: afterWorkingDays(endAt, FINAL_AFTER_WORKING_DAYS, ctx.log),
      remindAt: afterWorkingDays(endAt, REMIND_AFTER_WORKING_DAYS, ctx.log),
      reminded: false,
      createdBy: member.membership._id,
      createdAt: now,
    }
    const { communityId: _scoped, ...doc } = shift
    // The reminder to settle is armed before the shift exists, so no crash leaves a shift without it.
    await armAlarm(db, [shift.remindAt], now)
    await db.collection<Shift>(SHIFTS).add(doc)
    return { shiftId }
  },
})

export const listShifts = action({
  name: 'volunteer.shift.list',
  summary: '服务时段列表：即将开始的（最近的在前）或已结束的（最新的在前），含名额和我是否已报名',
  roles: ['resident', 'street'],
  input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), limit: limit(50, 20), cursor }),
  async run({ db, input, clock, caller }) {
    const now = clock.now()
    const _ = db._
    const upcoming = input.when === 'upcoming'
    const shifts = db.collection<Shift>(SHIFTS)
    const { page, nextCursor } = await findPage(
      shifts,
      upcoming ? { status: 'open', endAt: _.gte(now) } : { status: 'open', endAt: _.lt(now) },
      [['startAt', upcoming ? 'asc' : 'desc']],
      input,
      { signups: false },
    )
    const me = caller.membership?._id ?? null
    const ids = page.map((s) => s._id)
    const held = me && ids.length ? await shifts.find({ _id: _.in(ids), 'signups.memberId': me }, { limit: ids.length, fields: { _id: true } }) : []
    const mine = new Set(held.map((s) => s._id))
    return { items: page.map((s) => ({ ...shiftCard({ ...s, signups: [] }, now, null), signedUpByMe: mine.has(s._id) })), nextCursor }
  },
})

export const myShifts = action({
  name: 'volunteer.shift.mine',
  summary: '我报名的服务时段（即将开始的在前）',
  roles: ['resident'],
  input: z.strictObject({ limit: limit(50, 20) }),
  async run({ db, input, member, clock }) {
    const now = clock.now()
    const me = member.membership._id
    const rows = await db.collection<Shift>(SHIFTS).find({ 'signups.memberId': me, status: 'open', endAt: db._.gte(now) }, { orderBy: [['startAt', 'asc']], limit: input.limit, fields: { signups: false } })
    return { items: rows.map((s) => ({ ...shiftCard({ ...s, signups: [] }, now, null), signedUpByMe: true })) }
  },
})

export const getShift = action({
  name: 'volunteer.shift.get',
  summary: '服务时段详情：时间地点、服务内容、名额、我的报名和签到签退、我能否管理（出示签到码、登记、结算）',
  roles: ['resident', 'street'],
  input: z.strictObject({ shiftId: id }),
  async run(ctx) {
    const { db, input, clock, caller } = ctx
    // The shift's counts include check-outs whose credit is still owed (platform/checkin).
    if (caller.membership) await payOwedCredits(db, { kind: 'shift', eventId: input.shiftId }, () => ctx.settings)
    const s = await requireShift(ctx, input.shiftId)
    const now = clock.now()
    const me = caller.membership?._id ?? null
    const a = me ? await db.collection<Attendance>('attendance').get(attendanceId('shift', s._id, me)) : null
    return {
      ...shiftCard(s, now, me),
      canManage: caller.membership ? await organisesShift(ctx, s) : false,
      final: isFinal(s, now),
      checkin: checkinWindow(s, now),
      myAttendance: a
        ? { checkedInAt: iso(a.at)!, checkedOutAt: iso(a.checkedOutAt), minutes: a.minutes ?? null, creditedMinutes: a.creditedMinutes ?? null, walkIn: !!a.walkIn }
        : null,
    }
  },
})

export const signup = action({
  name: 'volunteer.shift.signup',
  summary: '报名服务时段（志愿者；每人一个名额，满额即止，开始后不能再报名；重复报名返回「已报名」）',
  roles: ['volunteer'],
  input: z.strictObject({ shiftId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.shiftId, '服务时段不存在')
    const now = clock.now()
    const me = member.membership._id
    const _ = db._
    const shifts = db.collection<Shift>(SHIFTS)
    // One conditional update takes a free seat and records its holder: never below zero, never twice for one person.
    const taken = await shifts.update(
      input.shiftId,
      { seatsLeft: _.inc(-1), signedUp: _.inc(1), signups: _.push([{ memberId: me, at: now }]) },
      { seatsLeft: _.gt(0), status: 'open', startAt: _.gt(now), 'signups.memberId': _.neq(me) },
    )
    if (taken) return { status: 'signedUp' as const, shiftId: input.shiftId }
    const s = await shifts.require(input.shiftId, '服务时段不存在')
    if (s.signups.some((x) => x.memberId === me)) return { status: 'already' as const, shiftId: s._id }
    if (s.status !== 'open') throw precondition('这个服务时段已取消')
    if (new Date(s.startAt).getTime() <= now.getTime()) throw precondition('服务时段已开始，不能再报名')
    throw precondition('名额已满')
  },
})

export const cancelSignup = action({
  name: 'volunteer.shift.cancelSignup',
  summary: '取消报名（截止时间前），名额让给其他志愿者',
  roles: ['resident'],
  input: z.strictObject({ shiftId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.shiftId, '服务时段不存在')
    const now = clock.now()
    const me = member.membership._id
    const _ = db._
    const shifts = db.collection<Shift>(SHIFTS)
    const s = await shifts.require(input.shiftId, '服务时段不存在')
    if (!s.signups.some((x) => x.memberId === me)) return { status: 'notSignedUp' as const, shiftId: s._id }
    if (s.status !== 'open') throw precondition('这个服务时段已取消，不需要再取消报名')
    const cancelBy = new Date(new Date(s.startAt).getTime() - s.cutoffHours * HOUR)
    if (cancelBy.getTime() <= now.getTime()) throw precondition(`已过取消截止时间（${chinaTime(cancelBy)}），如有变化请联系队长`)
    // Guarded by the start the cut-off was computed from: a shift moved meanwhile is not cancelled against the old one.
    const freed = await shifts.update(
      s._id,
      { seatsLeft: _.inc(1), signedUp: _.inc(-1), signups: _.pull({ memberId: me }) },
      { status: 'open', startAt: s.startAt, 'signups.memberId': me },
    )
    return { status: freed ? ('cancelled' as const) : ('notSignedUp' as const), shiftId: s._id }
  },
})

export const shiftRoster = action({
  name: 'volunteer.shift.roster',
  summary: '时段名单（队长或居委会）：报名的志愿者（姓名打码）、签到签退时间、计入的时长，待结算的签到标出',
  roles: ['resident'],
  input: z.strictObject({ shiftId: id }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const s = await requireShift(ctx, input.shiftId)
    mustOrganise(await organisesShift(ctx, s))
    const rows = await db.collection<Attendance>('attendance').find({ kind: 'shift', eventId: s._id }, { orderBy: [['at', 'asc']], limit: 1000 })
    const byMember = new Map(rows.map((r) => [r.memberId, r]))
    const ids = [...new Set([...s.signups.map((x) => x.memberId), ...rows.map((r) => r.memberId)])]
    const nameOf = await publicNames(db, ids)
    const now = clock.now()
    return {
      shiftId: s._id,
      final: isFinal(s, now),
      finalAt: iso(s.finalAt)!,
      items: ids.map((memberId) => {
        const a = byMember.get(memberId)
        return {
          memberId,
          name: nameOf(memberId),
          signedUp: s.signups.some((x) => x.memberId === memberId),
          checkedInAt: iso(a?.at),
          checkedOutAt: iso(a?.checkedOutAt),
          minutes: a?.minutes ?? null,
          creditedMinutes: a?.creditedMinutes ?? null,
          walkIn: !!a?.walkIn,
          /** checked in, never out: the lead settles it before the records are final */
          open: !!a && !a.checkedOutAt,
        }
      }),
    }
  },
})

export const cancelShift = action({
  name: 'volunteer.shift.cancel',
  summary: '取消服务时段（开始前，须写明原因；通知已报名的志愿者；队长或居委会；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ shiftId: id, reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const s = await requireShift(ctx, input.shiftId)
    mustOrganise(await organisesShift(ctx, s))
    const now = clock.now()
    const cancelled = await db.collection<Shift>(SHIFTS).updateAndReturn(s._id, { status: 'cancelled', seatsLeft: 0, cancelReason: input.reason }, { status: 'open', startAt: db._.gt(now) })
    if (!cancelled) throw precondition('只能取消尚未开始的服务时段')
    await ctx.audit({ action: 'volunteer.shift.cancel', target: { collection: SHIFTS, id: s._id }, before: { status: 'open' }, after: { status: 'cancelled' }, reason: input.reason })
    await notify(ctx, db, cancelled.signups.map((x) => x.memberId), {
      kind: 'volunteer.shift.cancelled',
      title: '志愿服务时段已取消',
      body: `「${s.title}」${chinaTime(s.startAt)}已取消：${input.reason}`,
      template: 'activityUpdate',
      key: `volunteer-shift-cancelled-${s._id}`,
    })
    return { shiftId: s._id, status: 'cancelled' as const, notified: cancelled.signups.length }
  },
})

function checkinWindow(s: Pick<Shift, 'startAt' | 'endAt' | 'status'>, now: Date): 'early' | 'open' | 'closed' {
  if (s.status !== 'open') return 'closed'
  const t = now.getTime()
  if (t < new Date(s.startAt).getTime() - CHECKIN_BEFORE_MS) return 'early'
  if (t > new Date(s.endAt).getTime() + CHECKIN_AFTER_MS) return 'closed'
  return 'open'
}

/**
 * 志愿服务 check-in: a lead of the shift's team (or the committee) shows the codes
 * from an hour before the shift to two hours after it. Attendance is the minutes
 * between check-in and check-out, capped at the shift's length, counted only for a
 * stay of at least the community's share of the shift; they earn service points.
 */
registerCheckinKind({
  kind: 'shift',
  label: '志愿服务',
  attendance: 'minutes',
  credits: 'verified',
  earns: 'service',
  markNeedsReason: true,
  creditShare: (settings) => settings.serviceShare,
  async authorizeOrganiser(ctx: ActionContext<unknown>, eventId: string) {
    const s = await requireShift(ctx, eventId)
    mustOrganise(await organisesShift(ctx, s))
    const open = checkinWindow(s, ctx.clock.now())
    return {
      title: s.title,
      closedBecause: open === 'early' ? '签到在服务开始前 1 小时开放' : open === 'closed' ? '这个时段的签到已结束，未签退的请在「时段名单」中结算' : null,
      minutes: shiftMinutes(s),
    }
  },
  async onCredit(tx: ScopedTransaction, c) {
    await tx.update(SHIFTS, c.eventId, { attended: tx._.inc(1), creditedMinutes: tx._.inc(c.minutes ?? 0) })
    await addCreditedMinutes(tx, c.memberId, c.minutes ?? 0, c.settings.starHours, c.at)
  },
})
