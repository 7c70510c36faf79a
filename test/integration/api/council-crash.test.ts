/**
 * No half-done ballot, no half-sealed box. A motion's box is 16 shards (council/motions.ts):
 * a ballot whose shard was never made makes it and lands; a close seals every shard,
 * making sealed those never made, before it counts. With the server dying right after
 * each database request of either, every retry (the voter's, the committee's, the
 * frequent timer's healing pass a minute on) converges: each voter counted once, the
 * decision the exact count of the ballots accepted, every shard sealed, no ballot after.
 */
import { SHARDS } from '../../../cloudfunctions/api/src/modules/council/motions'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { startPluggedApi, untilAnswered, type PluggedApi } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const VOTERS = neighbours().map((n) => n.openid)
const inDays = (t: PluggedApi, d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
/** The router's read, the motion, the alarm, the claim, the seal (one update of every shard, one read of them) and the count. */
const CLOSE_POINTS = 8
type Doc = { _id: string; open: boolean; voters: string[]; counts: number[] }

async function shardsOf(t: PluggedApi, motionId: string): Promise<Doc[]> {
  return ((await t.db.collection('ballots').where({ communityId: C, motionId }).limit(100).get()) as { data: Doc[] }).data
}

async function motion(t: PluggedApi) {
  const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '楼顶防水维修方案', description: '楼顶防水层老化漏水，维修费用由公共收益列支。', secret: true, hideResults: false, closesAt: inDays(t, 3) })
  return motionId
}

it('a ballot whose shard must be made, and a close that seals every shard, converge whichever request the server dies after', async () => {
  const t = await startPluggedApi()
  try {
    // Ballots: the motion's shards lost (as if its creation stopped before making them), so each ballot makes its own.
    const motionId = await motion(t)
    await t.db.collection('ballots').where({ communityId: C, motionId }).remove()
    const vote = (who: string, option: number) => () => t.call(who, 'council.motion.vote', { motionId, option }) as Promise<Envelope>
    const voters = [...VOTERS]
    let before = t.plug.delivered
    expect(await vote(voters.shift()!, 0)()).toMatchObject({ ok: true })
    const requests = t.plug.delivered - before
    expect(requests).toBeGreaterThan(3)
    const counted = [1, 0, 0]
    for (let n = 1; n <= requests; n++) {
      const who = voters.shift()!
      await t.crashAfter(n, vote(who, n % 3))
      const { answer } = await untilAnswered(vote(who, n % 3), { deadlineMs: 10_000, pauseMs: 10 })
      // The retry of a ballot that landed is told it already counted.
      expect({ n, answer }).toEqual({ n, answer: answer.ok ? { ok: true, data: expect.anything() } : { ok: false, error: expect.objectContaining({ code: 'CONFLICT', message: '你已经投过票了，每人只计一票' }) } })
      counted[n % 3]++
    }
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId })).toMatchObject({ counts: counted, cast: requests + 1 })
    const made = await shardsOf(t, motionId)
    expect(made.flatMap((d) => d.voters)).toHaveLength(requests + 1)

    // Closes: a fresh motion for each crash point, two ballots in, the server dying after the n-th request of the close.
    const closing = async () => {
      const id = await motion(t)
      for (const [i, who] of ['demo-resident', 'demo-volunteer'].entries()) await t.ok(who, 'council.motion.vote', { motionId: id, option: i })
      return id
    }
    const close = (id: string) => () => t.call('demo-committee', 'council.motion.close', { motionId: id }) as Promise<Envelope>
    const first = await closing()
    before = t.plug.delivered
    expect(await close(first)()).toMatchObject({ ok: true })
    const closeRequests = t.plug.delivered - before
    // The crash points up to the count: the router's read, the motion, the alarm, the claim, the seal and the counts
    // (what follows — the decision, its notice, the news — was there before the shards and has its own tests).
    expect(closeRequests).toBeGreaterThan(CLOSE_POINTS)
    for (let n = 1; n <= CLOSE_POINTS; n++) {
      const id = await closing()
      await t.crashAfter(n, close(id))
      // The committee closes again if it still can; else the timer finishes the close a minute on.
      const again = await untilAnswered(close(id), { deadlineMs: 10_000, pauseMs: 10 })
      expect({ n, answer: again.answer }).toEqual({ n, answer: again.answer.ok ? expect.anything() : { ok: false, error: expect.objectContaining({ code: 'FAILED_PRECONDITION' }) } })
      t.clock.advance(61_000)
      await t.api.runTimer('frequent')
      const got = await t.ok('demo-resident', 'council.motion.get', { motionId: id })
      expect({ n, state: got.state, counts: got.counts, cast: got.cast, decision: got.decisionId }).toEqual({ n, state: 'closed', counts: [1, 1, 0], cast: 2, decision: `${id}:decision` })
      const shards = await shardsOf(t, id)
      expect({ n, shards: shards.length, open: shards.filter((d) => d.open).length }).toEqual({ n, shards: SHARDS, open: 0 })
      expect(await t.call('demo-lead', 'council.motion.vote', { motionId: id, option: 0 })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    }
  } finally {
    await t.close()
  }
})
