/**
 * A meeting's seats under races: only a registration that holds a seat may give one
 * back, so registering and cancelling fired together by many people — each firing
 * several of both at once — never take more seats than the meeting has, and the seats
 * taken are exactly the registrations listed. Only verified residents register.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_ISSUES, SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(120_000)

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

let seed = 11
/** A fixed shuffle (a seeded Lehmer generator), so a failure can be replayed. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

async function meeting(capacity: number): Promise<string> {
  const res = await t.ok('demo-committee', 'council.meeting.schedule', {
    title: '12 月居民议事会',
    startAt: '2026-12-05T19:30:00+08:00',
    endAt: '2026-12-05T21:00:00+08:00',
    place: '社区活动室',
    capacity,
    topicIds: [`${SEED_ISSUES.bikeShed}:topic`],
  }, C)
  return res.meetingId
}

describe('racing register and cancel', () => {
  it('never overbooks a 3-seat meeting when 30 neighbours each fire 3 registrations and 3 cancellations at once, round after round', async () => {
    const meetingId = await meeting(3)
    const seen = new Set<string>()
    for (let round = 0; round < 3; round++) {
      // Everyone's registrations and cancellations, shuffled, all in flight at once.
      const sends = shuffle(NEIGHBOURS.flatMap((n) => [0, 1, 2].flatMap(() => [() => t.call(n, 'council.meeting.register', { meetingId }, C), () => t.call(n, 'council.meeting.cancelRegistration', { meetingId }, C)])))
      const answers = await Promise.all(sends.map((send) => send()))
      expect(answers.length).toBe(NEIGHBOURS.length * 6)
      for (const a of answers) {
        const what = a.ok ? `ok:${(a.data as { status: string }).status}` : `${a.error.code}:${a.error.message}`
        seen.add(what)
        expect(['ok:registered', 'ok:already', 'ok:cancelled', 'ok:notRegistered', 'FAILED_PRECONDITION:名额已满']).toContain(what)
      }

      const m = await t.ok('demo-committee', 'council.meeting.get', { meetingId }, C)
      const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId }, C)
      expect({ round, registered: m.registered, taken: m.capacity - m.seatsLeft, total: list.total }).toEqual({
        round,
        registered: list.items.length,
        taken: list.items.length,
        total: list.items.length,
      })
      expect(list.items.length).toBeLessThanOrEqual(3)
      // Each neighbour's own view agrees with the committee's list.
      const listed = new Set(list.items.map((i) => i.memberId))
      const mine = await Promise.all(NEIGHBOURS.map(async (n) => (await t.ok(n, 'council.meeting.get', { meetingId }, C)).registeredByMe))
      expect(NEIGHBOURS.filter((n, i) => mine[i] !== listed.has(membershipId(C, n)))).toEqual([])
    }
    // The races really happened: seats were taken, given back and refused.
    expect(seen).toEqual(new Set(['ok:registered', 'ok:already', 'ok:cancelled', 'ok:notRegistered', 'FAILED_PRECONDITION:名额已满']))
  })

  it('keeps seats and registrations equal while the committee changes the capacity in the middle of the races', async () => {
    const meetingId = await meeting(5)
    const sends = shuffle(
      NEIGHBOURS.flatMap((n, i) => [
        () => t.call(n, 'council.meeting.register', { meetingId }, C),
        () => t.call(n, 'council.meeting.cancelRegistration', { meetingId }, C),
        () => t.call(n, 'council.meeting.register', { meetingId }, C),
        ...(i % 10 === 0 ? [() => t.call('demo-committee', 'council.meeting.update', { meetingId, capacity: 5 + i / 10 }, C)] : []),
      ]),
    )
    await Promise.all(sends.map((send) => send()))
    const m = await t.ok('demo-committee', 'council.meeting.get', { meetingId }, C)
    const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId }, C)
    expect({ registered: m.registered, taken: m.capacity - m.seatsLeft }).toEqual({ registered: list.items.length, taken: list.items.length })
    expect(list.items.length).toBeLessThanOrEqual(m.capacity)
  })
})

describe('who may register', () => {
  it('refuses a resident still waiting for verification, saying who verifies them, and takes no seat', async () => {
    const before = await t.ok('demo-newcomer', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)
    const res = await t.call('demo-newcomer', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/认证/) } })
    if (!res.ok) expect(res.error.message).toMatch(/居委会|楼栋长/)
    const after = await t.ok('demo-newcomer', 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)
    expect(after).toMatchObject({ registered: before.registered, seatsLeft: before.seatsLeft, registeredByMe: false })

    // Once the building lead confirms their household, they may.
    await t.ok('demo-lead3', 'member.verify', { memberId: membershipId(C, 'demo-newcomer'), approve: true }, C)
    expect(await t.ok('demo-newcomer', 'council.meeting.register', { meetingId: SEED_MEETINGS.upcoming }, C)).toMatchObject({ status: 'registered' })
  })
})
