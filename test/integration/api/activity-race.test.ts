/**
 * An activity's seats under any race: hundreds of sign-ups (alone and with
 * companions), cancellations, repeats and capacity changes fired at once never take
 * more seats than the capacity at any moment — a watcher reads the document
 * throughout — and leave counters, queue and every person's record consistent.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { readActivityDoc, recordProblems, registrationsOf, seatProblems } from '../../helpers/activity'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

let seed = 7
/** A seeded Lehmer generator, so a failure can be replayed. */
function random(n: number): number {
  seed = (seed * 48271) % 2147483647
  return seed % n
}
function shuffle<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

async function residents(n: number): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `race-${i + 1}`)
  await t.app.database().collection('memberships').add(
    openids.map((openid, i) => {
      const h = HOUSEHOLDS[i % HOUSEHOLDS.length]
      return { _id: membershipId(C, openid), communityId: C, openid, nickname: `邻居${i + 1}`, status: 'verified', roles: [], buildingIds: [], householdId: h._id, buildingId: h.buildingId, createdAt: new Date() }
    }),
  )
  return openids
}

async function activity(over: Record<string, unknown>): Promise<string> {
  const at = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString()
  const res = await t.ok('demo-committee', 'activity.create', { title: '社区运动会', place: '小区广场', startAt: at(48), endAt: at(52), signupEndAt: at(24), capacity: 15, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions: 2, ...over }, C)
  return res.activityId
}

/** Reads the activity over and over while `work` runs; returns what the reads saw wrong. */
async function watching<T>(activityId: string, work: Promise<T>): Promise<{ result: T; reads: number; seen: string[] }> {
  const db = t.app.database()
  let done = false
  let reads = 0
  const seen = new Set<string>()
  const watcher = (async () => {
    while (!done) {
      const a = await readActivityDoc(db, activityId)
      reads++
      for (const p of seatProblems(a)) seen.add(p)
    }
  })()
  const result = await work.finally(() => {
    done = true
  })
  await watcher
  return { result, reads, seen: [...seen] }
}

const ANSWERS = /^(ok|FAILED_PRECONDITION:.*(不能少于|名额已满).*)$/

it.each([
  ['first come, parties wait', false],
  ['fillSeats', true],
])('keeps seats within capacity and the queue consistent under hundreds of mixed calls at once (%s)', async (_label, fillSeats) => {
  const people = await residents(60)
  const activityId = await activity({ fillSeats })
  const calls: Array<() => Promise<string>> = []
  const outcome = (res: { ok: boolean; error?: { code: string; message: string } }) => (res.ok ? 'ok' : `${res.error!.code}:${res.error!.message}`)
  for (const p of people) {
    const companions = random(3)
    calls.push(async () => outcome(await t.call(p, 'activity.signup', { activityId, companions }, C)))
    calls.push(async () => outcome(await t.call(p, 'activity.signup', { activityId, companions }, C)))
    if (random(3) === 0) calls.push(async () => outcome(await t.call(p, 'activity.cancel', { activityId }, C)))
    if (random(4) === 0) calls.push(async () => outcome(await t.call(p, 'activity.signup', { activityId, companions: random(3) }, C)))
  }
  for (let i = 0; i < 12; i++) {
    const capacity = 8 + random(20)
    calls.push(async () => outcome(await t.call('demo-committee', 'activity.setCapacity', { activityId, capacity }, C)))
  }
  expect(calls.length).toBeGreaterThanOrEqual(150)
  const { result, reads, seen } = await watching(activityId, Promise.all(shuffle(calls).map((c) => c())))
  expect(reads).toBeGreaterThan(3)
  expect(seen).toEqual([])
  for (const r of result) expect(r).toMatch(ANSWERS)

  const db = t.app.database()
  const a = await readActivityDoc(db, activityId)
  expect(seatProblems(a)).toEqual([])
  expect(recordProblems(a, await registrationsOf(db, C, activityId))).toEqual([])
  expect(a.seated.length + a.queue.length).toBeGreaterThan(20)
  // What residents read agrees: positions 1…n in queue order, the counts as stored.
  const views = await Promise.all(a.queue.map((w) => t.ok(people.find((p) => membershipId(C, p) === w.k)!, 'activity.get', { activityId }, C)))
  expect(views.map((v) => v.myPosition)).toEqual(a.queue.map((_, i) => i + 1))
  for (const v of views) expect(v).toMatchObject({ myStatus: 'waitlisted', seatsTaken: a.seatsTaken, waitingCount: a.waitingCount, capacity: a.capacity })
})

it('lets everyone cancel at once and fills every freed seat from the queue in order', async () => {
  const people = await residents(50)
  const activityId = await activity({ capacity: 20, maxCompanions: 0 })
  for (const p of people) await t.ok(p, 'activity.signup', { activityId }, C)
  const before = await readActivityDoc(t.app.database(), activityId)
  expect(before.queue).toHaveLength(30)
  const leaving = before.seated.slice(0, 12).map((s) => people.find((p) => membershipId(C, p) === s.k)!)
  const { seen } = await watching(activityId, Promise.all(leaving.map((p) => t.ok(p, 'activity.cancel', { activityId }, C))))
  expect(seen).toEqual([])
  const after = await readActivityDoc(t.app.database(), activityId)
  expect(after.seatsTaken).toBe(20)
  // Exactly the first twelve who waited took the seats; the rest keep their order.
  expect(after.seated.slice(8).map((s) => s.k).sort()).toEqual(before.queue.slice(0, 12).map((w) => w.k).sort())
  expect(after.queue.map((w) => w.k)).toEqual(before.queue.slice(12).map((w) => w.k))
  expect(recordProblems(after, await registrationsOf(t.app.database(), C, activityId))).toEqual([])
})
