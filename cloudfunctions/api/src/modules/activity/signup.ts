/**
 * Residents: find activities, sign up (for themselves, or a building lead for a
 * resident with their consent), cancel, confirm an offer from the waitlist.
 *
 * A sign-up is one conditional update of the activity that takes seats only while
 * a party of that size fits ahead of everyone waiting (`freeForNew`), and only for
 * someone not already in it; otherwise one that joins the queue only while it does
 * not fit. Seats can therefore never exceed the capacity, nobody holds two places,
 * and nobody joins the queue while a seat they could take is free. The registration
 * record is written after; a repeat of the same sign-up finds the place and finishes it.
 *
 * The page that signs up sends back what it showed (`form`: the fields, and whether
 * seats were gone), so the usual sign-up reads nothing first: its answers are
 * checked against those fields, and the update lands only while the activity's
 * fields are still the same (their key); it tries the queue first when the page
 * said full. Anything else — another form, a page out of date — reads the activity.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { assistLine, consentInput, recordAssist, residentToAssist } from '../../platform/assist'
import { attendanceId, type Attendance } from '../../platform/checkin'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, forbidden, precondition } from '../../platform/errors'
import { assertOwnId, existingAmong } from '../../platform/ids'
import { householdLabels } from '../../platform/names'
import { notify } from '../../platform/notify'
import { findPage } from '../../platform/paging'
import { maskName } from '../../platform/privacy'
import { isCommittee, type Membership } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, unstoredText } from '../../platform/validation'
import {
  ACTIVITIES,
  ACTIVITY_CATEGORIES,
  cancelCutoff,
  crossedAlerts,
  FIELD_TYPES,
  MAX_QUEUE,
  placeOf,
  REGISTRATIONS,
  registrationId,
  type Activity,
  type Place,
  type ProxyConsent,
  type Registration,
  type Seat,
} from './model'
import { type AnswerInput, answerInput, checkAnswers, checkCompanions, checkEligible, checkinPhase, checkSignupOpen, fieldsKey, isOrganiser, memberKeys, readActivity } from './rules'
import { activityLink, changeSeats, deliverOwed, historyLine, statusOf, tellPromoted } from './seats'
import { expireOffers } from './timers'

/** What the tab and the lists show of an activity (never who is in it). */
export function activityCard(a: Activity, now: Date) {
  return {
    id: a._id,
    title: a.title,
    category: a.category,
    /** the poster, once WeChat's image check passed it */
    poster: a.poster && (a.publicPhotos ?? []).includes(a.poster) ? a.poster : null,
    place: a.place,
    startAt: iso(a.startAt)!,
    endAt: iso(a.endAt)!,
    signupStartAt: iso(a.signupStartAt),
    signupEndAt: iso(a.signupEndAt)!,
    capacity: a.capacity,
    seatsTaken: a.seatsTaken,
    seatsLeft: Math.max(0, a.seatsLeft),
    waitingCount: a.waitingCount,
    waitlist: a.waitlist,
    /** who runs it, as residents know them (no person's name) */
    organiser: a.teamId ? '志愿服务队' : '社区居委会',
    status: a.status,
    /** where it stands for a resident right now */
    phase: phaseOf(a, now),
  }
}

export type Phase = 'draft' | 'cancelled' | 'notOpen' | 'open' | 'closed' | 'ongoing' | 'ended'

export function phaseOf(a: Activity, now: Date): Phase {
  if (a.status === 'draft' || a.status === 'cancelled') return a.status
  const t = now.getTime()
  if (t >= new Date(a.endAt).getTime()) return 'ended'
  if (t >= new Date(a.startAt).getTime()) return 'ongoing'
  if (t >= new Date(a.signupEndAt).getTime()) return 'closed'
  if (a.signupStartAt && t < new Date(a.signupStartAt).getTime()) return 'notOpen'
  return 'open'
}

/** The list reads leave the people behind: a page carries counters only. */
const CARD_FIELDS = { seated: false, queue: false, queueLog: false }

export const listActivities = action({
  name: 'activity.list',
  summary: '活动列表：即将开始的（最近的在前）或已结束的（最新的在前），可按类别筛选；含剩余名额、候补人数和报名截止时间',
  roles: ['resident', 'street'],
  input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), category: z.enum(ACTIVITY_CATEGORIES).optional(), limit: limit(50, 20), cursor }),
  async run({ db, input, clock }) {
    const now = clock.now()
    const _ = db._
    const upcoming = input.when === 'upcoming'
    const query: Record<string, unknown> = upcoming ? { status: 'published', endAt: _.gt(now) } : { status: _.in(['published', 'cancelled']), endAt: _.lte(now) }
    if (input.category) query.category = input.category
    const { page, nextCursor } = await findPage(db.collection<Activity>(ACTIVITIES), query, [['startAt', upcoming ? 'asc' : 'desc']], input, CARD_FIELDS)
    return { items: page.map((a) => activityCard(a, now)), nextCursor }
  },
})

export const myActivities = action({
  name: 'activity.mine',
  summary: '我的活动：我报名过的活动（最近的在前）和我的状态（报名成功 / 候补第几位 / 待确认 / 已取消 …）',
  roles: ['resident'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input, member, clock }) {
    const me = member.membership._id
    const now = clock.now()
    const { page, nextCursor } = await findPage(db.collection<Registration>(REGISTRATIONS), { memberId: me }, [['startAt', 'desc']], input)
    const ids = page.map((r) => r.activityId)
    const acts = ids.length ? await db.collection<Activity>(ACTIVITIES).find({ _id: db._.in(ids) }, { limit: ids.length, fields: { queueLog: false } }) : []
    const byId = new Map(acts.map((a) => [a._id, a]))
    // My attendances are found by their ids (kind, activity, me), as the check-in wrote them.
    const attended = await existingAmong(db, 'attendance', ids.map((a) => attendanceId('activity', a, me)), 'eventId')
    return {
      items: page.flatMap((r) => {
        const a = byId.get(r.activityId)
        if (!a) return []
        const { status, position } = statusOf(a, me, r)
        return [{ ...activityCard(a, now), myStatus: status, myPosition: position, companions: r.companions, byProxy: !!r.proxy, attended: attended.has(a._id) }]
      }),
      nextCursor,
    }
  },
})

export const getActivity = action({
  name: 'activity.get',
  summary: '活动详情：时间地点、介绍、名额（已报名 / 候补人数）、报名栏目、取消规则，我的报名状态和候补位次，是否可以签到',
  roles: ['resident', 'street'],
  input: z.strictObject({ activityId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const now = clock.now()
    let a = await readActivity(db, input.activityId)
    // A lapsed offer is passed on by whoever looks first, so nobody is shown a 确认参加 that can only be refused
    // while the frequent timer is yet to come round.
    if (a.status === 'published' && a.offerDue && new Date(a.offerDue).getTime() <= now.getTime()) a = (await expireOffers(ctx, db, a._id)).activity
    const me = member.membership._id
    const organiser = await isOrganiser(ctx, a)
    if (a.status === 'draft' && !organiser) throw forbidden('活动尚未发布')
    const [reg, attendance] = await Promise.all([
      db.collection<Registration>(REGISTRATIONS).get(registrationId(a._id, me)),
      db.collection<Attendance>('attendance').get(attendanceId('activity', a._id, me)),
    ])
    // Reading my own registration delivers what it still owes me (a promotion the server died before telling).
    if (reg?.owes?.length) await deliverOwed(ctx, db, a, reg)
    const { status, position } = statusOf(a, me, reg)
    const seat = a.seated.find((s) => s.k === me)
    const cutoff = cancelCutoff(a)
    const mine = reg && reg.round === (seat?.r ?? a.queue.find((w) => w.k === me)?.r ?? reg.round) ? reg : null
    return {
      ...activityCard(a, now),
      description: a.description,
      maxCompanions: a.maxCompanions,
      cancelPolicy: a.cancelPolicy,
      cancelUntil: iso(cutoff),
      fields: a.fields,
      claimWindowMinutes: a.claimWindowMinutes,
      fillSeats: a.fillSeats,
      eligibility: a.eligibility,
      points: a.points,
      cancelReason: a.status === 'cancelled' ? a.cancelReason : null,
      summary: a.summary ? { text: a.summary.text, attended: a.summary.attended, noShows: a.summary.noShows, at: iso(a.summary.at)!, noticeId: a.summary.noticeId } : null,
      photos: (a.publicPhotos ?? []).filter((p) => p !== a.poster),
      isOrganiser: organiser,
      /** whether the organiser's code is open now (an hour before the start to two hours after the end) */
      checkin: checkinPhase(a, now),
      attendedByMe: !!attendance,
      myStatus: status,
      myPosition: position,
      myOfferUntil: iso(seat?.until ?? null),
      myCompanions: mine?.companions ?? null,
      myAnswers: mine ? Object.entries(mine.answers).map(([field, value]) => ({ field, value })) : [],
      /** who signed me up for it (a building lead), and how I agreed */
      myProxy: mine?.proxy ? { method: mine.proxy.method, note: mine.proxy.note, at: iso(mine.proxy.at)!, line: await assistLine(ctx, mine.proxy) } : null,
      myHistory: (reg?.history ?? []).map((h) => ({ at: iso(h.at)!, what: h.what, reason: h.reason })),
      canSignUp: status === null || status === 'cancelled' || status === 'expired' ? signupBlocker(a, member.membership, now) : '已报名',
      canCancel: cancelBlocker(a, status, now),
    }
  },
})

/** Why the caller cannot sign up now (shown instead of the button), or null. */
function signupBlocker(a: Activity, m: Membership, now: Date): string | null {
  try {
    checkSignupOpen(a, now)
    checkEligible(a, m)
  } catch (err) {
    return (err as Error).message
  }
  if (a.freeForNew < 1 && !a.waitlist) return '名额已满'
  return null
}

function cancelBlocker(a: Activity, status: string | null, now: Date): string | null {
  if (status === 'waitlisted' || status === 'offered') return now.getTime() < new Date(a.startAt).getTime() ? null : '活动已开始'
  if (status !== 'registered') return '没有报名'
  const cutoff = cancelCutoff(a)
  if (!cutoff) return '这个活动报名后不能取消'
  if (now.getTime() >= cutoff.getTime()) return a.cancelPolicy === 'beforeSignupEnd' ? '报名截止后不能取消' : '活动开始后不能取消'
  return null
}

export interface SignupResult {
  activityId: string
  status: 'registered' | 'waitlisted' | 'offered'
  position?: number
}

interface SignupRequest {
  companions: number
  answers: AnswerInput[]
  proxy: ProxyConsent | null
  /** what the sign-up page showed, if it says */
  form?: SignupForm
}

/** The fields as activity.get gave them, echoed: checked only against the activity's key, never trusted. */
const ECHO = '报名页显示的栏目，只用来核对，不保存'
const formField = z.strictObject({
  id: unstoredText(4, ECHO),
  label: unstoredText(40, ECHO),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(unstoredText(40, ECHO)).max(10).optional(),
})
const signupForm = z.strictObject({ fields: z.array(formField).max(10), full: z.boolean() })
type SignupForm = z.infer<typeof signupForm>

/** The condition under which answers checked against the page's fields are checked against the activity's; null: read it. */
function answeredAsShown(req: SignupRequest): Record<string, unknown> | null {
  if (req.answers.length === 0) return { requiredFields: 0 }
  if (!req.form) return null
  try {
    checkAnswers(req.form.fields, req.answers)
  } catch {
    // The activity's own fields decide what is wrong: the read path says it.
    return null
  }
  return { fieldsKey: fieldsKey(req.form.fields) }
}

const resultOf = (activityId: string, place: NonNullable<Place>): SignupResult =>
  place.where === 'seated' ? { activityId, status: place.seat.until ? 'offered' : 'registered' } : { activityId, status: 'waitlisted', position: place.position }

/**
 * Signs `who` up: takes seats, or a place in the queue, or finds the place a
 * previous call took (then answers the same, finishing its record).
 */
export async function signUp(ctx: ActionContext<unknown>, activityId: string, who: Membership, req: SignupRequest): Promise<SignupResult> {
  const { db, clock } = ctx
  const now = clock.now()
  const _ = db._
  const acts = db.collection<Activity>(ACTIVITIES)
  assertOwnId(db, activityId, '活动不存在')
  const me = who._id
  const p = req.companions + 1
  const entry: Seat = { k: me, p, r: randomBytes(6).toString('hex'), at: now }
  const base = {
    status: 'published',
    signupEndAt: _.gt(now),
    'seated.k': _.neq(me),
    'queue.k': _.neq(me),
    maxCompanions: _.gte(req.companions),
    eligibleKeys: _.in(memberKeys(who)),
  }
  const seatPatch = { seated: _.push([entry]), seatsTaken: _.inc(p), seatsLeft: _.inc(-p), freeForNew: _.inc(-p), version: _.inc(1), updatedAt: now }

  // The common case needs no read: the answers checked against the fields the page showed, no sign-up
  // start, first come first served. Every rule the read would check is in the update's condition;
  // anything else falls through to the read.
  const asShown = answeredAsShown(req)
  if (asShown) {
    const fast = { ...base, ...asShown, signupStartAt: null, fillSeats: false }
    const takeSeat = async () => {
      const seated = await acts.updateAndReturn(activityId, seatPatch, { ...fast, freeForNew: _.gte(p) })
      if (!seated) return null
      await recordSignup(db, seated, entry, 'registered', req)
      await alertFill(ctx, seated, seated.seatsTaken - p)
      return { activityId, status: 'registered' as const }
    }
    const joinQueue = async () => {
      const queueFast = { ...fast, waitlist: true, freeForNew: _.lt(p), waitingCount: _.lt(MAX_QUEUE) }
      const queued = await acts.updateAndReturn(activityId, { queue: _.push([entry]), waitingCount: _.inc(1), freeForNew: 0, version: _.inc(1), updatedAt: now }, queueFast)
      if (!queued) return null
      await recordSignup(db, queued, entry, 'waitlisted', req)
      return resultOf(activityId, placeOf(queued, me)!)
    }
    // The page said full: the queue first (a seat freed since is still found by the second try).
    const tries = req.form?.full ? [joinQueue, takeSeat] : req.form ? [takeSeat, joinQueue] : [takeSeat]
    for (const attempt of tries) {
      const done = await attempt()
      if (done) return done
    }
  }

  let a = await readActivity(db, activityId)
  const found = placeOf(a, me)
  if (found) return finish(ctx, a, who, found, req)
  checkSignupOpen(a, now)
  checkEligible(a, who)
  checkCompanions(a, req.companions)
  checkAnswers(a.fields, req.answers)

  for (let attempt = 0; attempt < 8; attempt++) {
    const guard = {
      ...base,
      fillSeats: a.fillSeats,
      // Under fillSeats a newcomer may pass those waiting: whether anyone waits decides the log line, so it is part of the condition.
      ...(a.fillSeats ? { waitingCount: a.waitingCount > 0 ? _.gt(0) : 0 } : {}),
    }
    const passing = a.fillSeats && a.waitingCount > 0
    const skipLine = { at: now, what: 'fillSkip', k: me, by: null, reason: '按「补位」规则：候补的人数多于空出的名额，新报名的小组先入座', over: a.queue.map((w) => w.k) }
    const seated = await acts.updateAndReturn(a._id, { ...seatPatch, ...(passing ? { queueLog: _.push([skipLine]) } : {}) }, { ...guard, freeForNew: _.gte(p) })
    if (seated) {
      await recordSignup(db, seated, entry, 'registered', req)
      await alertFill(ctx, seated, seated.seatsTaken - p)
      return { activityId, status: 'registered' }
    }
    if (a.waitlist) {
      const queued = await acts.updateAndReturn(
        a._id,
        { queue: _.push([entry]), waitingCount: _.inc(1), ...(a.fillSeats ? {} : { freeForNew: 0 }), version: _.inc(1), updatedAt: now },
        { ...guard, waitlist: true, freeForNew: _.lt(p), waitingCount: _.lt(MAX_QUEUE) },
      )
      if (queued) {
        await recordSignup(db, queued, entry, 'waitlisted', req)
        return resultOf(activityId, placeOf(queued, me)!)
      }
    }
    // Neither landed: something changed since the read. Read again to learn what.
    a = await readActivity(db, activityId)
    const raced = placeOf(a, me)
    if (raced) return finish(ctx, a, who, raced, req)
    checkSignupOpen(a, now)
    checkEligible(a, who)
    checkCompanions(a, req.companions)
    if (a.freeForNew < p && !a.waitlist) throw precondition(a.seatsLeft >= p ? '名额已满（有人在候补）' : p > 1 ? `名额不足 ${p} 个` : '名额已满')
    if (a.freeForNew < p && a.waitingCount >= MAX_QUEUE) throw precondition('候补人数已满')
  }
  throw conflict('报名的人太多，请稍后再试')
}

/** A place found for the member: the same answer as the sign-up that took it, its record finished if a crash left it behind. */
async function finish(ctx: ActionContext<unknown>, a: Activity, who: Membership, place: NonNullable<Place>, req: SignupRequest): Promise<SignupResult> {
  const entry = place.where === 'seated' ? place.seat : place.waiter
  const reg = await ctx.db.collection<Registration>(REGISTRATIONS).get(registrationId(a._id, who._id))
  if (!reg || reg.round !== entry.r) {
    const status = place.where === 'seated' ? (place.seat.until ? 'offered' : 'registered') : 'waitlisted'
    await recordSignup(ctx.db, a, entry, status, req)
  } else if (reg.owes?.length) {
    await deliverOwed(ctx, ctx.db, a, reg)
  }
  return resultOf(a._id, place)
}

/**
 * The registration record of a sign-up that took its place, as of the activity's
 * version `a` shows. A record of a later version (a promotion, a cancellation, a
 * newer sign-up of the same person) is never replaced: if it is of this round, only
 * what the person gave is added.
 */
async function recordSignup(db: ScopedDb, a: Activity, entry: Seat, status: Registration['status'], req: SignupRequest) {
  const regs = db.collection<Registration>(REGISTRATIONS)
  const _id = registrationId(a._id, entry.k)
  const given = { companions: entry.p - 1, answers: checkAnswers(a.fields, req.answers), signedUpAt: entry.at, proxy: req.proxy, startAt: a.startAt }
  const line = historyLine(req.proxy ? '由楼栋长代报名' : status === 'waitlisted' ? '报名（候补）' : '报名', entry.at, req.proxy?.by ?? null)
  const fresh = { ...given, round: entry.r, v: a.version, status, promotedAt: null, offerUntil: null, cancelledAt: null, cancelReason: null, owes: [] }
  // Most sign-ups are a person's first at this activity: the insert comes first.
  const doc = { _id, activityId: a._id, memberId: entry.k, ...fresh, history: [line] }
  if ((await addOnce(regs, doc)) === 'added') return
  if (await regs.update(_id, { ...fresh, history: db._.push([line]) }, { v: db._.lt(a.version), round: db._.neq(entry.r) })) return
  // This round's record exists (a promotion wrote it, or the first try of this call): add what the person gave.
  if (await regs.update(_id, { ...given, history: db._.push([line]) }, { round: entry.r, 'history.what': db._.neq(line.what) })) return
  await regs.update(_id, given, { round: entry.r })
}

/** Tells the organisers when the seats taken pass 50 %, 80 % and 100 %, each once. */
export async function alertFill(ctx: Pick<ActionContext<unknown>, 'db' | 'wechat' | 'clock' | 'log'>, a: Activity, before: number) {
  const { db } = ctx
  for (const pct of crossedAlerts(a.capacity, before, a.seatsTaken, a.alerted ?? [])) {
    // Conditional: of two sign-ups crossing together, one claims the alert.
    if (!(await db.collection(ACTIVITIES).update(a._id, { alerted: db._.push([pct]) }, { alerted: db._.neq(pct) }))) continue
    const organisers = await organisersOf(db, a)
    await notify(ctx, db, organisers, {
      kind: 'activity.fill',
      title: pct === 100 ? '活动名额已满' : `活动报名已达 ${pct}%`,
      body: `「${a.title}」已报名 ${a.seatsTaken}/${a.capacity} 人${a.waitingCount ? `，候补 ${a.waitingCount} 人` : ''}`,
      link: activityLink(a._id),
      key: `activity-fill-${a._id}-${pct}`,
    })
  }
}

/** The members who organise an activity: those it names, or its creator; the committee hears through its own screens. */
export async function organisersOf(db: ScopedDb, a: Pick<Activity, 'organiserIds' | 'createdBy'>): Promise<string[]> {
  void db
  return [...new Set([a.createdBy, ...(a.organiserIds ?? [])])]
}

const signupInput = {
  activityId: id,
  /** 同行人数: people coming along, each taking a seat */
  companions: z.number().int().min(0).max(20).default(0),
  answers: z.array(answerInput).max(20).default([]),
  /** what the page showed (the fields from activity.get, and whether seats were gone): saves the sign-up a read */
  form: signupForm.optional(),
}

export const signupAction = action({
  name: 'activity.signup',
  summary: '报名参加活动（可带同行人，填写活动的报名栏目）：有名额即「报名成功」，满额则「候补第 N 位」；重复报名返回同样的状态，不会占第二个名额',
  roles: ['resident'],
  input: z.strictObject(signupInput),
  async run(ctx) {
    const { input, member } = ctx
    return signUp(ctx, input.activityId, member.membership, { companions: input.companions, answers: input.answers, proxy: null, form: input.form })
  },
})

export const signupForAction = action({
  name: 'activity.signupFor',
  summary: '代报名：楼栋长为自己楼栋的居民（居委会为本社区居民）报名，须写明居民如何同意（当面、电话或家属）；居民收到消息并在报名中看到（写入审计日志）',
  roles: ['buildingLead', 'committee', 'admin'],
  input: z.strictObject({
    ...signupInput,
    memberId: id,
    consent: consentInput,
  }),
  async run(ctx) {
    const { input, db } = ctx
    const { who, assist } = await residentToAssist(ctx, input.memberId, input.consent, { committee: true })
    const res = await signUp(ctx, input.activityId, who, { companions: input.companions, answers: input.answers, proxy: assist, form: input.form })
    const a = await readActivity(db, input.activityId)
    await recordAssist(ctx, who, assist, {
      kind: 'activity.signup',
      action: 'activity.signupFor',
      target: { collection: REGISTRATIONS, id: registrationId(input.activityId, who._id) },
      title: '楼栋长为你报名了活动',
      what: `报名了「${a.title}」（${chinaTime(a.startAt)}，${a.place}）：${res.status === 'waitlisted' ? `候补第 ${res.position} 位` : '报名成功'}。如不想参加，可在活动页取消`,
      link: activityLink(a._id),
      key: `${a._id}-${who._id}-${assist.at.getTime()}`,
      after: { status: res.status, companions: input.companions },
    })
    return res
  },
})

/** The members a building lead may sign up: the residents of their buildings, masked, with their household. */
export const proxyCandidates = action({
  name: 'activity.proxyCandidates',
  summary: '代报名可选的居民：楼栋长负责楼栋的居民，居委会可选本社区居民（昵称打码、住户）',
  roles: ['buildingLead', 'committee', 'admin'],
  input: z.strictObject({ limit: limit(200, 100) }),
  async run({ db, member, input }) {
    const buildings = member.membership.buildingIds ?? []
    const everyone = isCommittee(member)
    if (!everyone && buildings.length === 0) return { items: [] }
    const statuses = db._.in(['verified', 'unverified'])
    const query = everyone ? { status: statuses } : { buildingId: db._.in(buildings), status: statuses }
    const rows = await db.collection<Membership>('memberships').find(query, { limit: input.limit, fields: { nickname: true, householdId: true, status: true, roles: true } })
    const labels = await householdLabels(db, rows.map((m) => m.householdId))
    return { items: rows.filter((m) => m._id !== member.membership._id && !(m.roles as string[]).includes('street')).map((m) => ({ memberId: m._id, name: maskName(m.nickname), household: m.householdId ? (labels.get(m.householdId) ?? '') : '', verified: m.status === 'verified' })) }
  },
})

export const cancelAction = action({
  name: 'activity.cancel',
  summary: '取消我的报名或候补（按活动的取消规则）；空出的名额当即让给候补第一位并通知他',
  roles: ['resident'],
  input: z.strictObject({ activityId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.activityId, '活动不存在')
    const now = clock.now()
    const me = member.membership._id
    const out = await changeSeats(db, input.activityId, now, null, async (a) => {
      const place = placeOf(a, me)
      if (!place) return { change: null, result: 'notRegistered' as const }
      if (now.getTime() >= new Date(a.startAt).getTime()) throw precondition('活动已开始，不能取消')
      if (place.where === 'seated' && !place.seat.until) {
        const cutoff = cancelCutoff(a)
        if (!cutoff) throw precondition('这个活动报名后不能取消，如有特殊情况请联系组织者')
        if (now.getTime() >= cutoff.getTime()) throw precondition('报名截止后不能取消，如有特殊情况请联系组织者')
      }
      const entry = place.where === 'seated' ? place.seat : place.waiter
      return {
        result: 'cancelled' as const,
        change: {
          seated: a.seated.filter((s) => s.k !== me),
          queue: a.queue.filter((w) => w.k !== me),
          moved: [{ memberId: me, entry, patch: { status: 'cancelled' as const, cancelledAt: now, cancelReason: '本人取消', offerUntil: null }, line: historyLine('取消报名', now, me) }],
          log: [],
        },
      }
    })
    await tellPromoted(ctx, db, out.activity, out.promoted)
    return { activityId: input.activityId, status: out.result, promoted: out.promoted.length }
  },
})

export const claimAction = action({
  name: 'activity.claim',
  summary: '确认参加：候补递补后在规定时间内确认，名额才归我；逾期自动让给下一位',
  roles: ['resident'],
  input: z.strictObject({ activityId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.activityId, '活动不存在')
    const now = clock.now()
    const me = member.membership._id
    const out = await changeSeats(db, input.activityId, now, null, async (a) => {
      const seat = a.seated.find((s) => s.k === me)
      if (!seat) throw precondition(a.queue.some((w) => w.k === me) ? '还在候补中，有名额时会通知你' : '没有待确认的名额（可能已过期）')
      if (!seat.until) return { change: null, result: 'registered' as const }
      if (new Date(seat.until).getTime() <= now.getTime()) throw precondition('确认时间已过，名额已让给下一位')
      const claimed = { ...seat, until: null }
      return {
        result: 'registered' as const,
        change: {
          seated: a.seated.map((s) => (s.k === me ? claimed : s)),
          queue: a.queue,
          moved: [{ memberId: me, entry: seat, patch: { status: 'registered' as const, offerUntil: null }, line: historyLine('确认参加', now, me) }],
          log: [{ at: now, what: 'offerClaimed' as const, k: me, by: null, reason: null }],
        },
      }
    })
    return { activityId: input.activityId, status: out.result }
  },
})

export const residentActions = [listActivities, myActivities, getActivity, signupAction, signupForAction, proxyCandidates, cancelAction, claimAction] as const
