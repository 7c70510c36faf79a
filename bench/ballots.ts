/**
 * Ballots per second through the gateway, as the mini-program sends them: HTTP
 * POST /api with X-Dev-Openid, the built bundle, the emulator with strict indexes.
 * Many distinct verified voters (written directly in the setup), a bounded number
 * of ballots with a fixed number in flight, a share of them repeated to exercise
 * the one-ballot rule; then the tally is checked to be exact, and the database round
 * trips of one ballot are counted at the emulator: in its steady state, and the first
 * landing in a shard of the box that was never made (it makes it).
 *
 *   tsx bench/ballots.ts [--one-process]    (bench/layout.ts: which part runs where)
 */
import { ballotKey, boxOf, SHARDS } from '../cloudfunctions/api/src/modules/council/motions'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../local/seed/data'
import { cpuPerCall, startWorld } from './layout'

const C = DEMO_COMMUNITY._id
const BALLOTS = 2000
const IN_FLIGHT = 32

/** every tenth voter sends the same ballot twice: the second must be refused */
const REPEAT_EVERY = 10

export async function benchBallots(): Promise<Record<string, number | string>> {
  const world = await startWorld('ballots', C)
  try {
    const voters = Array.from({ length: BALLOTS }, (_, i) => `bench-voter-${i}`)
    const db = world.db
    for (let i = 0; i < voters.length; i += 500) {
      await db.collection('memberships').add(
        voters.slice(i, i + 500).map((openid, k) => {
          const household = HOUSEHOLDS[(i + k) % HOUSEHOLDS.length]
          return { _id: membershipId(C, openid), communityId: C, openid, nickname: '投票邻居', status: 'verified', roles: [], buildingIds: [], householdId: household._id, buildingId: household.buildingId, createdAt: new Date() }
        }),
      )
    }
    const post = world.post
    const created = await post('demo-committee', 'council.motion.create', {
      title: '小区公共收益使用方案',
      description: '明年公共收益优先用于哪一项，请每位居民投一票。',
      options: ['楼道照明', '健身器材', '电动车充电桩'],
      secret: true,
      hideResults: false,
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    if (!created.ok) throw new Error(`motion.create: ${created.error?.code}`)
    const motionId = created.data.motionId as string

    // Round trips, counted at the emulator: a ballot in its steady state, and one whose shard must be made first.
    const trips = async (openid: string) => {
      await world.resetTrips()
      const res = await post(openid, 'council.motion.vote', { motionId, option: 0 })
      if (!res.ok) throw new Error(`vote: ${res.error?.code} ${res.error?.message}`)
      return world.trips()
    }
    const steady = await trips('demo-resident')
    // A voter whose shard is not demo-resident's (the shards follow a keyed hash): removing it loses no ballot.
    const shardOf = (openid: string) => boxOf({ _id: motionId }, ballotKey({ _id: motionId, secret: true }, `m:${membershipId(C, openid)}`))
    const lost = ['demo-volunteer', 'demo-lead', 'demo-committee', 'demo-admin'].find((openid) => shardOf(openid) !== shardOf('demo-resident'))!
    await db.collection('ballots').where({ communityId: C, motionId, _id: shardOf(lost) }).remove()
    const freshShard = await trips(lost)

    const jobs = voters.flatMap((openid, i) => (i % REPEAT_EVERY === 0 ? [i, i] : [i]))
    const expected = [0, 0, 0]
    voters.forEach((_, i) => expected[i % 3]++)
    let next = 0
    let accepted = 0
    let refused = 0
    const cpuBefore = await world.cpu()
    const started = performance.now()
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) {
          const i = jobs[next++]
          const res = await post(voters[i], 'council.motion.vote', { motionId, option: i % 3 })
          if (res.ok) accepted++
          else if (res.error?.code === 'CONFLICT') refused++
          else throw new Error(`vote: ${res.error?.code}`)
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const cpuBallots = await world.cpu()
    // The floor, measured now through the same layout: as many calls that touch no database, as many in flight.
    const pingsPerSecond = await world.pingsPerSecond(jobs.length, IN_FLIGHT)
    const cpuPings = await world.cpu()
    const got = await post('demo-resident', 'council.motion.get', { motionId })
    const counts = got.data.counts as number[]
    expected[0] += 2 // the two ballots whose round trips were counted
    const exact = accepted === BALLOTS && refused === jobs.length - BALLOTS && counts.every((n, i) => n === expected[i]) && got.data.cast === BALLOTS + 2
    // Every ballot rewrites its shard whole: its size is a cost of every ballot.
    const boxes = (await db.collection('ballots').where({ communityId: C, motionId }).limit(100).get()).data as unknown[]
    const boxBytes = boxes.map((b) => Buffer.byteLength(JSON.stringify(b)))
    if (!exact) throw new Error(`tally not exact: accepted ${accepted}, refused ${refused}, counts ${counts.join('/')} vs ${expected.join('/')}`)
    return {
      layout: world.layout,
      'ballot requests (distinct voters + repeats)': `${jobs.length} (${BALLOTS} + ${jobs.length - BALLOTS})`,
      'requests in flight': IN_FLIGHT,
      'ballots/s through the gateway (budget 300)': Math.round(jobs.length / seconds),
      'floor: system.ping calls/s through the gateway, same run': pingsPerSecond,
      'CPU ms per ballot, by process': cpuPerCall(cpuBefore, cpuBallots, jobs.length),
      'CPU ms per ping, by process': cpuPerCall(cpuBallots, cpuPings, jobs.length),
      'tally exact': `yes (${counts.join(' / ')}, ${refused} repeats refused)`,
      [`box shards after ${BALLOTS + 2} ballots: largest / mean (bytes of JSON)`]: `${Math.max(...boxBytes)} / ${Math.round(boxBytes.reduce((a, b) => a + b, 0) / boxBytes.length)} (${boxBytes.length} of ${SHARDS})`,
      'round trips: council.motion.vote, steady (budget 3)': steady,
      'round trips: council.motion.vote, first in a shard never made': freshShard,
    }
  } finally {
    await world.close()
  }
}

if (require.main === module) {
  benchBallots().then(
    (figures) => console.table(figures),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
