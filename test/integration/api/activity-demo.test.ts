/**
 * The demo community's 活动 as a newcomer and 林秀华 (demo-resident) find them: one
 * activity in every state, the seed's numbers agreeing with what the actions say
 * (seats, the waiting line, attendance, points), and the seeded state consistent
 * enough that the actions work on it (a cancellation promotes the next in line).
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { SEED_ACTIVITIES as A } from '../../../local/seed/activities'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

it('the tab shows upcoming activities in every state, soonest first, with seats or the waiting line', async () => {
  const { items } = await t.ok('demo-newcomer', 'activity.list', { when: 'upcoming' }, C)
  const byId = new Map(items.map((a) => [a.id, a]))
  expect(items.map((a) => a.id)).toEqual([A.talk, A.clinic, A.craft, A.calligraphy])
  expect(byId.get(A.craft)).toMatchObject({ phase: 'open', capacity: 20, seatsTaken: 10, seatsLeft: 10, waitingCount: 0, organiser: '社区居委会' })
  expect(byId.get(A.craft)!.poster).toMatch(/^cloud:\/\//)
  expect(byId.get(A.clinic)).toMatchObject({ phase: 'open', capacity: 6, seatsLeft: 0, waitingCount: 3 })
  expect(byId.get(A.calligraphy)).toMatchObject({ phase: 'notOpen', seatsLeft: 12 })
  // The cancelled one is gone from the upcoming list; the finished one is among those held.
  expect(byId.has(A.hike)).toBe(false)
  const past = await t.ok('demo-newcomer', 'activity.list', { when: 'past' }, C)
  expect(past.items.map((a) => a.id)).toEqual([A.dumplings])
})

it('林秀华 sees where she stands in each; those who came to the finished one have its points', async () => {
  const mine = await t.ok('demo-resident', 'activity.mine', {}, C)
  const byId = new Map(mine.items.map((a) => [a.id, a]))
  expect([...byId.keys()].sort()).toEqual([A.talk, A.clinic].sort())
  expect(byId.get(A.talk)).toMatchObject({ myStatus: 'registered', attended: false })
  expect(byId.get(A.clinic)).toMatchObject({ myStatus: 'waitlisted', myPosition: 2 })

  const talk = await t.ok('demo-resident', 'activity.get', { activityId: A.talk }, C)
  // 10:00 on the day of a 19:30 talk: check-in opens an hour before.
  expect(talk).toMatchObject({ myStatus: 'registered', checkin: 'early', attendedByMe: false, canCancel: null })

  const came = await t.ok('demo-neighbour-10', 'activity.mine', {}, C)
  expect(came.items.find((a) => a.id === A.dumplings)).toMatchObject({ myStatus: 'registered', attended: true, phase: 'ended' })
  const dumplings = await t.ok('demo-neighbour-10', 'activity.get', { activityId: A.dumplings }, C)
  expect(dumplings).toMatchObject({ attendedByMe: true, summary: { attended: 6, noShows: 2 } })
  // Their ledgers carry the activity's entry, and stay the sum of their entries beside what other areas' demos gave.
  for (const openid of ['demo-neighbour-10', 'demo-neighbour-07']) {
    const points = await t.ok(openid, 'points.mine', {}, C)
    expect(points.entries).toContainEqual(expect.objectContaining({ amount: 10, label: '活动签到：邻里包饺子，给独居老人送温暖' }))
    expect(points.balance).toBe(points.entries.reduce((sum, e) => sum + e.amount, 0))
    expect(points.entries[0].balanceAfter).toBe(points.balance)
  }
  // 林秀华 took part in none of it: the demo's activities credit her nothing (tests credit her afresh).
  expect((await t.ok('demo-resident', 'points.mine', {}, C)).entries.filter((e) => e.label.startsWith('活动签到'))).toEqual([])
})

it('the committee sees the clinic’s waiting line in order, and a cancellation promotes the first in it', async () => {
  const list = await t.ok('demo-committee', 'activity.registrations', { activityId: A.clinic }, C)
  expect(list.registered).toHaveLength(6)
  expect(list.waitlist.map((r) => [r.position, r.name])).toEqual([
    [1, expect.any(String)],
    [2, '林*华'],
    [3, expect.any(String)],
  ])
  const first = list.waitlist[0].memberId
  // The first to sign up (in sign-up order) leaves.
  expect(list.registered[0].memberId).toBe(membershipId(C, 'demo-neighbour-09'))
  // The clinic has a 2-hour claim window: the first in line is offered the seat.
  expect(await t.ok('demo-neighbour-09', 'activity.cancel', { activityId: A.clinic }, C)).toMatchObject({ status: 'cancelled', promoted: 1 })
  const after = await t.ok('demo-committee', 'activity.registrations', { activityId: A.clinic }, C)
  expect(after.registered.find((r) => r.memberId === first)?.status).toBe('offered')
  expect(after.waitlist.map((r) => r.position)).toEqual([1, 2])
  const resident = await t.ok('demo-resident', 'activity.get', { activityId: A.clinic }, C)
  expect(resident).toMatchObject({ myStatus: 'waitlisted', myPosition: 1 })
})
