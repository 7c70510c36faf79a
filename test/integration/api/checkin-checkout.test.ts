/**
 * Check-in and check-out for an event kind whose attendance is the minutes
 * between them. Only 议事会 exist today (present / absent, no check-out), so this
 * file registers a kind the way a later area will — through the check-in module's
 * registration — with an organiser check of its own and no data behind it: the
 * organiser's rotating code says in or out, an 'out' closes the open attendance
 * once, minutes come from the server's clock capped at the event's length, and the
 * service is credited in points per hour.
 */
import { forbidden } from '../../../cloudfunctions/api/src/platform/errors'
import { registerCheckinKind } from '../../../cloudfunctions/api/src/platform/checkin'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const SHIFT = `${C}:drill-1`
const MINUTE = 60_000

registerCheckinKind({
  kind: 'drill',
  label: '消防演练',
  attendance: 'minutes',
  credits: 'verified',
  earns: 'service',
  async authorizeOrganiser(ctx) {
    if (!ctx.member.roles.has('volunteer')) throw forbidden('只有带队的志愿者可以为演练签到')
    return { title: '消防演练', closedBecause: null, minutes: 120 }
  },
})

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const code = async (direction?: 'in' | 'out') =>
  (await t.ok('demo-volunteer', 'checkin.token', { kind: 'drill', eventId: SHIFT, ...(direction ? { direction } : {}) }, C)).token
const scan = async (openid: string, direction?: 'in' | 'out') => t.call(openid, 'checkin.scan', { token: await code(direction) }, C)
/** The demo seeds credit the personas' points (the shop's ledger): what a test adds is the change. */
const balance = async (openid: string) => (await t.ok(openid, 'points.mine', {}, C)).balance

it('refuses to check out someone who never checked in, with a reason', async () => {
  const before = await balance('demo-resident')
  expect(await scan('demo-resident', 'out')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('还没有签到') } })
  expect(await balance('demo-resident')).toBe(before)
})

it('counts the minutes between check-in and check-out by the server’s clock and credits service points once', async () => {
  expect(await scan('demo-resident')).toMatchObject({ ok: true, data: { status: 'checkedIn', direction: 'in', points: 0 } })
  t.clock.advance(95 * MINUTE)
  expect(await scan('demo-resident', 'out')).toMatchObject({ ok: true, data: { status: 'checkedOut', direction: 'out', minutes: 95, points: 15 } })
  expect(await scan('demo-resident', 'out')).toMatchObject({ ok: true, data: { status: 'already', minutes: 95, points: 0 } })
  expect(await scan('demo-resident')).toMatchObject({ ok: true, data: { status: 'already' } })
  const points = await t.ok('demo-resident', 'points.mine', {}, C)
  expect(points.entries.filter((e) => e.kind === 'service' && e.label.includes('消防演练'))).toEqual([expect.objectContaining({ amount: 15, balanceAfter: points.balance })])
  const list = await t.ok('demo-volunteer', 'checkin.attendees', { kind: 'drill', eventId: SHIFT }, C)
  expect(list.items).toEqual([expect.objectContaining({ memberId: membershipId(C, 'demo-resident'), minutes: 95, checkedOutAt: expect.any(String), walkIn: false })])
})

it('caps the minutes at the event’s length', async () => {
  await scan('demo-resident')
  t.clock.advance(200 * MINUTE)
  expect(await scan('demo-resident', 'out')).toMatchObject({ ok: true, data: { status: 'checkedOut', minutes: 120, points: 20 } })
})

it('closes an attendance once when 20 check-outs arrive together', async () => {
  await scan('demo-resident')
  t.clock.advance(60 * MINUTE)
  const token = await code('out')
  const results = await Promise.all(Array.from({ length: 20 }, () => t.call('demo-resident', 'checkin.scan', { token }, C)))
  expect(results.filter((r) => !r.ok)).toEqual([])
  expect(results.filter((r) => r.ok && r.data.status === 'checkedOut')).toHaveLength(1)
  expect((await t.ok('demo-resident', 'points.mine', {}, C)).entries.filter((e) => e.label.includes('消防演练')).map((e) => e.amount)).toEqual([10])
})

it('lets the organiser check a resident out by their personal code or by hand', async () => {
  const lead = membershipId(C, 'demo-lead')
  const personal = await t.ok('demo-resident', 'checkin.personalCode', {}, C)
  expect(await t.ok('demo-volunteer', 'checkin.scanAttendee', { kind: 'drill', eventId: SHIFT, token: personal.token }, C)).toMatchObject({ status: 'checkedIn' })
  await t.ok('demo-volunteer', 'checkin.mark', { kind: 'drill', eventId: SHIFT, memberId: lead }, C)
  t.clock.advance(30 * MINUTE)
  const again = await t.ok('demo-resident', 'checkin.personalCode', {}, C)
  expect(await t.ok('demo-volunteer', 'checkin.scanAttendee', { kind: 'drill', eventId: SHIFT, token: again.token, direction: 'out' }, C)).toMatchObject({ status: 'checkedOut', minutes: 30 })
  expect(await t.ok('demo-volunteer', 'checkin.mark', { kind: 'drill', eventId: SHIFT, memberId: lead, direction: 'out' }, C)).toMatchObject({ status: 'checkedOut', minutes: 30 })
})

it('records an unverified walk-in’s minutes without crediting them', async () => {
  await scan('demo-newcomer')
  t.clock.advance(45 * MINUTE)
  expect(await scan('demo-newcomer', 'out')).toMatchObject({ ok: true, data: { status: 'checkedOut', minutes: 45, points: 0, walkIn: true } })
  expect((await t.ok('demo-newcomer', 'points.mine', {}, C)).entries.filter((e) => e.label.includes('消防演练'))).toEqual([])
})

it('asks the kind who organises: a resident who does not lead the drill cannot show its code', async () => {
  expect(await t.call('demo-resident', 'checkin.token', { kind: 'drill', eventId: SHIFT }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('带队') } })
})

it('has no check-out for a 议事会', async () => {
  expect(await t.call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.upcoming, direction: 'out' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('不需要签退') } })
})
