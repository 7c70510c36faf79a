/**
 * 最美邻里 votes through the gateway, as the mini-program sends them: HTTP POST /api
 * with X-Dev-Openid, the built bundle, the emulator with strict indexes, the demo's
 * campaign in voting (3 votes a day, 4 candidates). Many distinct verified voters
 * (written directly in the setup) each cast their day's 3 votes for 3 different
 * candidates, a share of them repeat a ballot (one per candidate a day) or try a 4th
 * (the day's quota); a fixed number of requests in flight. Then the tally is checked to
 * be exact, and the database round trips of one vote are counted at the emulator: a
 * vote in its steady state, the first of a function instance (which reads the
 * campaign's rules once), and the first landing in a new day's box.
 *
 *   tsx bench/awards.ts [--one-process]    (bench/layout.ts: which part runs where)
 */
import { BOXES, shardOf, voterKey } from '../cloudfunctions/api/src/modules/award/model'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { chinaDay } from '../cloudfunctions/api/src/platform/time'
import { SEED_AWARDS } from '../local/seed/awards'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../local/seed/data'
import { cpuPerCall, startWorld } from './layout'

const C = DEMO_COMMUNITY._id
const VOTERS = 1000
const PER_DAY = 3
const CANDIDATES = 4
const IN_FLIGHT = 32
const REPEAT_EVERY = 10
const FOURTH_EVERY = 20

export async function benchAwards(): Promise<Record<string, number | string>> {
  const world = await startWorld('awards', C)
  try {
    const voters = Array.from({ length: VOTERS }, (_, i) => `bench-award-voter-${i}`)
    const db = world.db
    for (let i = 0; i < voters.length; i += 500) {
      await db.collection('memberships').add(
        voters.slice(i, i + 500).map((openid, k) => {
          const household = HOUSEHOLDS[(i + k) % HOUSEHOLDS.length]
          return { _id: membershipId(C, openid), communityId: C, openid, nickname: '投票邻居', status: 'verified', roles: [], buildingIds: [], householdId: household._id, buildingId: household.buildingId, createdAt: new Date(Date.now() - 90 * 86_400_000) }
        }),
      )
    }
    const post = world.post
    const campaignId = SEED_AWARDS.voting
    const candidate = (n: number) => `${campaignId}:c${n}`
    const tallies = async () => {
      const got = await post('demo-committee', 'award.campaign.get', { campaignId })
      if (!got.ok) throw new Error(`award.campaign.get: ${got.error?.code} ${got.error?.message}`)
      return (got.data.candidates as Array<{ votes: number }>).map((c) => c.votes)
    }

    // Round trips, counted at the emulator: the instance's first vote, a first vote in a fresh box, the steady state
    // (all on the first function instance, so the second vote finds the rules it read).
    const trips = async (openid: string, n: number) => {
      await world.resetTrips()
      const res = await post(openid, 'award.vote', { campaignId, candidateId: candidate(n) }, 0)
      if (!res.ok) throw new Error(`award.vote: ${res.error?.code} ${res.error?.message}`)
      return world.trips()
    }
    const coldInstance = await trips('demo-resident', 1)
    const steady = await trips('demo-resident', 2)
    // A voter of another shard than the first: their box of the day is made by this vote.
    const other = ['demo-volunteer', 'demo-lead', 'demo-lead3', 'demo-admin'].find((o) => shardOf(voterKey(membershipId(C, o))) !== shardOf(voterKey(membershipId(C, 'demo-resident'))))!
    const freshBox = await trips(other, 1)

    const before = await tallies()
    // Every voter's 3 votes (candidates rotating), one repeated by every 10th, a 4th tried by every 20th.
    const jobs: Array<{ voter: number; n: number; expect: 'ok' | 'CONFLICT' | 'FAILED_PRECONDITION' }> = []
    for (let v = 0; v < VOTERS; v++) {
      const mine = Array.from({ length: PER_DAY }, (_, k) => ((v + k) % CANDIDATES) + 1)
      for (const n of mine) jobs.push({ voter: v, n, expect: 'ok' })
      if (v % REPEAT_EVERY === 0) jobs.push({ voter: v, n: mine[0], expect: 'CONFLICT' })
      if (v % FOURTH_EVERY === 0) jobs.push({ voter: v, n: ((v + PER_DAY) % CANDIDATES) + 1, expect: 'FAILED_PRECONDITION' })
    }
    // A voter's own ballots go in order (so which one is refused is known); voters interleave.
    const byVoter = new Map<number, typeof jobs>()
    for (const j of jobs) byVoter.set(j.voter, [...(byVoter.get(j.voter) ?? []), j])
    const queues = [...byVoter.values()]
    const expected = [0, 0, 0, 0]
    for (const j of jobs) if (j.expect === 'ok') expected[j.n - 1]++
    let next = 0
    const seen = { ok: 0, CONFLICT: 0, FAILED_PRECONDITION: 0 }
    const cpuBefore = await world.cpu()
    const started = performance.now()
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < queues.length) {
          for (const j of queues[next++]) {
            const res = await post(voters[j.voter], 'award.vote', { campaignId, candidateId: candidate(j.n) })
            const got = res.ok ? 'ok' : res.error!.code
            if (got !== j.expect) throw new Error(`vote ${j.voter}→${j.n}: ${got} ${res.error?.message ?? ''}, expected ${j.expect}`)
            seen[got as keyof typeof seen]++
          }
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const cpuVotes = await world.cpu()
    // The floor, measured now on this machine: the same number of calls that touch no database, same requests in flight.
    const pingsPerSecond = await world.pingsPerSecond(jobs.length, IN_FLIGHT)
    const cpuPings = await world.cpu()
    const after = await tallies()
    // Every vote rewrites its day's box whole and gets it back: its size is a cost of every vote.
    const boxes = (await db.collection(BOXES).where({ communityId: C, campaignId, day: chinaDay(new Date()) }).limit(1000).get()).data as unknown[]
    const boxBytes = boxes.map((b) => Buffer.byteLength(JSON.stringify(b)))
    const grown = after.map((n, i) => n - before[i])
    const exact = grown.every((n, i) => n === expected[i]) && seen.ok === VOTERS * PER_DAY
    if (!exact) throw new Error(`tally not exact: grew ${grown.join('/')} vs ${expected.join('/')}, ${seen.ok} accepted`)
    return {
      layout: world.layout,
      'vote requests (3 a voter + repeats + 4th tries)': `${jobs.length} (${VOTERS * PER_DAY} + ${seen.CONFLICT} + ${seen.FAILED_PRECONDITION})`,
      'requests in flight': IN_FLIGHT,
      'votes/s through the gateway (budget 300)': Math.round(jobs.length / seconds),
      'floor: system.ping calls/s through the gateway, same run': pingsPerSecond,
      'CPU ms per vote, by process': cpuPerCall(cpuBefore, cpuVotes, jobs.length),
      'CPU ms per ping, by process': cpuPerCall(cpuVotes, cpuPings, jobs.length),
      'tally exact': `yes (+${grown.join(' / ')}, ${seen.CONFLICT} repeats and ${seen.FAILED_PRECONDITION} 4th votes refused)`,
      [`ballot boxes after ${VOTERS} voters' day: largest / mean (bytes of JSON)`]: `${Math.max(...boxBytes)} / ${Math.round(boxBytes.reduce((a, b) => a + b, 0) / boxBytes.length)} (${boxBytes.length} boxes today)`,
      'round trips: award.vote, steady (budget 3)': steady,
      'round trips: award.vote, first of an instance (reads the rules)': coldInstance,
      'round trips: award.vote, first in a new box': freshBox,
    }
  } finally {
    await world.close()
  }
}

if (require.main === module) {
  benchAwards().then(
    (figures) => console.table(figures),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
