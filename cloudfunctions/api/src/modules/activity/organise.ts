/**
 * Organisers: post and edit an activity, change its capacity, see who is in it and
 * who waits (in order), remove a registration, move someone in the queue (with a
 * reason), cancel the activity (with a reason, everyone told).
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import { forbidden, invalid, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { householdLabels } from '../../platform/names'
import { notify } from '../../platform/notify'
import { maskName } from '../../platform/privacy'
import { isCommittee, residentById, type Membership } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { id, limit, ownFileId, text } from '../../platform/validation'
import type { Attendance } from '../../platform/checkin'
import {
  ACTIVITIES,
  ACTIVITY_CATEGORIES,
  CANCEL_POLICIES,
  countersOf,
  FIELD_TYPES,
  REGISTRATIONS,
  type Activity,
  type CustomField,
  type Registration,
} from './model'
import { eligibleKeysOf, fieldsKey, leadsActivityTeam, organisedActivity, shownAnswer } from './rules'
import { activityLink, changeSeats, historyLine, statusOf, tellPromoted } from './seats'
import { reminderMoments } from './timers'
import { alertFill } from './signup'

const HOUR = 3_600_000
const when = z.iso.datetime({ offset: true, message: '时间格式不对' })

const fieldInput = z.strictObject({
  label: text(20),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(text(20)).min(2).max(10).optional(),
})

const eligibilityInput = z.strictObject({
  kind: z.enum(['all', 'verified', 'buildings']),
  buildingIds: z.array(id).max(50).default([]),
})

/** Everything an organiser sets; create takes it whole (with defaults), update any part of it. */
const details = {
  title: text(40, 2),
  category: z.enum(ACTIVITY_CATEGORIES),
  poster: ownFileId.nullable(),
  description: text(2000),
  place: text(60, 2),
  startAt: when,
  endAt: when,
  signupStartAt: when.nullable(),
  signupEndAt: when,
  capacity: z.number().int().min(1, '名额至少 1 人').max(10000, '名额最多 10000 人'),
  maxCompanions: z.number().int().min(0).max(20),
  cancelPolicy: z.enum(CANCEL_POLICIES),
  fields: z.array(fieldInput).max(10),
  waitlist: z.boolean(),
  claimWindowMinutes: z.number().int().min(10).max(7 * 24 * 60).nullable(),
  fillSeats: z.boolean(),
  eligibility: eligibilityInput,
  points: z.number().int().min(0).max(100),
  organiserIds: z.array(id).max(10),
}

export const createInput = z.strictObject({
  ...details,
  category: details.category.default('other'),
  poster: details.poster.optional(),
  description: details.description.optional(),
  signupStartAt: details.signupStartAt.optional(),
  maxCompanions: details.maxCompanions.default(0),
  cancelPolicy: details.cancelPolicy.default('beforeStart'),
  fields: details.fields.default([]),
  waitlist: details.waitlist.default(true),
  claimWindowMinutes: details.claimWindowMinutes.optional(),
  fillSeats: details.fillSeats.default(false),
  eligibility: details.eligibility.default({ kind: 'all', buildingIds: [] }),
  points: details.points.optional(),
  organiserIds: details.organiserIds.default([]),
  /** the volunteer team it belongs to; its lead may then organise it */
  teamId: id.optional(),
  /** keep it as a draft (publish later with activity.publish) */
  draft: z.boolean().default(false),
})

const updateInput = z
  .strictObject({
    activityId: id,
    ...Object.fromEntries(Object.entries(details).map(([k, v]) => [k, v.optional()])),
  } as { activityId: typeof id } & { [K in keyof typeof details]: z.ZodOptional<(typeof details)[K]> })
  .refine((v) => Object.keys(v).length > 1, { message: '没有要修改的内容' })

interface Times {
  startAt: Date
  endAt: Date
  signupStartAt: Date | null
  signupEndAt: Date
}

function checkTimes(t: Times, now: Date, isNew: boolean) {
  if (t.endAt.getTime() <= t.startAt.getTime()) throw invalid('结束时间须晚于开始时间')
  if (t.endAt.getTime() - t.startAt.getTime() > 7 * 24 * HOUR) throw invalid('一个活动最长 7 天')
  if (isNew && t.startAt.getTime() <= now.getTime()) throw invalid('活动时间须在将来')
  if (t.signupEndAt.getTime() > t.startAt.getTime()) throw invalid('报名截止时间不能晚于活动开始')
  if (t.signupStartAt && t.signupStartAt.getTime() >= t.signupEndAt.getTime()) throw invalid('报名开始时间须早于报名截止时间')
}

function fieldsOf(input: Array<z.infer<typeof fieldInput>>): CustomField[] {
  return input.map((f, i) => {
    if (f.type === 'choice' && !f.options) throw invalid(`「${f.label}」是选择题，请给出至少 2 个选项`)
    if (f.type !== 'choice' && f.options) throw invalid(`「${f.label}」不是选择题，不需要选项`)
    return { id: `f${i + 1}`, label: f.label, type: f.type, required: f.required, ...(f.options ? { options: f.options } : {}) }
  })
}

async function checkEligibility(ctx: ActionContext<unknown>, e: z.infer<typeof eligibilityInput>) {
  if (e.kind !== 'buildings') return { kind: e.kind, buildingIds: [] }
  if (e.buildingIds.length === 0) throw invalid('请选择可以报名的楼栋')
  for (const b of e.buildingIds) assertOwnId(ctx.db, b, '所选楼栋不存在')
  const found = await ctx.db.collection('buildings').find({ _id: ctx.db._.in(e.buildingIds) }, { limit: e.buildingIds.length, fields: { _id: true } })
  if (found.length !== new Set(e.buildingIds).size) throw invalid('所选楼栋不存在')
  return { kind: e.kind, buildingIds: [...new Set(e.buildingIds)] }
}

async function checkOrganisers(ctx: ActionContext<unknown>, ids: string[]) {
  for (const m of ids) {
    assertOwnId(ctx.db, m, '所选组织者不是本社区居民')
    await residentById(ctx.db, m)
  }
  return [...new Set(ids)]
}

/** The poster goes through WeChat's image check like every photo: shown once it passes. */
async function submitPoster(ctx: ActionContext<unknown>, poster: string | null | undefined) {
  return poster ? ctx.photos.submit([poster], 3) : []
}

export const createActivity = action({
  name: 'activity.create',
  summary:
    '发布活动：标题、类别、海报、介绍、时间地点、名额（1–10000）、同行人数、报名时间、取消规则、报名栏目、候补与确认时限、补位、谁可报名、签到积分；文字和海报经内容安全检测（居委会，或志愿服务队队长为本队；写入审计日志）',
  roles: ['resident'],
  input: createInput,
  async run(ctx) {
    const { db, input, clock, member } = ctx
    const me = member.membership._id
    if (input.teamId) assertOwnId(db, input.teamId, '所选志愿服务队不存在')
    if (!isCommittee(member) && !(await leadsActivityTeam(ctx, input.teamId ?? null))) throw forbidden('只有居委会或本队队长可以为志愿服务队发布活动')
    const now = clock.now()
    const times = {
      startAt: new Date(input.startAt),
      endAt: new Date(input.endAt),
      signupStartAt: input.signupStartAt ? new Date(input.signupStartAt) : null,
      signupEndAt: new Date(input.signupEndAt),
    }
    checkTimes(times, now, true)
    const fields = fieldsOf(input.fields)
    const eligibility = await checkEligibility(ctx, input.eligibility)
    const organiserIds = await checkOrganisers(ctx, input.organiserIds)
    const points = input.points ?? (await ctx.settings).points.perAttendance
    const submitted = await submitPoster(ctx, input.poster)
    const activityId = newId(db, 'activity', now)
    const a: Activity = {
      _id: activityId,
      communityId: db.communityId,
      title: input.title,
      category: input.category,
      description: input.description ?? '',
      place: input.place,
      ...times,
      capacity: input.capacity,
      maxCompanions: input.maxCompanions,
      cancelPolicy: input.cancelPolicy,
      fields,
      requiredFields: fields.filter((f) => f.required).length,
      fieldsKey: fieldsKey(fields),
      waitlist: input.waitlist,
      claimWindowMinutes: input.claimWindowMinutes ?? null,
      fillSeats: input.fillSeats,
      eligibility,
      eligibleKeys: eligibleKeysOf(eligibility),
      points,
      organiserIds,
      teamId: input.teamId ?? null,
      createdBy: me,
      poster: input.poster ?? null,
      photos: input.poster ? [input.poster] : [],
      publicPhotos: [],
      reviewPhotos: [],
      status: input.draft ? 'draft' : 'published',
      cancelReason: null,
      cancelledAt: null,
      ...countersOf({ capacity: input.capacity, fillSeats: input.fillSeats }, [], []),
      queueLog: [],
      alerted: [],
      remindedDay: false,
      remindedSoon: false,
      summary: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    }
    if (a.status === 'published') await armAlarm(db, reminderMoments(a.startAt), now)
    await db.collection<Activity>(ACTIVITIES).add(a)
    if (submitted.length) await ctx.photos.record({ collection: 'activities', docId: activityId, field: 'photos', authorId: me, label: `活动「${input.title}」`, link: activityLink(activityId) }, submitted)
    await ctx.audit({ action: 'activity.create', target: { collection: ACTIVITIES, id: activityId }, after: { title: a.title, startAt: a.startAt, place: a.place, capacity: a.capacity, status: a.status } })
    return { activityId, status: a.status }
  },
})

export const publishActivity = action({
  name: 'activity.publish',
  summary: '发布草稿活动，居民随即可以报名（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const a = await organisedActivity(ctx, input.activityId)
    if (a.status === 'published') return { activityId: a._id, status: a.status }
    if (a.status !== 'draft') throw precondition('活动已取消')
    if (new Date(a.signupEndAt).getTime() <= clock.now().getTime()) throw precondition('报名截止时间已过，请先修改时间')
    await armAlarm(db, reminderMoments(a.startAt), clock.now())
    await db.collection(ACTIVITIES).update(a._id, { status: 'published', updatedAt: clock.now() }, { status: 'draft' })
    await ctx.audit({ action: 'activity.publish', target: { collection: ACTIVITIES, id: a._id }, before: { status: 'draft' }, after: { status: 'published' } })
    return { activityId: a._id, status: 'published' as const }
  },
})

export const updateActivity = action({
  name: 'activity.update',
  summary: '修改活动（开始前）：任一项设置；名额不能少于已占用的名额，增加名额当即让候补的人转正；时间或地点变了通知已报名的人（组织者；写入审计日志）',
  roles: ['resident'],
  input: updateInput,
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const current = await organisedActivity(ctx, input.activityId)
    if (current.status === 'cancelled') throw precondition('活动已取消')
    if (new Date(current.startAt).getTime() <= now.getTime()) throw precondition('活动已开始，不能再修改')
    const patch: Partial<Activity> = {}
    for (const k of ['title', 'category', 'description', 'place', 'maxCompanions', 'cancelPolicy', 'waitlist', 'fillSeats', 'points', 'capacity'] as const) {
      if (input[k] !== undefined) Object.assign(patch, { [k]: input[k] })
    }
    if (input.claimWindowMinutes !== undefined) patch.claimWindowMinutes = input.claimWindowMinutes
    const times: Times = {
      startAt: input.startAt ? new Date(input.startAt) : new Date(current.startAt),
      endAt: input.endAt ? new Date(input.endAt) : new Date(current.endAt),
      signupStartAt: input.signupStartAt !== undefined ? (input.signupStartAt ? new Date(input.signupStartAt) : null) : current.signupStartAt ? new Date(current.signupStartAt) : null,
      signupEndAt: input.signupEndAt ? new Date(input.signupEndAt) : new Date(current.signupEndAt),
    }
    checkTimes(times, now, !!input.startAt)
    Object.assign(patch, times)
    if (times.startAt.getTime() !== new Date(current.startAt).getTime()) {
      Object.assign(patch, { remindedDay: false, remindedSoon: false })
      await armAlarm(db, reminderMoments(times.startAt), now)
    }
    if (input.fields) {
      patch.fields = fieldsOf(input.fields)
      patch.requiredFields = patch.fields.filter((f) => f.required).length
      patch.fieldsKey = fieldsKey(patch.fields)
    }
    if (input.eligibility) {
      patch.eligibility = await checkEligibility(ctx, input.eligibility)
      patch.eligibleKeys = eligibleKeysOf(patch.eligibility)
    }
    if (input.organiserIds) patch.organiserIds = await checkOrganisers(ctx, input.organiserIds)
    const submitted = input.poster ? await submitPoster(ctx, input.poster) : []
    if (input.poster !== undefined) {
      patch.poster = input.poster
      patch.photos = [...(input.poster ? [input.poster] : []), ...current.photos.filter((p) => p !== current.poster)]
    }
    // Seats and queue follow a new capacity, fillSeats or claim window in the same transaction that writes them.
    const out = await changeSeats(db, current._id, now, ctx.member.membership._id, async (a) => {
      if (patch.capacity !== undefined && patch.capacity < a.seatsTaken) throw precondition(`已占用 ${a.seatsTaken} 个名额，名额不能少于这个数`)
      if (a.status === 'cancelled') throw precondition('活动已取消')
      const log = patch.capacity !== undefined && patch.capacity !== a.capacity ? [{ at: now, what: 'capacity' as const, k: null, by: ctx.member.membership._id, reason: `名额 ${a.capacity} → ${patch.capacity}` }] : []
      return { result: a, change: { seated: a.seated, queue: a.queue, moved: [], log, also: patch } }
    })
    const before = out.result
    if (submitted.length) await ctx.photos.record({ collection: 'activities', docId: before._id, field: 'photos', authorId: ctx.member.membership._id, label: `活动「${out.activity.title}」`, link: activityLink(before._id) }, submitted)
    await ctx.audit({ action: 'activity.update', target: { collection: ACTIVITIES, id: before._id }, before: pick(before, Object.keys(patch)), after: patch })
    await tellPromoted(ctx, db, out.activity, out.promoted)
    await alertFill(ctx, out.activity, before.seatsTaken)
    const moved = times.startAt.getTime() !== new Date(before.startAt).getTime() || (patch.place !== undefined && patch.place !== before.place)
    if (moved) {
      await notify(ctx, db, [...out.activity.seated, ...out.activity.queue].map((s) => s.k), {
        kind: 'activity.changed',
        title: '活动时间或地点有变',
        body: `「${out.activity.title}」改为${chinaTime(times.startAt)}在${out.activity.place}`,
        link: activityLink(before._id),
        template: 'activityUpdate',
        key: `activity-changed-${before._id}-${now.getTime()}`,
      })
    }
    return { activityId: before._id, capacity: out.activity.capacity, seatsTaken: out.activity.seatsTaken, waitingCount: out.activity.waitingCount, promoted: out.promoted.length }
  },
})

function pick(a: Activity, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, (a as unknown as Record<string, unknown>)[k]]))
}

export const setCapacity = action({
  name: 'activity.setCapacity',
  summary: '修改名额：不能少于已占用的名额；增加名额当即让候补的人按顺序转正并通知（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, capacity: details.capacity }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const by = ctx.member.membership._id
    await organisedActivity(ctx, input.activityId)
    const out = await changeSeats(db, input.activityId, now, by, async (a) => {
      if (a.status === 'cancelled') throw precondition('活动已取消')
      if (input.capacity < a.seatsTaken) throw precondition(`已占用 ${a.seatsTaken} 个名额，名额不能少于这个数`)
      if (input.capacity === a.capacity) return { result: a.capacity, change: null }
      return {
        result: a.capacity,
        change: { seated: a.seated, queue: a.queue, moved: [], log: [{ at: now, what: 'capacity' as const, k: null, by, reason: `名额 ${a.capacity} → ${input.capacity}` }], also: { capacity: input.capacity } },
      }
    })
    if (out.result !== input.capacity) {
      await ctx.audit({ action: 'activity.setCapacity', target: { collection: ACTIVITIES, id: input.activityId }, before: { capacity: out.result }, after: { capacity: input.capacity } })
    }
    await tellPromoted(ctx, db, out.activity, out.promoted)
    return { activityId: input.activityId, capacity: out.activity.capacity, seatsTaken: out.activity.seatsTaken, waitingCount: out.activity.waitingCount, promoted: out.promoted.length }
  },
})

export const removeRegistration = action({
  name: 'activity.remove',
  summary: '取消某人的报名或候补（须写明原因）：空出的名额当即让给候补第一位；本人收到通知（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, memberId: id, reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const by = ctx.member.membership._id
    assertOwnId(db, input.memberId, '没有这位居民')
    const activity = await organisedActivity(ctx, input.activityId)
    const out = await changeSeats(db, input.activityId, now, by, async (a) => {
      const seat = a.seated.find((s) => s.k === input.memberId)
      const waiter = a.queue.find((w) => w.k === input.memberId)
      const entry = seat ?? waiter
      if (!entry) throw precondition('这位居民没有报名或已取消')
      return {
        result: seat ? 'registered' : 'waitlisted',
        change: {
          seated: a.seated.filter((s) => s.k !== input.memberId),
          queue: a.queue.filter((w) => w.k !== input.memberId),
          moved: [{ memberId: input.memberId, entry, patch: { status: 'removed' as const, cancelledAt: now, cancelReason: input.reason, offerUntil: null }, line: historyLine('组织者取消了报名', now, by, input.reason) }],
          log: [{ at: now, what: 'removed' as const, k: input.memberId, by, reason: input.reason }],
        },
      }
    })
    await ctx.audit({ action: 'activity.remove', target: { collection: REGISTRATIONS, id: `${input.activityId}:${input.memberId}` }, before: { status: out.result }, after: { status: 'removed' }, reason: input.reason })
    await notify(ctx, db, [input.memberId], {
      kind: 'activity.removed',
      title: '你的活动报名已被取消',
      body: `「${activity.title}」的组织者取消了你的报名：${input.reason.slice(0, 60)}`,
      link: activityLink(activity._id),
      template: 'activityUpdate',
      key: `activity-removed-${activity._id}-${input.memberId}-${now.getTime()}`,
    })
    await tellPromoted(ctx, db, out.activity, out.promoted)
    return { activityId: input.activityId, removed: input.memberId, promoted: out.promoted.length }
  },
})

export const moveInQueue = action({
  name: 'activity.move',
  summary: '调整候补顺序（须写明原因，记入候补记录）：把某人移到第 N 位；移到前面且名额够时当即转正（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, memberId: id, position: z.number().int().min(1).max(10000), reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const by = ctx.member.membership._id
    assertOwnId(db, input.memberId, '没有这位居民')
    await organisedActivity(ctx, input.activityId)
    const out = await changeSeats(db, input.activityId, now, by, async (a) => {
      const from = a.queue.findIndex((w) => w.k === input.memberId)
      if (from < 0) throw precondition('这位居民不在候补名单中')
      const to = Math.min(input.position, a.queue.length) - 1
      if (to === from) return { result: from + 1, change: null }
      const queue = a.queue.filter((w) => w.k !== input.memberId)
      queue.splice(to, 0, a.queue[from])
      return {
        result: from + 1,
        change: {
          seated: a.seated,
          queue,
          moved: [{ memberId: input.memberId, entry: a.queue[from], patch: {}, line: historyLine(`候补位次由第 ${from + 1} 位调整为第 ${to + 1} 位`, now, by, input.reason) }],
          log: [{ at: now, what: 'moved' as const, k: input.memberId, by, reason: `第 ${from + 1} 位 → 第 ${to + 1} 位：${input.reason}` }],
        },
      }
    })
    await ctx.audit({ action: 'activity.move', target: { collection: ACTIVITIES, id: input.activityId }, before: { memberId: input.memberId, position: out.result }, after: { position: input.position }, reason: input.reason })
    await tellPromoted(ctx, db, out.activity, out.promoted)
    const now2 = statusOf(out.activity, input.memberId, null)
    return { activityId: input.activityId, memberId: input.memberId, status: now2.status, position: now2.position, promoted: out.promoted.length }
  },
})

export const cancelActivity = action({
  name: 'activity.cancelActivity',
  summary: '取消活动（须写明原因）：报名和候补的人都收到通知（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const a = await organisedActivity(ctx, input.activityId)
    if (a.status === 'cancelled') return { activityId: a._id, status: 'cancelled' as const, notified: 0 }
    if (new Date(a.endAt).getTime() <= now.getTime()) throw precondition('活动已结束，不能取消')
    // Conditional on its status: sign-ups (which need it published) stop at once, and of two cancellations one tells.
    const cancelled = await db.collection<Activity>(ACTIVITIES).updateAndReturn(a._id, { status: 'cancelled', cancelReason: input.reason, cancelledAt: now, freeForNew: 0, offerDue: null, version: db._.inc(1), updatedAt: now }, { status: a.status })
    if (!cancelled) return { activityId: a._id, status: 'cancelled' as const, notified: 0 }
    await db.collection<Registration>(REGISTRATIONS).updateWhere({ activityId: a._id, status: db._.in(['registered', 'offered', 'waitlisted']) }, { status: 'activityCancelled', cancelReason: input.reason, cancelledAt: now })
    await ctx.audit({ action: 'activity.cancelActivity', target: { collection: ACTIVITIES, id: a._id }, before: { status: a.status }, after: { status: 'cancelled' }, reason: input.reason })
    const everyone = [...cancelled.seated, ...cancelled.queue].map((s) => s.k)
    const told = await notify(ctx, db, everyone, {
      kind: 'activity.cancelled',
      title: '活动已取消',
      body: `「${a.title}」（${chinaTime(a.startAt)}）已取消：${input.reason.slice(0, 60)}`,
      link: activityLink(a._id),
      template: 'activityUpdate',
      key: `activity-cancelled-${a._id}`,
    })
    return { activityId: a._id, status: 'cancelled' as const, notified: told.messages }
  },
})

/** One row of the organiser's list and of the export. */
export interface RegistrationRow {
  memberId: string
  name: string
  household: string
  status: string
  position: number | null
  companions: number
  answers: Array<{ field: string; label: string; value: string }>
  signedUpAt: string | null
  promotedAt: string | null
  offerUntil: string | null
  cancelledAt: string | null
  cancelReason: string | null
  checkedInAt: string | null
  checkinMethod: string | null
  proxy: { by: string; method: string; note: string | null; at: string } | null
}

/** Everyone in an activity: seated first (in sign-up order), then the queue in its order, then those who left. */
export async function registrationRows(ctx: Pick<ActionContext<unknown>, 'db'>, a: Activity, max: number): Promise<RegistrationRow[]> {
  const { db } = ctx
  const regs = await db.collection<Registration>(REGISTRATIONS).find({ activityId: a._id }, { orderBy: [['signedUpAt', 'asc']], limit: max })
  const byMember = new Map(regs.map((r) => [r.memberId, r]))
  const seated = [...a.seated].sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime()).map((s) => s.k)
  const waiting = a.queue.map((w) => w.k)
  const others = regs.map((r) => r.memberId).filter((m) => !seated.includes(m) && !waiting.includes(m))
  const order = [...seated, ...waiting, ...others].slice(0, max)
  const proxies = regs.flatMap((r) => (r.proxy ? [r.proxy.by] : []))
  const people = [...new Set([...order, ...proxies])]
  const [members, attendance] = await Promise.all([
    people.length ? db.collection<Membership>('memberships').find({ _id: db._.in(people) }, { limit: people.length, fields: { nickname: true, status: true, householdId: true } }) : [],
    db.collection<Attendance>('attendance').find({ kind: 'activity', eventId: a._id }, { orderBy: [['at', 'asc']], limit: Math.max(1, max) }),
  ])
  const byId = new Map(members.map((m) => [m._id, m]))
  const labels = await householdLabels(db, members.filter((m) => m.status !== 'left').map((m) => m.householdId))
  const present = new Map(attendance.map((x) => [x.memberId, x]))
  const fields = new Map(a.fields.map((f) => [f.id, f]))
  const nameOf = (m: string) => {
    const who = byId.get(m)
    return !who || who.status === 'left' ? '已离开的居民' : maskName(who.nickname)
  }
  return order.map((memberId) => {
    const reg0 = byMember.get(memberId) ?? null
    const { status, position } = statusOf(a, memberId, reg0)
    const entry = a.seated.find((s) => s.k === memberId) ?? a.queue.find((w) => w.k === memberId)
    const reg = reg0 && (!entry || reg0.round === entry.r) ? reg0 : null
    const who = byId.get(memberId)
    const seen = present.get(memberId)
    return {
      memberId,
      name: nameOf(memberId),
      household: who && who.status !== 'left' && who.householdId ? (labels.get(who.householdId) ?? '') : '',
      status: status ?? 'cancelled',
      position,
      companions: reg?.companions ?? (entry ? entry.p - 1 : 0),
      answers: a.fields.map((f) => ({ field: f.id, label: f.label, value: shownAnswer(fields.get(f.id), reg?.answers[f.id]) })),
      signedUpAt: iso(reg?.signedUpAt ?? entry?.at ?? null),
      promotedAt: iso(reg?.promotedAt ?? null),
      offerUntil: iso((entry as { until?: Date | null } | undefined)?.until ?? null),
      cancelledAt: iso(reg?.cancelledAt ?? null),
      cancelReason: reg?.cancelReason ?? null,
      checkedInAt: iso(seen?.at ?? null),
      checkinMethod: seen?.method ?? null,
      proxy: reg?.proxy ? { by: nameOf(reg.proxy.by), method: reg.proxy.method, note: reg.proxy.note, at: iso(reg.proxy.at)! } : null,
    }
  })
}

export const listRegistrations = action({
  name: 'activity.registrations',
  summary: '报名名单（组织者）：报名成功的（按报名时间）、候补（按顺序）和已取消的，昵称打码、住户、同行人数、报名栏目（电话打码）、签到；候补变动记录',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, limit: limit(2000, 500) }),
  async run(ctx) {
    const a = await organisedActivity(ctx, ctx.input.activityId)
    const rows = await registrationRows(ctx, a, ctx.input.limit)
    const log = a.queueLog.slice(-100).reverse()
    const names = new Map(rows.map((r) => [r.memberId, r.name]))
    return {
      capacity: a.capacity,
      seatsTaken: a.seatsTaken,
      waitingCount: a.waitingCount,
      fields: a.fields,
      registered: rows.filter((r) => r.status === 'registered' || r.status === 'offered'),
      waitlist: rows.filter((r) => r.status === 'waitlisted'),
      left: rows.filter((r) => !['registered', 'offered', 'waitlisted'].includes(r.status)),
      queueLog: log.map((e) => ({ at: iso(e.at)!, what: e.what, name: e.k ? (names.get(e.k) ?? '居民') : null, byOrganiser: !!e.by, reason: e.reason })),
    }
  },
})

export const organiseActions = [createActivity, publishActivity, updateActivity, setCapacity, removeRegistration, moveInQueue, cancelActivity, listRegistrations] as const
