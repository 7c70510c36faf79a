/**
 * 请邻议事: the committee schedules a 议事会 with an agenda of accepted topics;
 * residents register (a seat each, within capacity), check in by QR at the
 * meeting, and the committee records the minutes.
 */
import { z } from 'zod'
import { action, timer, type ActionContext } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import { attendanceId, payOwedCredits, registerCheckinKind, type Attendance } from '../../platform/checkin'
import type { ScopedCollection, ScopedDb } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { pageLink } from '../../platform/links'
import { notify } from '../../platform/notify'
import { maskName } from '../../platform/privacy'
import type { Membership } from '../../platform/roles'
import { assertOwnId, existingAmong, newId } from '../../platform/ids'
import { householdLabels } from '../../platform/names'
import { findPage } from '../../platform/paging'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'
import { checkinOpen, isRegistered, meetingReminderDue, REMIND_BEFORE_MS, issueIdOf, type Issue, type Meeting, type Registrant, type Topic, type TimelineEntry } from './model'

const HOUR = 3_600_000
const meetingLink = (meetingId: string) => pageLink('meeting', { id: meetingId })
const when = z.iso.datetime({ offset: true, message: '时间格式不对' })

function meetingCard(m: Meeting, now: Date) {
  return {
    id: m._id,
    title: m.title,
    startAt: iso(m.startAt)!,
    endAt: iso(m.endAt)!,
    place: m.place,
    capacity: m.capacity,
    registered: m.registered,
    seatsLeft: m.seatsLeft,
    attended: m.attended,
    topics: m.topicIds.length,
    status: m.status,
    upcoming: m.status === 'scheduled' && new Date(m.startAt).getTime() > now.getTime(),
    hasMinutes: !!m.minutes,
  }
}

/** Adds a step to the timeline of every matter on a meeting's agenda (with any other fields to set). */
async function noteOnAgenda(db: ScopedDb, m: Pick<Meeting, 'topicIds'>, step: TimelineEntry, fields: Record<string, unknown> = {}) {
  const issueIds = m.topicIds.map(issueIdOf)
  await db.collection<Issue>('issues').updateWhere({ _id: db._.in(issueIds) }, { ...fields, updatedAt: step.at, timeline: db._.push([step]) })
}

/** Who holds a seat, to tell them of a change. */
const registrantsOf = (m: Pick<Meeting, 'registrants'>) => (m.registrants ?? []).map((r) => r.memberId)

async function agendaAuthors(db: ScopedDb, topicIds: string[]): Promise<string[]> {
  const rows = await db.collection<Issue>('issues').find({ _id: db._.in(topicIds.map(issueIdOf)) }, { limit: topicIds.length, fields: { authorId: true } })
  return rows.map((i) => i.authorId)
}

export const listTopics = action({
  name: 'council.topic.list',
  summary: '议题列表：已立项的议题，可按状态筛选（待排期 / 已列入议程 / 已讨论），含讨论数',
  roles: ['resident', 'street'],
  input: z.strictObject({ status: z.enum(['pending', 'scheduled', 'discussed']).optional(), limit: limit(50, 20), cursor }),
  async run({ db, input }) {
    const { page, nextCursor } = await findPage(db.collection<Topic>('topics'), input.status ? { status: input.status } : {}, [['createdAt', 'desc']], input)
    return {
      items: page.map((t) => ({ id: t._id, issueId: t.issueId, title: t.title, summary: t.summary, status: t.status, meetingId: t.meetingId, comments: t.comments, createdAt: iso(t.createdAt)! })),
      nextCursor,
    }
  },
})

export const scheduleMeeting = action({
  name: 'council.meeting.schedule',
  summary: '安排议事会：标题、时间、地点、名额和议程（从待排期的议题中选）；通知议题提出人（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({
      title: text(40, 2),
      startAt: when,
      endAt: when,
      place: text(60, 2),
      capacity: z.number().int().min(1).max(1000),
      topicIds: z.array(id).min(1).max(20),
      note: text(500).optional(),
    })
    .refine((v) => new Date(v.endAt).getTime() > new Date(v.startAt).getTime(), { message: '结束时间须晚于开始时间', path: ['endAt'] }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    if (startAt.getTime() <= now.getTime()) throw invalid('议事会时间须在将来')
    if (endAt.getTime() - startAt.getTime() > 12 * HOUR) throw invalid('一场议事会最长 12 小时')
    const topicIds = [...new Set(input.topicIds)]
    for (const t of topicIds) assertOwnId(db, t, '所选议题不存在')
    const topics = db.collection<Topic>('topics')
    const found = await topics.find({ _id: db._.in(topicIds) }, { limit: topicIds.length })
    if (found.length !== topicIds.length) throw notFound('所选议题不存在')
    const busy = found.find((t) => t.status !== 'pending')
    if (busy) throw precondition(`议题「${busy.title}」已列入其他议事会或已讨论`)

    const meetingId = newId(db, 'meeting', now)
    const meeting = {
      _id: meetingId,
      title: input.title,
      startAt,
      endAt,
      place: input.place,
      capacity: input.capacity,
      seatsLeft: input.capacity,
      registered: 0,
      registrants: [],
      attended: 0,
      topicIds,
      note: input.note ?? null,
      status: 'scheduled' as const,
      minutes: null,
      minutesAt: null,
      reminded: false,
      createdAt: now,
    }
    // The meeting first, then each topic claimed for it conditionally, so two meetings scheduled at once cannot
    // share one; a failure between leaves a meeting the committee can cancel, never a topic held by no meeting.
    // Its reminder's alarm before it, so no crash leaves a meeting nobody will be reminded of.
    await armAlarm(db, [meetingReminderDue(startAt)], now)
    await db.collection<Meeting>('meetings').add(meeting)
    const claimed: string[] = []
    for (const t of found) {
      if (await topics.update(t._id, { status: 'scheduled', meetingId }, { status: 'pending' })) claimed.push(t._id)
    }
    if (claimed.length !== found.length) {
      await Promise.all(claimed.map((t) => topics.update(t, { status: 'pending', meetingId: null }, { meetingId })))
      await db.collection('meetings').remove(meetingId)
      throw conflict('有议题刚被列入其他议事会，请刷新后重选')
    }
    await noteOnAgenda(db, meeting, { kind: 'scheduled', at: now, by: '居委会', note: `列入「${input.title}」议程` }, { meetingId })
    await ctx.audit({ action: 'council.meeting.schedule', target: { collection: 'meetings', id: meetingId }, after: { title: input.title, startAt, place: input.place, capacity: input.capacity, topicIds } })
    await notify(ctx, db, await agendaAuthors(db, topicIds), {
      kind: 'meeting.scheduled',
      title: '你说的事将在议事会上讨论',
      body: `「${input.title}」${chinaTime(startAt)}在${input.place}召开`,
      link: meetingLink(meetingId),
      template: 'meetingReminder',
      key: `meeting-scheduled-${meetingId}`,
    })
    return { meetingId, topics: topicIds.length }
  },
})

export const listMeetings = action({
  name: 'council.meeting.list',
  summary: '议事会列表：即将召开的（最近的在前）或已召开的（最新的在前），含名额和报名情况',
  roles: ['resident', 'street'],
  input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), limit: limit(50, 20), cursor }),
  async run({ db, input, member, clock }) {
    const now = clock.now()
    const _ = db._
    const upcoming = input.when === 'upcoming'
    const meetings = db.collection<Meeting>('meetings')
    // A page leaves the registrants behind and asks only which of its meetings I hold a seat at.
    const { page, nextCursor } = await findPage(
      meetings,
      upcoming ? { status: 'scheduled', endAt: _.gte(now) } : { status: _.in(['scheduled', 'held']), endAt: _.lt(now) },
      [['startAt', upcoming ? 'asc' : 'desc']],
      input,
      { registrants: false },
    )
    const me = member.membership._id
    const ids = page.map((m) => m._id)
    const held = ids.length ? await meetings.find({ _id: _.in(ids), 'registrants.memberId': me }, { limit: ids.length, fields: { _id: true } }) : []
    const mine = new Set(held.map((m) => m._id))
    return {
      items: page.map((m) => ({ ...meetingCard(m, now), registeredByMe: mine.has(m._id) })),
      nextCursor,
    }
  },
})

export const getMeeting = action({
  name: 'council.meeting.get',
  summary: '议事会详情：时间地点、议程（议题及其来源事项）、名额、我是否已报名和签到、会议纪要',
  roles: ['resident', 'street'],
  input: z.strictObject({ meetingId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    // The count of those present includes scans whose credit is still owed (platform/checkin).
    await payOwedCredits(db, { kind: 'meeting', eventId: input.meetingId }, () => ctx.settings)
    const m = await db.collection<Meeting>('meetings').require(input.meetingId, '议事会不存在')
    const me = member.membership._id
    const [topics, attendance] = await Promise.all([
      db.collection<Topic>('topics').find({ _id: db._.in(m.topicIds) }, { limit: m.topicIds.length }),
      db.collection<Attendance>('attendance').get(`meeting:${m._id}:${me}`),
    ])
    const byId = new Map(topics.map((t) => [t._id, t]))
    const now = clock.now()
    return {
      ...meetingCard(m, now),
      note: m.note,
      agenda: m.topicIds.map((tid) => byId.get(tid)).filter((t): t is Topic => !!t).map((t) => ({ topicId: t._id, issueId: t.issueId, title: t.title, summary: t.summary, status: t.status, comments: t.comments })),
      registeredByMe: isRegistered(m, me),
      attendedByMe: !!attendance,
      checkin: checkinOpen(m, now),
      minutes: m.minutes,
      minutesAt: iso(m.minutesAt),
      /** why the committee cancelled it (told to the registered, shown to all) */
      cancelReason: m.status === 'cancelled' ? (m.cancelReason ?? null) : null,
    }
  },
})

export const registerMeeting = action({
  name: 'council.meeting.register',
  summary: '报名参加议事会（已认证居民；每人一个名额，满额即止；重复报名返回「已报名」）',
  roles: ['verified'],
  input: z.strictObject({ meetingId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    const now = clock.now()
    const me = member.membership._id
    const _ = db._
    const meetings = db.collection<Meeting>('meetings')
    const seat: Registrant = { memberId: me, at: now }
    // One conditional update takes a free seat and records its holder: never below zero, never twice for one person.
    const taken = await meetings.update(
      input.meetingId,
      { seatsLeft: _.inc(-1), registered: _.inc(1), registrants: _.push([seat]) },
      { seatsLeft: _.gt(0), status: 'scheduled', startAt: _.gt(now), 'registrants.memberId': _.neq(me) },
    )
    if (taken) return { status: 'registered' as const, meetingId: input.meetingId }
    // Read only on this path: why no seat was taken.
    const m = await meetings.get(input.meetingId)
    if (!m) throw notFound('议事会不存在')
    if (isRegistered(m, me)) return { status: 'already' as const, meetingId: input.meetingId }
    if (m.status !== 'scheduled' || new Date(m.startAt).getTime() <= now.getTime()) throw precondition('议事会已开始或已结束，不能再报名')
    throw precondition('名额已满')
  },
})

export const cancelRegistration = action({
  name: 'council.meeting.cancelRegistration',
  summary: '取消议事会报名（开会前），名额让给其他邻居',
  roles: ['resident'],
  input: z.strictObject({ meetingId: id }),
  async run({ db, input, member, clock }) {
    assertOwnId(db, input.meetingId, '议事会不存在')
    const now = clock.now()
    const me = member.membership._id
    const _ = db._
    const meetings = db.collection<Meeting>('meetings')
    // Only the holder of a seat gives one back, in the same update that lets go of it.
    const freed = await meetings.update(
      input.meetingId,
      { seatsLeft: _.inc(1), registered: _.inc(-1), registrants: _.pull({ memberId: me }) },
      { status: 'scheduled', startAt: _.gt(now), 'registrants.memberId': me },
    )
    if (freed) return { status: 'cancelled' as const, meetingId: input.meetingId }
    const meeting = await meetings.require(input.meetingId, '议事会不存在')
    if (meeting.status === 'cancelled') throw precondition('这场议事会已取消，不需要再取消报名')
    if (new Date(meeting.startAt).getTime() <= now.getTime()) throw precondition('议事会已开始，不能取消报名')
    return { status: 'notRegistered' as const, meetingId: meeting._id }
  },
})

export const recordMinutes = action({
  name: 'council.meeting.minutes',
  summary: '记录议事会纪要（会后；议程上的议题记为已讨论，事项时间线同步；写入审计日志并通知提出人）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ meetingId: id, minutes: text(4000, 10) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    const now = clock.now()
    const meetings = db.collection<Meeting>('meetings')
    const m = await meetings.require(input.meetingId, '议事会不存在')
    if (m.status === 'cancelled') throw precondition('议事会已取消')
    if (new Date(m.startAt).getTime() > now.getTime()) throw precondition('议事会还没开始，会后再记录纪要')
    await meetings.update(m._id, { status: 'held', minutes: input.minutes, minutesAt: now })
    const first = m.status !== 'held'
    if (first) {
      await db.collection<Topic>('topics').updateWhere({ _id: db._.in(m.topicIds) }, { status: 'discussed' })
      await noteOnAgenda(db, m, { kind: 'discussed', at: now, by: '居委会', note: `「${m.title}」已讨论，纪要已公开` })
    }
    await ctx.audit({ action: 'council.meeting.minutes', target: { collection: 'meetings', id: m._id }, before: { status: m.status, minutes: m.minutes }, after: { status: 'held', minutes: input.minutes } })
    if (first) {
      await notify(ctx, db, await agendaAuthors(db, m.topicIds), {
        kind: 'meeting.minutes',
        title: '议事会纪要已公开',
        body: `「${m.title}」已讨论你说的事，点击查看纪要`,
        link: meetingLink(m._id),
        template: 'issueUpdate',
        key: `meeting-minutes-${m._id}`,
      })
    }
    return { meetingId: m._id, status: 'held' as const, attended: m.attended, registered: m.registered }
  },
})

/** The meeting, if it is still to come (the committee may change or cancel only such a one). */
async function notYetStarted(meetings: ScopedCollection<Meeting>, meetingId: string, now: Date, refusal: string): Promise<Meeting> {
  const m = await meetings.require(meetingId, '议事会不存在')
  if (m.status !== 'scheduled' || new Date(m.startAt).getTime() <= now.getTime()) throw precondition(refusal)
  return m
}

export const updateMeeting = action({
  name: 'council.meeting.update',
  summary: '修改议事会的时间、地点或名额（开会前；名额不能少于已报名人数）；通知已报名的居民（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({ meetingId: id, startAt: when.optional(), endAt: when.optional(), place: text(60, 2).optional(), capacity: z.number().int().min(1).max(1000).optional() })
    .refine((v) => v.startAt || v.endAt || v.place || v.capacity, { message: '没有要修改的内容' }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    const now = clock.now()
    const meetings = db.collection<Meeting>('meetings')
    const m = await notYetStarted(meetings, input.meetingId, now, '只能修改尚未开始的议事会')
    const startAt = input.startAt ? new Date(input.startAt) : new Date(m.startAt)
    const endAt = input.endAt ? new Date(input.endAt) : new Date(m.endAt)
    if (startAt.getTime() <= now.getTime()) throw invalid('议事会时间须在将来')
    if (endAt.getTime() <= startAt.getTime()) throw invalid('结束时间须晚于开始时间')
    if (endAt.getTime() - startAt.getTime() > 12 * HOUR) throw invalid('一场议事会最长 12 小时')
    const _ = db._
    const patch: Record<string, unknown> = { startAt, endAt, place: input.place ?? m.place }
    // A new time deserves a new reminder.
    if (startAt.getTime() !== new Date(m.startAt).getTime()) {
      patch.reminded = false
      await armAlarm(db, [meetingReminderDue(startAt)], now)
    }
    const guard: Record<string, unknown> = { status: 'scheduled' }
    if (input.capacity !== undefined && input.capacity !== m.capacity) {
      // Seats move by the difference, in the same conditional update that checks nobody registered beyond the new capacity.
      Object.assign(patch, { capacity: input.capacity, seatsLeft: _.inc(input.capacity - m.capacity) })
      Object.assign(guard, { capacity: m.capacity, registered: _.lte(input.capacity) })
    }
    const changed = await meetings.updateAndReturn(m._id, patch, guard)
    if (!changed) {
      const current = await meetings.require(m._id, '议事会不存在')
      if (input.capacity !== undefined && current.registered > input.capacity) throw precondition(`已有 ${current.registered} 人报名，名额不能少于这个数`)
      throw conflict('议事会刚被其他人修改了，请刷新后再试')
    }
    const after = { startAt, endAt, place: patch.place, capacity: input.capacity ?? m.capacity }
    await ctx.audit({ action: 'council.meeting.update', target: { collection: 'meetings', id: m._id }, before: { startAt: m.startAt, endAt: m.endAt, place: m.place, capacity: m.capacity }, after })
    const moved = startAt.getTime() !== new Date(m.startAt).getTime() || patch.place !== m.place
    if (moved) {
      await notify(ctx, db, registrantsOf(changed), {
        kind: 'meeting.changed',
        title: '议事会时间或地点有变',
        body: `「${m.title}」改为${chinaTime(startAt)}在${String(patch.place)}召开`,
        link: meetingLink(m._id),
        template: 'meetingReminder',
        key: `meeting-changed-${m._id}-${now.getTime()}`,
      })
    }
    return { meetingId: m._id, startAt: startAt.toISOString(), endAt: endAt.toISOString(), place: String(patch.place), capacity: after.capacity }
  },
})

export const cancelMeeting = action({
  name: 'council.meeting.cancel',
  summary: '取消议事会（开会前，须写明原因）：议程上的议题回到待排期，通知已报名的居民（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ meetingId: id, reason: text(200, 2) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    const now = clock.now()
    const meetings = db.collection<Meeting>('meetings')
    const m = await notYetStarted(meetings, input.meetingId, now, '只能取消尚未开始的议事会')
    const cancelled = await meetings.updateAndReturn(m._id, { status: 'cancelled', seatsLeft: 0, cancelReason: input.reason, cancelledAt: now }, { status: 'scheduled' })
    if (!cancelled) throw conflict('议事会刚被其他人处理了，请刷新')
    const topics = db.collection<Topic>('topics')
    await Promise.all(m.topicIds.map((t) => topics.update(t, { status: 'pending', meetingId: null }, { meetingId: m._id, status: 'scheduled' })))
    await noteOnAgenda(db, m, { kind: 'scheduled', at: now, by: '居委会', note: `「${m.title}」已取消（${input.reason}），等待重新排期` }, { meetingId: null })
    await ctx.audit({ action: 'council.meeting.cancel', target: { collection: 'meetings', id: m._id }, before: { status: m.status }, after: { status: 'cancelled' }, reason: input.reason })
    const registrants = registrantsOf(cancelled)
    await notify(ctx, db, registrants, {
      kind: 'meeting.cancelled',
      title: '议事会已取消',
      body: `「${m.title}」已取消：${input.reason}`,
      link: meetingLink(m._id),
      template: 'meetingReminder',
      key: `meeting-cancelled-${m._id}`,
    })
    return { meetingId: m._id, status: 'cancelled' as const, notified: registrants.length }
  },
})

export const meetingRegistrants = action({
  name: 'council.meeting.registrants',
  summary: '议事会报名名单（居委会）：报名的居民（昵称打码）、住户和是否已签到，供现场为没带手机的居民登记到场',
  roles: ['committee', 'admin'],
  input: z.strictObject({ meetingId: id, limit: limit(500, 200) }),
  async run(ctx) {
    const { db, input } = ctx
    assertOwnId(db, input.meetingId, '议事会不存在')
    await payOwedCredits(db, { kind: 'meeting', eventId: input.meetingId }, () => ctx.settings)
    const m = await db.collection<Meeting>('meetings').require(input.meetingId, '议事会不存在')
    const regs = [...(m.registrants ?? [])].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime()).slice(0, input.limit)
    const memberIds = regs.map((r) => r.memberId)
    const [members, present] = await Promise.all([
      memberIds.length ? db.collection<Membership>('memberships').find({ _id: db._.in(memberIds) }, { limit: memberIds.length, fields: { nickname: true, status: true, householdId: true } }) : [],
      existingAmong(db, 'attendance', memberIds.map((mid) => attendanceId('meeting', m._id, mid)), 'memberId'),
    ])
    const byId = new Map(members.map((x) => [x._id, x]))
    const labels = await householdLabels(db, members.filter((x) => x.status !== 'left').map((x) => x.householdId))
    return {
      total: m.registered,
      attended: m.attended,
      items: regs.map((r) => {
        const who = byId.get(r.memberId)
        const gone = !who || who.status === 'left'
        return {
          memberId: r.memberId,
          name: gone ? '已离开的居民' : maskName(who.nickname),
          household: !gone && who.householdId ? (labels.get(who.householdId) ?? '') : '',
          attended: present.has(r.memberId),
          registeredAt: iso(r.at)!,
        }
      }),
    }
  },
})

/**
 * 议事会 check-in: the committee organises it and shows the code while the meeting
 * is on (3 h either side). Attending is being present (no check-out); only verified
 * residents are counted and earn the attendance points, anyone else is a walk-in.
 */
registerCheckinKind({
  kind: 'meeting',
  label: '议事会',
  attendance: 'present',
  credits: 'verified',
  earns: 'attendance',
  async authorizeOrganiser(ctx: ActionContext<unknown>, eventId: string) {
    const db = ctx.db
    assertOwnId(db, eventId, '议事会不存在')
    const m = await db.collection<Meeting>('meetings').require(eventId, '议事会不存在')
    if (!(ctx.member.roles.has('committee') || ctx.member.roles.has('admin'))) throw forbidden('只有居委会可以为议事会签到')
    const open = checkinOpen(m, ctx.clock.now())
    return {
      title: m.title,
      closedBecause: open === 'early' ? '签到在议事会开始前 3 小时开放' : open === 'closed' ? '这场议事会的签到已结束' : null,
      minutes: Math.round((new Date(m.endAt).getTime() - new Date(m.startAt).getTime()) / 60_000),
    }
  },
  async onCredit(tx, { eventId }) {
    await tx.update('meetings', eventId, { attended: tx._.inc(1) })
  },
})

/**
 * The registered hear of a meeting within the next 24 hours, once (the meeting is
 * claimed by a conditional update, so overlapping runs remind once). Scheduling or
 * moving a meeting arms the alarm for 24 hours before it (reminderDue).
 */
export const remindMeetings = timer({
  name: 'council.remindMeetings',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const { crossCommunity, clock } = services
    const now = clock.now()
    const meetings = crossCommunity.collection<Meeting>('meetings')
    const soon = { status: 'scheduled', reminded: false, startAt: crossCommunity._.lte(new Date(now.getTime() + REMIND_BEFORE_MS)) }
    let reminded = 0
    for (const m of await meetings.find(soon, { limit: 100 })) {
      const claimed = await meetings.update(m._id, { reminded: true }, { reminded: false })
      // A meeting already under way when first seen is marked, not announced.
      if (!claimed || new Date(m.startAt).getTime() <= now.getTime()) continue
      const db = crossCommunity.in(m.communityId)
      await notify(services, db, registrantsOf(m), {
        kind: 'meeting.reminder',
        title: '议事会即将召开',
        body: `「${m.title}」${chinaTime(m.startAt)}在${m.place}召开，请准时参加`,
        link: meetingLink(m._id),
        template: 'meetingReminder',
        key: `meeting-reminder-${m._id}-${new Date(m.startAt).getTime()}`,
      })
      reminded++
    }
    return { reminded }
  },
})
