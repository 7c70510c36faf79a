/**
 * No half-done service record: a check-out closes the attendance with the credit it
 * is owed in one write; paying it counts the shift's attended and credited minutes,
 * adds to the volunteer's totals and posts the service points with their balance,
 * all in one transaction, once. With the server dying right after each database
 * request a credited check-out makes, then after each request of a read that pays
 * the credit, and killed -9 three times during a burst of check-ins and then of
 * check-outs, every retry converges: each volunteer credited once with their
 * minutes, the shift's figures the sum of its records, every balance the sum of its entries.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { neighbours } from '../../../local/seed/data'
import { NOW } from '../../helpers/api'
import { crashBurst, startCrashableApi, startPluggedApi, untilAnswered } from '../../helpers/crash'
import { C, MINUTE, teamWithShift } from '../../helpers/volunteer'

jest.setTimeout(300_000)

const LEAD = 'demo-lead'
// From the 12th on the demo gave the neighbours no points and no service.
const FRESH = neighbours()
  .map((n) => n.openid)
  .slice(11)

type Ok = <T>(openid: string, action: string, payload: unknown) => Promise<T>
type Api = { ok: Ok; clock: { now(): Date; advance(ms: number): void } }

interface Ledger {
  balance: number
  entries: Array<{ amount: number; kind: string; label: string; at: string }>
}

/** Every volunteer credited once with `minutes`, the shift's figures their sum, each balance the sum of its entries. */
async function expectConverged(t: Api, shiftId: string, served: string[], minutes: number) {
  const roster = await t.ok<{ items: Array<{ memberId: string; open: boolean; creditedMinutes: number | null }> }>(LEAD, 'volunteer.shift.roster', { shiftId })
  const servedIds = new Set(served.map((openid) => membershipId(C, openid)))
  expect(roster.items.filter((i) => i.open && servedIds.has(i.memberId))).toEqual([])
  const byMember = new Map(roster.items.map((i) => [i.memberId, i.creditedMinutes]))
  for (const openid of served) expect({ openid, minutes: byMember.get(membershipId(C, openid)) }).toEqual({ openid, minutes })
  const shift = await t.ok<{ attended: number }>(LEAD, 'volunteer.shift.get', { shiftId })
  expect(shift.attended).toBe(served.length)
  for (const openid of served) {
    const mine = await t.ok<{ creditedHours: number; records: unknown[] }>(openid, 'volunteer.record.mine', {})
    expect({ openid, hours: mine.creditedHours, records: mine.records.length }).toEqual({ openid, hours: Math.round((minutes / 60) * 100) / 100, records: 1 })
    const ledger = await t.ok<Ledger>('demo-committee', 'points.ledger', { memberId: membershipId(C, openid) })
    // This shift's service entries: the demo seed gives some neighbours earlier service, dated before the test's clock starts.
    const service = ledger.entries.filter((e) => e.kind === 'service' && Date.parse(e.at) > Date.parse(NOW))
    expect({ openid, sum: ledger.entries.reduce((s, e) => s + e.amount, 0), service: service.map((e) => e.amount) }).toEqual({ openid, sum: ledger.balance, service: [Math.floor((minutes * 10) / 60)] })
  }
}

const codeOf = async (t: Api, shiftId: string, direction: 'in' | 'out') => (await t.ok<{ token: string }>(LEAD, 'checkin.token', { kind: 'shift', eventId: shiftId, direction })).token

it('a credited check-out converges whichever database request the server dies after', async () => {
  const t = await startPluggedApi()
  try {
    const api = t as unknown as Api
    const { shiftId } = await teamWithShift({ ok: t.ok as never, clock: t.clock }, { capacity: 30, startInMinutes: 30 })
    const inCode = await codeOf(api, shiftId, 'in')
    for (const who of FRESH) await t.ok(who, 'checkin.scan', { token: inCode })
    t.clock.advance(90 * MINUTE)
    const [first, ...rest] = FRESH
    const outCode = await codeOf(api, shiftId, 'out')
    const out = (who: string) => () => t.call(who, 'checkin.scan', { token: outCode }) as Promise<Envelope>
    let before = t.plug.delivered
    expect(await out(first)()).toMatchObject({ ok: true, data: { status: 'checkedOut', creditedMinutes: 90, points: 15 } })
    const requests = t.plug.delivered - before
    expect(requests).toBeLessThanOrEqual(3)
    const served = [first]
    for (let n = 1; n <= requests; n++) {
      const who = rest.shift()!
      await t.crashAfter(n, out(who))
      const { answer } = await untilAnswered(out(who), { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, answer }).toEqual({ n, answer: { ok: true, data: expect.objectContaining({ status: expect.stringMatching(/^(checkedOut|already)$/), creditedMinutes: 90 }) } })
      served.push(who)
    }
    // Their credits are owed: the committee reading a ledger pays that member's first.
    const ledger = (who: string) => () => t.call('demo-committee', 'points.ledger', { memberId: membershipId(C, who) }) as Promise<Envelope>
    const serviceOf = (answer: Envelope) => (answer.ok ? (answer.data as Ledger).entries.filter((e) => e.kind === 'service' && Date.parse(e.at) > Date.parse(NOW)).map((e) => e.amount) : answer)
    before = t.plug.delivered
    expect(serviceOf(await ledger(first)())).toEqual([15])
    const paying = t.plug.delivered - before
    const owing = served.slice(1)
    expect(owing.length + rest.length).toBeGreaterThanOrEqual(paying)
    for (let n = 1; n <= paying; n++) {
      const who = owing.shift() ?? rest.shift()!
      if (!served.includes(who)) {
        expect(await out(who)()).toMatchObject({ ok: true, data: { status: 'checkedOut' } })
        served.push(who)
      }
      await t.crashAfter(n, ledger(who))
      const { answer } = await untilAnswered(ledger(who), { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, service: serviceOf(answer) }).toEqual({ n, service: [15] })
    }
    await expectConverged(api, shiftId, served, 90)
  } finally {
    await t.close()
  }
})

it('a burst of check-ins, then of check-outs, survives kill -9 of the database three times each', async () => {
  const t = await startCrashableApi()
  try {
    const api = t as unknown as Api
    const { shiftId } = await teamWithShift({ ok: t.ok as never, clock: t.clock }, { capacity: 30, startInMinutes: 30 })
    const inCode = await codeOf(api, shiftId, 'in')
    // Each volunteer's phone sends its scan three times, as an impatient tap would.
    const ins = FRESH.flatMap((who) => [0, 1, 2].map(() => () => t.call(who, 'checkin.scan', { token: inCode }) as Promise<Envelope>))
    const burstIn = await crashBurst(t.server, { calls: ins, kills: 3, concurrency: 12 })
    expect(burstIn.kills).toBe(3)
    for (const { answer } of burstIn.answers) expect(answer).toMatchObject({ ok: true })
    t.clock.advance(100 * MINUTE)
    const outCode = await codeOf(api, shiftId, 'out')
    const outs = FRESH.flatMap((who) => [0, 1, 2].map(() => () => t.call(who, 'checkin.scan', { token: outCode }) as Promise<Envelope>))
    const burstOut = await crashBurst(t.server, { calls: outs, kills: 3, concurrency: 12 })
    expect(burstOut.kills).toBe(3)
    for (const { answer } of burstOut.answers) expect(answer).toMatchObject({ ok: true, data: { creditedMinutes: 100 } })
    await expectConverged(api, shiftId, FRESH, 100)
  } finally {
    await t.close()
  }
})
