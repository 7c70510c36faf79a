/**
 * No half-done check-in: the attendance records the credit it is owed in the same
 * write, and paying it (the 议事会's attended count, the points entry with its
 * balance) lands together and once. With the server dying right after each database
 * request a credited check-in makes, then after each request of a read that pays
 * the credit, and killed -9 during a burst of check-ins, every retry converges:
 * each verified attendee counted once and credited once, a walk-in neither, and
 * every balance the sum of its entries.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_MEETINGS } from '../../../local/seed/council'
import { NOW } from '../../helpers/api'
import { crashBurst, startCrashableApi, startPluggedApi, untilAnswered } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const M = SEED_MEETINGS.upcoming
// Neighbours 1–8 attended the seeded past meeting; from the 12th on, nobody has points yet.
const FRESH = neighbours()
  .map((n) => n.openid)
  .slice(11)

type Call = <T>(openid: string, action: string, payload: unknown) => Promise<Envelope<T>>
type Ok = <T>(openid: string, action: string, payload: unknown) => Promise<T>
interface Ledger {
  balance: number
  entries: Array<{ amount: number; kind: string; at: string }>
}

/** What the committee and each attendee see agrees with what happened: counted and credited once each, walk-ins neither. */
async function expectConverged(ok: Ok, credited: string[], walkIns: string[]) {
  const list = await ok<{ items: Array<{ memberId: string; walkIn: boolean }> }>('demo-committee', 'checkin.attendees', { kind: 'meeting', eventId: M })
  const present = list.items.filter((a) => !a.walkIn).map((a) => a.memberId)
  expect(present.sort()).toEqual(credited.map((o) => membershipId(C, o)).sort())
  expect(list.items.filter((a) => a.walkIn).map((a) => a.memberId).sort()).toEqual(walkIns.map((o) => membershipId(C, o)).sort())
  const meeting = await ok<{ attended: number }>('demo-resident', 'council.meeting.get', { meetingId: M })
  expect(meeting.attended).toBe(credited.length)
  for (const openid of [...credited, ...walkIns]) {
    const ledger = await ok<Ledger>('demo-committee', 'points.ledger', { memberId: membershipId(C, openid) })
    const sum = ledger.entries.reduce((s, e) => s + e.amount, 0)
    const expected = credited.includes(openid) ? [{ amount: 5, kind: 'attendance' }] : []
    // The entries this check-in made: the demo seed gives some neighbours earlier ones, dated before the test's clock starts.
    const made = ledger.entries.filter((e) => Date.parse(e.at) >= Date.parse(NOW))
    expect({ openid, balance: ledger.balance, entries: made.map(({ amount, kind }) => ({ amount, kind })) }).toEqual({ openid, balance: sum, entries: expected })
  }
}

it('a credited check-in, and the paying of its credit, converge whichever database request the server dies after', async () => {
  const t = await startPluggedApi()
  try {
    const ok = t.ok as unknown as Ok
    const scan = async (openid: string) => {
      const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'meeting', eventId: M })
      return () => t.call(openid, 'checkin.scan', { token })
    }
    const [first, ...rest] = FRESH
    const firstScan = await scan(first)
    let before = t.plug.delivered
    expect(await firstScan()).toMatchObject({ ok: true, data: { status: 'credited', points: 5 } })
    const requests = t.plug.delivered - before
    expect(requests).toBeLessThanOrEqual(3)
    const credited = [first]
    for (let n = 1; n <= requests; n++) {
      const who = rest.shift()!
      const send = await scan(who)
      await t.crashAfter(n, send)
      const { answer } = await untilAnswered(send, { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, answer }).toEqual({ n, answer: { ok: true, data: expect.objectContaining({ status: expect.stringMatching(/^(credited|already)$/) }) } })
      credited.push(who)
    }
    // Their credits are owed: the committee reading a ledger pays that member's first.
    const ledger = (openid: string) => () => t.call('demo-committee', 'points.ledger', { memberId: membershipId(C, openid) })
    before = t.plug.delivered
    expect(await ledger(first)()).toMatchObject({ ok: true, data: { balance: 5 } })
    const paying = t.plug.delivered - before
    const owing = credited.slice(1)
    for (let n = 1; n <= paying; n++) {
      const who = owing.shift() ?? rest.shift()!
      if (!credited.includes(who)) {
        expect(await (await scan(who))()).toMatchObject({ ok: true, data: { status: 'credited' } })
        credited.push(who)
      }
      await t.crashAfter(n, ledger(who))
      const { answer } = await untilAnswered(ledger(who), { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, answer }).toEqual({ n, answer: { ok: true, data: expect.objectContaining({ balance: 5 }) } })
    }
    await expectConverged(ok, credited, [])
  } finally {
    await t.close()
  }
})

it('a burst of check-ins, walk-ins and hand marks survives kill -9 of the database three times', async () => {
  const t = await startCrashableApi()
  try {
    const ok = t.ok as unknown as Ok
    const call = t.call as unknown as Call
    const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'meeting', eventId: M })
    const scanning = FRESH.slice(0, 11)
    const marked = FRESH.slice(11)
    const walkIns = ['demo-newcomer']
    const calls = [
      ...[...scanning, ...walkIns].map((openid) => () => call(openid, 'checkin.scan', { token })),
      ...marked.map((openid) => () => call('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId: membershipId(C, openid) })),
    ]
    const burst = await crashBurst(t.server, { calls, kills: 3, concurrency: 12 })
    expect(burst.kills).toBe(3)
    for (const { answer } of burst.answers) expect(answer).toMatchObject({ ok: true })
    await expectConverged(ok, [...scanning, ...marked], walkIns)
  } finally {
    await t.close()
  }
})
