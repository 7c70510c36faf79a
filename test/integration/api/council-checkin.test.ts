/**
 * QR check-in at a 议事会: the committee's rotating code, accepted in its window
 * and the next, refused when expired, of another event or forged, credited once
 * however often it is scanned; and the organiser scanning a resident's personal code.
 */
import { DEV_CHECKIN_SECRET, issueToken } from '../../../cloudfunctions/api/src/platform/checkin'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const M = SEED_MEETINGS.upcoming

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const code = () => t.ok('demo-committee', 'checkin.token', { kind: 'meeting', eventId: M }, C)
const attended = async () => (await t.ok('demo-resident', 'council.meeting.get', { meetingId: M }, C)).attended

it('credits a scan of the current code once, and says "already" after', async () => {
  const { token, refreshInMs, expiresAt } = await code()
  expect(refreshInMs).toBeGreaterThan(0)
  expect(refreshInMs).toBeLessThanOrEqual(30_000)
  expect(new Date(expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime() + 30_000)
  expect(await t.ok('demo-resident', 'checkin.scan', { token, location: { lat: 24.45, lng: 118.08 } }, C)).toMatchObject({ status: 'credited', kind: 'meeting', eventId: M })
  expect(await t.ok('demo-resident', 'checkin.scan', { token }, C)).toMatchObject({ status: 'already' })
  expect(await attended()).toBe(1)
  const me = await t.ok('demo-resident', 'council.meeting.get', { meetingId: M }, C)
  expect(me.attendedByMe).toBe(true)
  const list = await t.ok('demo-committee', 'checkin.attendees', { kind: 'meeting', eventId: M }, C)
  expect(list.items).toEqual([expect.objectContaining({ memberId: membershipId(C, 'demo-resident'), name: '林*华', method: 'scan', located: true })])
})

it('accepts the previous window’s code and refuses an expired one', async () => {
  const { token } = await code()
  t.clock.advance(30_000)
  expect(await t.ok('demo-resident', 'checkin.scan', { token }, C)).toMatchObject({ status: 'credited' })
  t.clock.advance(30_000)
  const expired = await t.call('demo-volunteer', 'checkin.scan', { token }, C)
  expect(expired).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已过期') } })
  expect(await attended()).toBe(1)
})

it('refuses a code of another event, another community, or a forged one, writing nothing', async () => {
  const { token } = await code()
  const wrongEvent = await t.call('demo-resident', 'checkin.scan', { token, expect: { kind: 'meeting', eventId: SEED_MEETINGS.past } }, C)
  expect(wrongEvent).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('另一场') } })
  const otherCommunity = issueToken({ t: 'e', c: 'c_haiyun', k: 'meeting', e: 'c_haiyun:meeting-1' }, t.clock.now(), DEV_CHECKIN_SECRET).token
  expect(await t.call('demo-resident', 'checkin.scan', { token: otherCommunity }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('其他社区') } })
  const forged = issueToken({ t: 'e', c: C, k: 'meeting', e: M }, t.clock.now(), 'guessed-secret').token
  expect(await t.call('demo-resident', 'checkin.scan', { token: forged }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('无效') } })
  const [payload, sig] = token.split('.')
  const tampered = `${payload.slice(0, -2)}${payload.slice(-2) === 'AA' ? 'BB' : 'AA'}.${sig}`
  expect(await t.call('demo-resident', 'checkin.scan', { token: tampered }, C)).toMatchObject({ ok: false })
  expect(await t.call('demo-resident', 'checkin.scan', { token: 'not-a-checkin-code' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  expect(await attended()).toBe(0)
})

it('credits 20 identical scans sent at once exactly once', async () => {
  const { token } = await code()
  const results = await Promise.all(Array.from({ length: 20 }, () => t.call('demo-volunteer', 'checkin.scan', { token }, C)))
  expect(results.every((r) => r.ok)).toBe(true)
  expect(results.filter((r) => r.ok && r.data.status === 'credited')).toHaveLength(1)
  expect(await attended()).toBe(1)
})

it('costs 2 database round trips for a credited check-in, a repeated one or a walk-in, and the credit lands when read', async () => {
  const { token } = await code()
  const trips = async (openid: string) => {
    t.emulator.resetStats()
    await t.ok(openid, 'checkin.scan', { token }, C)
    return t.emulator.stats.requests
  }
  // The membership and the attendance (with the credit it is owed); the credit is paid after.
  expect(await trips('demo-resident')).toBeLessThanOrEqual(2)
  // The membership, then the attendance insert refused as a duplicate.
  expect(await trips('demo-resident')).toBeLessThanOrEqual(2)
  expect(await trips('demo-newcomer')).toBeLessThanOrEqual(2)
  // Whoever reads the meeting's count next pays what is owed first.
  expect(await attended()).toBe(1)
})

it('pays a scan’s credit once by the 6-hourly catch-up, with nobody reading', async () => {
  const { token } = await code()
  expect(await t.ok('demo-resident', 'checkin.scan', { token }, C)).toMatchObject({ status: 'credited', points: 5 })
  const stored = async () => (await t.db.collection('meetings').doc(M).get()).data[0].attended as number
  expect(await stored()).toBe(0)
  // An ordinary 10-minute run leaves it: a scan costs no alarm, and readers pay first.
  expect(await t.api.runTimer('frequent')).toMatchObject({ 'checkin.payCredits': { idle: true } })
  const before = t.clock.now()
  t.clock.set('2026-11-23T12:00:00+08:00')
  expect(await t.api.runTimer('frequent')).toMatchObject({ 'checkin.payCredits': { owing: 1, paid: 1, failed: 0 } })
  expect(await stored()).toBe(1)
  expect(await t.api.runTimer('frequent')).toMatchObject({ 'checkin.payCredits': { owing: 0, paid: 0 } })
  t.clock.set(before)
  expect((await t.ok('demo-resident', 'points.mine', {}, C)).entries.filter((e) => e.kind === 'attendance' && e.label.includes('议事会'))).toHaveLength(1)
})

it('shows the code only while the meeting is on', async () => {
  expect(await t.call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.past }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已结束') } })
  expect(await t.call('demo-committee', 'checkin.token', { kind: 'volunteerShift', eventId: M }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  expect(await t.call('demo-resident', 'checkin.token', { kind: 'meeting', eventId: M }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

it('lets the organiser scan a resident’s rotating personal code instead, once', async () => {
  const personal = await t.ok('demo-volunteer', 'checkin.personalCode', {}, C)
  expect(await t.ok('demo-committee', 'checkin.scanAttendee', { kind: 'meeting', eventId: M, token: personal.token }, C)).toMatchObject({ status: 'credited', memberId: membershipId(C, 'demo-volunteer') })
  expect(await t.ok('demo-admin', 'checkin.scanAttendee', { kind: 'meeting', eventId: M, token: personal.token }, C)).toMatchObject({ status: 'already' })
  const eventCode = (await code()).token
  expect(await t.call('demo-committee', 'checkin.scanAttendee', { kind: 'meeting', eventId: M, token: eventCode }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('个人码') } })
  expect(await t.call('demo-volunteer', 'checkin.scan', { token: personal.token }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('个人码') } })
  t.clock.advance(60_000)
  // Expired: the organiser is told to scan the resident's current code, not an organiser's.
  expect(await t.call('demo-committee', 'checkin.scanAttendee', { kind: 'meeting', eventId: M, token: personal.token }, C)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已过期.*居民手机上/) } })
  expect(await attended()).toBe(1)
})

it('lets the organiser mark by hand someone who cannot scan, once, audited', async () => {
  const memberId = membershipId(C, 'demo-neighbour-05')
  expect(await t.ok('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId }, C)).toMatchObject({ status: 'credited' })
  expect(await t.ok('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId }, C)).toMatchObject({ status: 'already' })
  expect(await attended()).toBe(1)
  const list = await t.ok('demo-committee', 'checkin.attendees', { kind: 'meeting', eventId: M }, C)
  expect(list.items).toEqual([expect.objectContaining({ memberId, method: 'manual' })])
  const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'checkin.mark' }).count()) as { total: number }
  expect(audit.total).toBe(1)
  expect(await t.call('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId: membershipId(C, 'demo-street') }, C)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

it('lists the registered for the committee to mark those without a phone: masked names, household, who is present; no openid or phone', async () => {
  const lead = membershipId(C, 'demo-lead')
  await t.ok('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId: lead }, C)
  const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId: M }, C)
  expect(list.total).toBe(6)
  expect(list.items).toHaveLength(6)
  expect(list.attended).toBe(1)
  const row = list.items.find((r) => r.memberId === lead)!
  expect(row).toMatchObject({ attended: true, household: expect.stringMatching(/号楼/) })
  expect(row.name).toContain('*')
  expect(list.items.filter((r) => r.attended)).toHaveLength(1)
  const text = JSON.stringify(list)
  expect(text).not.toMatch(/openid|phone|demo-lead/)
  expect(await t.call('demo-resident', 'council.meeting.registrants', { meetingId: M }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await t.call('demo-committee', 'council.meeting.registrants', { meetingId: M, extra: 1 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
})

it('tells everyone why a cancelled meeting was cancelled', async () => {
  await t.ok('demo-resident', 'council.meeting.register', { meetingId: M }, C)
  await t.ok('demo-committee', 'council.meeting.cancel', { meetingId: M, reason: '会议室临时检修，改期另行通知' }, C)
  expect(await t.ok('demo-resident', 'council.meeting.get', { meetingId: M }, C)).toMatchObject({ status: 'cancelled', cancelReason: '会议室临时检修，改期另行通知', checkin: 'closed' })
  expect((await t.ok('demo-resident', 'council.meeting.get', { meetingId: SEED_MEETINGS.past }, C)).cancelReason).toBeNull()
})
