/**
 * 请邻议事: scheduling a 议事会 with an agenda, registering within capacity (never
 * over, however many at once), cancelling to free a seat, and recording minutes.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_ISSUES, SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const schedule = (extra: Record<string, unknown> = {}) =>
  t.call('demo-committee', 'council.meeting.schedule', {
    title: '12 月居民议事会',
    startAt: '2026-12-05T19:30:00+08:00',
    endAt: '2026-12-05T21:00:00+08:00',
    place: '社区活动室',
    capacity: 10,
    topicIds: [`${SEED_ISSUES.bikeShed}:topic`],
    ...extra,
  }, C)

describe('scheduling', () => {
  it('puts pending topics on the agenda, notes it on each matter and tells its author', async () => {
    const res = await schedule()
    if (!res.ok) throw new Error(res.error.message)
    const meeting = await t.ok('demo-newcomer', 'council.meeting.get', { meetingId: res.data.meetingId }, C)
    expect(meeting).toMatchObject({ capacity: 10, seatsLeft: 10, registered: 0, upcoming: true, checkin: 'early' })
    expect(meeting.agenda).toEqual([expect.objectContaining({ topicId: `${SEED_ISSUES.bikeShed}:topic`, issueId: SEED_ISSUES.bikeShed, status: 'scheduled' })])
    const issue = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.bikeShed }, C)
    expect(issue.meeting).toMatchObject({ id: res.data.meetingId })
    expect(issue.timeline.at(-1)).toMatchObject({ kind: 'scheduled' })
    const upcoming = await t.ok('demo-resident', 'council.meeting.list', {}, C)
    expect(upcoming.items.map((m) => m.id)).toEqual([SEED_MEETINGS.upcoming, res.data.meetingId])
  })

  it('refuses a topic already on an agenda, a time in the past and an end before the start', async () => {
    expect(await schedule({ topicIds: [`${SEED_ISSUES.squareDance}:topic`] })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await schedule({ startAt: '2026-11-01T19:30:00+08:00', endAt: '2026-11-01T21:00:00+08:00' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await schedule({ endAt: '2026-12-05T18:00:00+08:00' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('gives a topic to one meeting when two are scheduled at once', async () => {
    const both = await Promise.all([schedule(), schedule({ title: '12 月临时议事会' })])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: expect.stringMatching(/CONFLICT|FAILED_PRECONDITION/) } })
    // The loser leaves no meeting behind.
    expect((await t.ok('demo-resident', 'council.meeting.list', {}, C)).items).toHaveLength(2)
  })
})

describe('registration', () => {
  it('fills exactly the capacity when 30 neighbours register at once', async () => {
    const res = await schedule()
    if (!res.ok) throw new Error(res.error.message)
    const meetingId = res.data.meetingId
    const results = await Promise.all(NEIGHBOURS.map((n) => t.call(n, 'council.meeting.register', { meetingId }, C)))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'FAILED_PRECONDITION' && r.error.message === '名额已满')).toBe(true)
    expect(await t.ok('demo-resident', 'council.meeting.get', { meetingId }, C)).toMatchObject({ registered: 10, seatsLeft: 0 })
    expect((await t.ok('demo-committee', 'council.meeting.registrants', { meetingId }, C)).items).toHaveLength(10)

    // A cancellation frees one seat, and only one.
    const winner = NEIGHBOURS[results.findIndex((r) => r.ok)]
    expect(await t.ok(winner, 'council.meeting.cancelRegistration', { meetingId }, C)).toMatchObject({ status: 'cancelled' })
    expect(await t.ok(winner, 'council.meeting.cancelRegistration', { meetingId }, C)).toMatchObject({ status: 'notRegistered' })
    const again = await Promise.all(['demo-resident', 'demo-volunteer'].map((p) => t.call(p, 'council.meeting.register', { meetingId }, C)))
    expect(again.filter((r) => r.ok)).toHaveLength(1)
    expect(await t.ok('demo-resident', 'council.meeting.get', { meetingId }, C)).toMatchObject({ registered: 10, seatsLeft: 0 })
  })

  it('answers a repeated registration with "already", taking no second seat', async () => {
    const first = await t.ok('demo-resident', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)
    const second = await t.ok('demo-resident', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)
    expect([first.status, second.status]).toEqual(['registered', 'already'])
    expect(await t.ok('demo-resident', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ registered: 7, registeredByMe: true })
  })

  it('refuses registering for a meeting that is over', async () => {
    const res = await t.call('demo-resident', 'council.meeting.register', { meetingId: SEED_MEETINGS.past }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId: SEED_MEETINGS.past }, C)
    expect(list.items.map((i) => i.memberId)).not.toContain(membershipId(C, 'demo-resident'))
  })

  it('costs at most 3 database round trips, the membership read included', async () => {
    t.emulator.resetStats()
    await t.ok('demo-resident', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(3)
  })
})

describe('minutes', () => {
  it('are recorded after the meeting: topics discussed, matters told, audited', async () => {
    expect(await t.call('demo-committee', 'council.meeting.minutes', { meetingId: SEED_MEETINGS.upcoming, minutes: '会议还没开，不能写纪要。' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    t.clock.advance(5 * 3_600_000)
    await t.ok('demo-committee', 'council.meeting.minutes', { meetingId: SEED_MEETINGS.upcoming, minutes: '广场舞队同意晚上 9 点后关闭音响，周末延长到 9 点半。' }, C)
    const meeting = await t.ok('demo-resident', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)
    expect(meeting).toMatchObject({ status: 'held', minutes: '广场舞队同意晚上 9 点后关闭音响，周末延长到 9 点半。' })
    expect(meeting.agenda[0]).toMatchObject({ status: 'discussed' })
    const issue = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.squareDance }, C)
    expect(issue.timeline.at(-1)).toMatchObject({ kind: 'discussed' })
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'council.meeting.minutes' }).count()) as { total: number }
    expect(audit.total).toBe(1)
    const past = await t.ok('demo-resident', 'council.meeting.list', { when: 'past' }, C)
    expect(past.items.map((m) => m.id)).toEqual([SEED_MEETINGS.upcoming, SEED_MEETINGS.past])
  })
})

describe('cancelling', () => {
  it('frees the agenda for another meeting, tells the registered, refuses new registrations, audited', async () => {
    const res = await t.ok('demo-committee', 'council.meeting.cancel', { meetingId: SEED_MEETINGS.upcoming, reason: '会议室临时检修' }, C)
    expect(res).toMatchObject({ status: 'cancelled', notified: 6 })
    expect((await t.ok('demo-resident', 'council.topic.list', { status: 'pending' }, C)).items.map((x) => x.id)).toContain(`${SEED_ISSUES.squareDance}:topic`)
    expect(await t.call('demo-resident', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect((await t.ok('demo-volunteer', 'message.list', {}, C)).items.map((m) => m.kind)).toContain('meeting.cancelled')
    expect((await t.ok('demo-resident', 'council.meeting.list', {}, C)).items).toEqual([])
    const issue = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.squareDance }, C)
    expect(issue.meeting).toBeNull()
    expect(await schedule({ topicIds: [`${SEED_ISSUES.squareDance}:topic`] })).toMatchObject({ ok: true })
    expect(await t.call('demo-admin', 'council.meeting.cancel', { meetingId: SEED_MEETINGS.upcoming, reason: '再取消一次' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    // A registration on the cancelled meeting stays as it was: no seat comes back to a meeting that will not happen.
    expect(await t.call('demo-volunteer', 'council.meeting.cancelRegistration', { meetingId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.ok('demo-volunteer', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ status: 'cancelled', registered: 6 })
  })
})

describe('changing a meeting', () => {
  it('moves the seats with the capacity, never below those registered, and tells the registered of a new time', async () => {
    const M = SEED_MEETINGS.upcoming
    expect(await t.call('demo-committee', 'council.meeting.update', { meetingId: M, capacity: 5 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已有 6 人报名') } })
    await t.ok('demo-committee', 'council.meeting.update', { meetingId: M, capacity: 7 }, C)
    expect(await t.ok('demo-resident', 'council.meeting.get', { meetingId: M }, C)).toMatchObject({ capacity: 7, seatsLeft: 1, registered: 6 })
    const race = await Promise.all(['demo-resident', 'demo-newcomer', 'demo-neighbour-01'].map((p) => t.call(p, 'council.meeting.register', { meetingId: M }, C)))
    expect(race.filter((r) => r.ok)).toHaveLength(1)
    await t.ok('demo-committee', 'council.meeting.update', { meetingId: M, startAt: '2026-11-24T19:30:00+08:00', endAt: '2026-11-24T21:00:00+08:00' }, C)
    const inbox = await t.ok('demo-volunteer', 'message.list', {}, C)
    expect(inbox.items.find((m) => m.kind === 'meeting.changed')?.body).toContain('11月24日 19:30')
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'council.meeting.update' }).count()) as { total: number }
    expect(audit.total).toBe(2)
  })
})

describe('reminders', () => {
  it('remind the registered once within 24 hours of the start, and again after a change of time', async () => {
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'council.remindMeetings': { reminded: 1 } })
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'council.remindMeetings': { reminded: 0 } })
    const kinds = async () => (await t.ok('demo-volunteer', 'message.list', {}, C)).items.filter((m) => m.kind === 'meeting.reminder')
    expect(await kinds()).toHaveLength(1)
    await t.ok('demo-committee', 'council.meeting.update', { meetingId: SEED_MEETINGS.upcoming, startAt: '2026-11-23T20:00:00+08:00', endAt: '2026-11-23T21:30:00+08:00' }, C)
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'council.remindMeetings': { reminded: 1 } })
    expect(await kinds()).toHaveLength(2)
    // A meeting a week away waits.
    const res = await schedule()
    expect(res.ok).toBe(true)
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'council.remindMeetings': { reminded: 0 } })
  })
})

it('the demo has a past meeting with attendance and minutes and an upcoming one with agenda and registrations', async () => {
  const past = await t.ok('demo-newcomer', 'council.meeting.get', { meetingId: SEED_MEETINGS.past }, C)
  expect(past).toMatchObject({ status: 'held', attended: 9, registered: 12, minutes: expect.stringContaining('电梯') })
  // The committee still sees who came after check-in closed.
  expect((await t.ok('demo-committee', 'checkin.attendees', { kind: 'meeting', eventId: SEED_MEETINGS.past }, C)).total).toBe(9)
  const upcoming = await t.ok('demo-newcomer', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)
  expect(upcoming).toMatchObject({ status: 'scheduled', registered: 6, upcoming: true, checkin: 'open' })
  expect(upcoming.agenda).toHaveLength(1)
})
