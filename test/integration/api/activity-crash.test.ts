/**
 * No half-done sign-up, cancellation or promotion. The server dies right after each
 * database request a sign-up and a cancellation-with-promotion make, and is killed -9
 * three times during a burst of sign-ups, cancellations and capacity changes; every
 * call is retried until it answers, and then seats, queue, counters and every
 * person's record are consistent, and each retry answered what its first try did.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../../../local/seed/data'
import { readActivityDoc, recordProblems, registrationsOf, seatProblems } from '../../helpers/activity'
import { crashBurst, startCrashableApi, startPluggedApi, untilAnswered } from '../../helpers/crash'

jest.setTimeout(400_000)

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000
/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = { collection(name: string): any; command: any }

async function residents(db: Db, n: number, prefix: string): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)
  await db.collection('memberships').add(
    openids.map((openid, i) => {
      const h = HOUSEHOLDS[i % HOUSEHOLDS.length]
      return { _id: membershipId(C, openid), communityId: C, openid, nickname: `邻居${i + 1}`, status: 'verified', roles: [], buildingIds: [], householdId: h._id, buildingId: h.buildingId, createdAt: new Date() }
    }),
  )
  return openids
}

type Ok = (openid: string, action: string, payload: unknown) => Promise<any>

async function activity(ok: Ok, now: Date, capacity: number, maxCompanions = 1): Promise<string> {
  const at = (h: number) => new Date(now.getTime() + h * HOUR).toISOString()
  const res = await ok('demo-committee', 'activity.create', { title: '社区义诊', place: '社区卫生服务站', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions })
  return res.activityId
}

async function expectConsistent(db: Db, activityId: string) {
  const a = await readActivityDoc(db, activityId)
  expect(seatProblems(a)).toEqual([])
  expect(recordProblems(a, await registrationsOf(db, C, activityId))).toEqual([])
  return a
}

it('a sign-up and a cancellation with its promotion converge whichever database request the server dies after', async () => {
  const t = await startPluggedApi()
  try {
    const ok = t.ok as unknown as Ok
    const people = await residents(t.db, 40, 'plug')
    const activityId = await activity(ok, t.clock.now(), 1, 0)
    await ok(people[0], 'activity.signup', { activityId })

    // A sign-up to the queue: how many requests it makes, then the server dying after each in turn.
    let before = t.plug.delivered
    await ok(people[1], 'activity.signup', { activityId })
    const signupRequests = t.plug.delivered - before
    expect(signupRequests).toBeGreaterThanOrEqual(3)
    const queued = [people[1]]
    for (let n = 1; n <= signupRequests; n++) {
      const who = people[1 + n]
      const send = () => t.call(who, 'activity.signup', { activityId }) as Promise<Envelope>
      await t.crashAfter(n, send)
      const { answer } = await untilAnswered(send, { deadlineMs: 10_000, pauseMs: 10 })
      queued.push(who)
      expect({ n, answer }).toEqual({ n, answer: { ok: true, data: { activityId, status: 'waitlisted', position: queued.length } } })
      await expectConsistent(t.db, activityId)
    }

    // The seat holder cancels (the first in line is promoted in the same transaction), the server dying after each request.
    before = t.plug.delivered
    const holder = people[0]
    await ok(holder, 'activity.cancel', { activityId })
    const cancelRequests = t.plug.delivered - before
    expect(cancelRequests).toBeGreaterThan(3)
    let seated = queued.shift()!
    for (let n = 1; n <= Math.min(cancelRequests, queued.length - 1); n++) {
      const leaving = seated
      const send = () => t.call(leaving, 'activity.cancel', { activityId }) as Promise<Envelope>
      await t.crashAfter(n, send)
      const { answer } = await untilAnswered(send, { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, answer }).toEqual({ n, answer: { ok: true, data: expect.objectContaining({ status: expect.stringMatching(/^(cancelled|notRegistered)$/) }) } })
      seated = queued.shift()!
      const a = await expectConsistent(t.db, activityId)
      expect({ n, seated: a.seated.map((s) => s.k) }).toEqual({ n, seated: [membershipId(C, seated)] })
      // The promoted one hears of it, whoever delivers the news (the cancellation, or their own next look).
      await ok(seated, 'activity.get', { activityId })
      const inbox = await ok(seated, 'message.list', {})
      expect(inbox.items.filter((m: { title: string }) => m.title === '候补成功，报名成功')).toHaveLength(1)
    }
  } finally {
    await t.close()
  }
})

it('an offer made as the server dies after any request of the cancellation still passes on when its window ends', async () => {
  const t = await startPluggedApi()
  try {
    const ok = t.ok as unknown as Ok
    const [holder, waiter] = await residents(t.db, 2, 'offer')
    // Past all the demo's due moments, and a run to answer them: from here the alarm rings only for what this test arms.
    t.clock.advance(30 * 24 * HOUR)
    await t.api.runTimer('frequent')
    t.clock.advance(5 * 60_000)
    await t.api.runTimer('frequent')
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'activity.passOnOffers': { idle: true } })
    const make = async () => {
      const at = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString()
      const { activityId } = await ok('demo-committee', 'activity.create', { title: '社区义诊', place: '社区卫生服务站', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 1, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions: 0, claimWindowMinutes: 10 })
      await ok(holder, 'activity.signup', { activityId })
      await ok(waiter, 'activity.signup', { activityId })
      return activityId as string
    }
    const first = await make()
    const before = t.plug.delivered
    await ok(holder, 'activity.cancel', { activityId: first })
    const cancelRequests = t.plug.delivered - before
    for (let n = 0; n <= cancelRequests; n++) {
      const activityId = n === 0 ? first : await make()
      if (n > 0) {
        const send = () => t.call(holder, 'activity.cancel', { activityId }) as Promise<Envelope>
        await t.crashAfter(n, send)
        await untilAnswered(send, { deadlineMs: 10_000, pauseMs: 10 })
      }
      const offered = await expectConsistent(t.db, activityId)
      expect({ n, seated: offered.seated.map((s) => [s.k, !!s.until]) }).toEqual({ n, seated: [[membershipId(C, waiter), true]] })
      // A minute past the window (a run takes off only moments 30 s old, so the next round starts silent).
      t.clock.set(new Date(new Date(offered.offerDue!).getTime() + 60_000))
      await t.api.runTimer('frequent')
      const after = await expectConsistent(t.db, activityId)
      expect({ n, seated: after.seated.length, mine: (await ok(waiter, 'activity.get', { activityId })).myStatus }).toEqual({ n, seated: 0, mine: 'expired' })
    }
  } finally {
    await t.close()
  }
})

it('a burst of sign-ups, cancellations and capacity changes survives kill -9 of the database three times', async () => {
  const t = await startCrashableApi()
  try {
    const ok = t.ok as unknown as Ok
    const people = await residents(t.db, 40, 'burst')
    const activityId = await activity(ok, t.clock.now(), 12)
    const call = (openid: string, action: string, payload: unknown) => t.call(openid, action as never, payload as never) as Promise<Envelope>
    const calls: Array<() => Promise<Envelope>> = []
    people.forEach((p, i) => {
      calls.push(() => call(p, 'activity.signup', { activityId, companions: i % 2 }))
      if (i % 3 === 0) calls.push(() => call(p, 'activity.cancel', { activityId }))
      if (i % 5 === 0) calls.push(() => call(p, 'activity.signup', { activityId, companions: i % 2 }))
    })
    for (const capacity of [14, 10, 18, 16]) calls.push(() => call('demo-committee', 'activity.setCapacity', { activityId, capacity }))
    const burst = await crashBurst(t.server, { calls, kills: 3, concurrency: 16 })
    expect(burst.kills).toBe(3)
    for (const { answer } of burst.answers) {
      if (!answer.ok) expect(`${answer.error.code}:${answer.error.message}`).toMatch(/^FAILED_PRECONDITION:已占用 \d+ 个名额/)
    }
    const a = await expectConsistent(t.db, activityId)
    // Retries converge: signing up again answers each person's place as it stands, and changes nothing.
    const placed = [...a.seated, ...a.queue].map((e) => e.k)
    for (const p of people.filter((x) => placed.includes(membershipId(C, x)))) {
      const again = await ok(p, 'activity.signup', { activityId, companions: people.indexOf(p) % 2 })
      const w = a.queue.findIndex((e) => e.k === membershipId(C, p))
      expect(again).toEqual(w >= 0 ? { activityId, status: 'waitlisted', position: w + 1 } : { activityId, status: 'registered' })
    }
    expect(await readActivityDoc(t.db, activityId)).toMatchObject({ version: a.version, seatsTaken: a.seatsTaken, waitingCount: a.waitingCount })
  } finally {
    await t.close()
  }
})
