/**
 * 活动's budgets: database round trips per sign-up (a seat, the queue, a repeat),
 * per cancellation (alone, and with the promotion it causes) and per check-in; and
 * sign-ups per second through the gateway (HTTP POST /api, the built bundle, strict
 * indexes), many distinct residents racing for fewer seats, a share of them sending
 * twice, with the final state checked to be exact. Beside it, the floor measured in
 * the same run: the one conditional update a sign-up cannot do without, sent
 * straight through the SDK to the same emulator.
 *
 *   tsx bench/activities.ts
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApi } from '../cloudfunctions/api/build'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { startGateway } from '../local/gateway'
import { SEED_ACTIVITIES, SEED_ACTIVITY_PEOPLE } from '../local/seed/activities'
import { DEMO_COMMUNITY, HOUSEHOLDS, neighbours } from '../local/seed/data'
import { roundTrips } from './api'

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000
const RESIDENTS = 1200
const SEATS = 300
const IN_FLIGHT = 32
/** every tenth resident sends the same sign-up twice: the second must answer the same, taking nothing */
const REPEAT_EVERY = 10
EventEmitter.defaultMaxListeners = 64

/* eslint-disable @typescript-eslint/no-explicit-any */
type Call = (openid: string, action: string, payload?: unknown) => Promise<any>

const openidOf = (memberId: string) => neighbours().find((n) => membershipId(C, n.openid) === memberId)!.openid

/** An activity starting in half an hour with demo-resident registered, and its check-in code. */
async function activityCode(call: Call) {
  const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
  const { activityId } = await call('demo-committee', 'activity.create', { title: '楼道大扫除', place: '1号楼楼下', startAt: at(0.5), endAt: at(2), signupEndAt: at(0.25), capacity: 10, points: 5 })
  await call('demo-resident', 'activity.signup', { activityId })
  return { token: (await call('demo-committee', 'checkin.token', { kind: 'activity', eventId: activityId })).token }
}

/** An activity with nothing to answer: a sign-up takes its seat without reading it first. */
async function plainActivity(call: Call) {
  const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
  const { activityId } = await call('demo-committee', 'activity.create', { title: '社区电影夜', place: '小区中心广场', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 50 })
  return { activityId }
}

/** What the sign-up page sends besides the answers: the fields activity.get gave it, and whether seats were gone. */
const asThePageShows = (activityId: string, rest: Record<string, unknown>) => async (call: Call) => {
  const a = await call('demo-resident', 'activity.get', { activityId })
  return { activityId, ...rest, form: { fields: a.fields, full: a.seatsLeft === 0 || a.waitingCount > 0 } }
}

/** A full activity (one seat, taken) whose form asks a phone number, as its sign-up page would send it. */
async function fullWithFields(call: Call) {
  const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
  const fields = [{ label: '联系电话', type: 'phone', required: true }]
  const { activityId } = await call('demo-committee', 'activity.create', { title: '社区义诊', place: '社区卫生站', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 1, waitlist: true, fields })
  await call('demo-volunteer', 'activity.signup', { activityId, answers: [{ field: 'f1', value: '13800005678' }] })
  return asThePageShows(activityId, { answers: [{ field: 'f1', value: '13800001234' }] })(call)
}

export async function benchActivityRoundTrips(): Promise<Record<string, number>> {
  const seated = openidOf(SEED_ACTIVITY_PEOPLE.fullSeated)
  const phone = { answers: [{ field: 'f1', value: '13800001234' }] }
  return roundTrips([
    { label: 'checkin.personalCode (floor: the membership read alone)', openid: 'demo-resident', action: 'checkin.personalCode', payload: {} },
    { label: 'activity.signup, a seat, nothing to answer (budget 3)', openid: 'demo-newcomer', action: 'activity.signup', payload: plainActivity },
    { label: 'activity.signup, a seat, answering the fields, as the page sends it (budget 3)', openid: 'demo-resident', action: 'activity.signup', payload: asThePageShows(SEED_ACTIVITIES.open, phone) },
    { label: 'activity.signup, repeated', openid: 'demo-resident', action: 'activity.signup', payload: asThePageShows(SEED_ACTIVITIES.open, phone) },
    { label: 'activity.signup, to the waitlist, answering the fields, as the page sends it (budget 3)', openid: 'demo-resident', action: 'activity.signup', payload: fullWithFields },
    { label: 'activity.signup, to the waitlist, nothing to answer, as the page sends it (budget 3)', openid: 'demo-volunteer', action: 'activity.signup', payload: asThePageShows(SEED_ACTIVITIES.full, {}) },
    { label: 'activity.signup, to the waitlist, without the page\'s form (reads the activity)', openid: 'demo-lead', action: 'activity.signup', payload: { activityId: SEED_ACTIVITIES.full } },
    { label: 'activity.cancel, leaving the waitlist', openid: 'demo-volunteer', action: 'activity.cancel', payload: { activityId: SEED_ACTIVITIES.full } },
    // The seat's two places go to the first in line (a party of one); the next party (of two) does not fit and waits.
    { label: 'activity.cancel, promoting the first in line', openid: seated, action: 'activity.cancel', payload: { activityId: SEED_ACTIVITIES.full } },
    { label: 'activity.get', openid: 'demo-resident', action: 'activity.get', payload: { activityId: SEED_ACTIVITIES.full } },
    { label: 'activity.list', openid: 'demo-resident', action: 'activity.list', payload: {} },
    // The membership, the registration (a seat is needed) and the attendance with the credit it owes.
    { label: 'checkin.scan at an activity, credited (budget 3)', openid: 'demo-resident', action: 'checkin.scan', payload: activityCode },
    { label: 'points.mine, paying the check-in credit first', openid: 'demo-resident', action: 'points.mine', payload: {} },
  ])
}

export async function benchActivitySignups(): Promise<Record<string, number | string>> {
  await buildApi({ quiet: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-activities-'))
  const gw = await startGateway({ port: 0, dataDir, quiet: true, strictIndexes: true })
  try {
    const residents = Array.from({ length: RESIDENTS }, (_, i) => `bench-resident-${i}`)
    const db = gw.app.database()
    for (let i = 0; i < residents.length; i += 500) {
      await db.collection('memberships').add(
        residents.slice(i, i + 500).map((openid, k) => {
          const h = HOUSEHOLDS[(i + k) % HOUSEHOLDS.length]
          return { _id: membershipId(C, openid), communityId: C, openid, nickname: '报名邻居', status: 'verified', roles: [], buildingIds: [], householdId: h._id, buildingId: h.buildingId, createdAt: new Date() }
        }),
      )
    }
    const post = async (openid: string, action: string, payload: unknown) => {
      const res = await fetch(`${gw.url}/api`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify({ action, payload, communityId: C }) })
      return (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
    }
    const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
    const created = await post('demo-committee', 'activity.create', { title: '社区音乐会', place: '小区中心广场', startAt: at(72), endAt: at(74), signupEndAt: at(48), capacity: SEATS, waitlist: true })
    if (!created.ok) throw new Error(`activity.create: ${created.error?.code} ${created.error?.message}`)
    const activityId = created.data.activityId as string

    const jobs = residents.flatMap((_, i) => (i % REPEAT_EVERY === 0 ? [i, i] : [i]))
    const first = new Map<number, string>()
    let mismatched = 0
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) {
          const i = jobs[next++]
          const res = await post(residents[i], 'activity.signup', { activityId })
          if (!res.ok) throw new Error(`signup: ${res.error?.code} ${res.error?.message}`)
          // A repeat answers what the first answer said, or — the first still in flight — the same place.
          const answer = `${res.data.status}:${res.data.position ?? ''}`
          if (first.has(i) && first.get(i) !== answer) mismatched++
          first.set(i, answer)
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const answers = [...first.values()]
    const registered = answers.filter((a) => a.startsWith('registered')).length
    const positions = answers.filter((a) => a.startsWith('waitlisted')).map((a) => Number(a.split(':')[1])).sort((a, b) => a - b)
    const got = await post('demo-resident', 'activity.get', { activityId })
    const exact =
      mismatched === 0 &&
      registered === SEATS &&
      positions.length === RESIDENTS - SEATS &&
      positions.every((p, k) => p === k + 1) &&
      got.data.seatsTaken === SEATS &&
      got.data.waitingCount === RESIDENTS - SEATS
    if (!exact) throw new Error(`final state not exact: ${registered} registered, ${positions.length} waiting, ${mismatched} repeats answered differently, activity says ${got.data.seatsTaken}/${got.data.waitingCount}`)

    // The floor: the one conditional update a sign-up needs, alone, on one document, as many times with as many in flight.
    await db.collection('rateLimits').add({ _id: 'bench-floor', taken: 0 })
    let floorNext = 0
    const floorStarted = performance.now()
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (floorNext < jobs.length) {
          floorNext++
          await db.collection('rateLimits').where({ _id: 'bench-floor', taken: db.command.lt(jobs.length) }).updateAndReturn({ taken: db.command.inc(1) })
        }
      }),
    )
    const floorSeconds = (performance.now() - floorStarted) / 1000
    return {
      'sign-up requests (distinct residents + repeats)': `${jobs.length} (${RESIDENTS} + ${jobs.length - RESIDENTS})`,
      'seats / requests in flight': `${SEATS} / ${IN_FLIGHT}`,
      'sign-ups/s through the gateway': Math.round(jobs.length / seconds),
      'floor: bare conditional updates/s on one document (SDK → emulator)': Math.round(jobs.length / floorSeconds),
      'final state exact': `yes (${SEATS} registered, waitlist 1–${RESIDENTS - SEATS}, ${jobs.length - RESIDENTS} repeats answered the same)`,
    }
  } finally {
    await gw.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  ;(async () => {
    console.table(await benchActivityRoundTrips())
    console.table(await benchActivitySignups())
  })().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
