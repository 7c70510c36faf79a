/**
 * No half-done ballot, no half-sealed box. A motion's box is 16 shards (council/motions.ts):
 * a ballot whose shard was never made makes it and lands; a close seals every shard,
 * making sealed those never made, before it counts. With the server dying right after
 * each database request of either, every retry (the voter's, the committee's, the
 * frequent timer's healing pass a minute on) converges: each voter counted once, the
 * decision the exact count of the ballots accepted, every shard sealed, no ballot after.
 * A paper ballot claims its photo before its ballot (council/paper.ts): a server dying
 * between the two leaves a claim that the retry finishes, or that a recording of the
 * photo for another household takes over, while a photo already counted stays refused.
 */
import { ballotKey, boxOf, SHARDS } from '../../../cloudfunctions/api/src/modules/council/motions'
import { photoClaimId } from '../../../cloudfunctions/api/src/modules/council/paper'
import { uploadPrefix } from '../../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, HOUSEHOLDS, neighbours } from '../../../local/seed/data'
import { startPluggedApi, untilAnswered, type PluggedApi } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const VOTERS = neighbours().map((n) => n.openid)
const inDays = (t: PluggedApi, d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
/** The router's read, the motion, the alarm, the claim, the seal (one update of every shard, one read of them) and the count. */
const CLOSE_POINTS = 8
type Doc = { _id: string; open: boolean; voters: string[]; counts: number[]; box?: string; paperPhotos?: Array<{ f: string }>; paperElsewhere?: string[] }

async function shardsOf(t: PluggedApi, motionId: string): Promise<Doc[]> {
  return ((await t.db.collection('ballots').where({ communityId: C, motionId }).limit(100).get()) as { data: Doc[] }).data
}

async function motion(t: PluggedApi) {
  const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '楼顶防水维修方案', description: '楼顶防水层老化漏水，维修费用由公共收益列支。', secret: true, hideResults: false, closesAt: inDays(t, 3) })
  return motionId
}

let t: PluggedApi
beforeAll(async () => {
  t = await startPluggedApi()
})
afterAll(() => t.close())

it('a ballot whose shard must be made, and a close that seals every shard, converge whichever request the server dies after', async () => {
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
})

it('a paper ballot whose server died after claiming its photo: the retry lands once, another household may have the photo, a counted photo stays refused', async () => {
  const motionId = (await t.ok('demo-committee', 'council.motion.create', { title: '小区大门改造方案', description: '大门加装无障碍坡道，费用由公共收益列支。', secret: true, unit: 'household', hideResults: false, closesAt: inDays(t, 3) })).motionId
  const m = { _id: motionId, secret: true }
  const boxOfHome = (h: string) => boxOf(m, ballotKey(m, `hh:${h}`))
  // Households of six different shards.
  const homes: string[] = []
  for (const h of HOUSEHOLDS.map((x) => x._id)) if (homes.length < 6 && !homes.some((o) => boxOfHome(o) === boxOfHome(h))) homes.push(h)
  let photos = 0
  const photo = async () => {
    const cloudPath = `${uploadPrefix(C, membershipId(C, 'demo-committee'))}photos/crash-paper-${++photos}.jpg`
    return (await t.app.uploadFile({ cloudPath, fileContent: Buffer.from(`paper ${photos}`) })).fileID as string
  }
  const record = (h: string, paper: string) => () => t.call('demo-committee', 'council.paper.record', { motionId, householdId: h, option: 0, photo: paper }) as Promise<Envelope>
  const claimOf = async (paper: string) => ((await t.db.collection('ballots').doc(photoClaimId(m, paper)).get()) as { data: Doc[] }).data[0]
  const boxesWith = async (paper: string) => (await shardsOf(t, motionId)).filter((d) => (d.paperPhotos ?? []).some((p) => p.f === paper)).map((d) => d._id)
  const used = { ok: false, error: expect.objectContaining({ code: 'CONFLICT', message: '这张照片已经录入过另一张纸质票，请为每张票单独拍照' }) }

  // A whole recording, to know where its claim falls: the claim, then the ballot, then the audit entry.
  const first = await photo()
  const before = t.plug.delivered
  expect(await record(homes[0], first)()).toMatchObject({ ok: true })
  const claimed = t.plug.delivered - before - 2

  // Dead right after the claim: the retry finds the claim its own and lands once; the photo is then refused for another household.
  const retried = await photo()
  await t.crashAfter(claimed, record(homes[1], retried))
  expect({ claim: (await claimOf(retried))?.box, boxes: await boxesWith(retried) }).toEqual({ claim: boxOfHome(homes[1]), boxes: [] })
  expect((await untilAnswered(record(homes[1], retried), { deadlineMs: 10_000, pauseMs: 10 })).answer).toMatchObject({ ok: true })
  expect(await record(homes[2], retried)()).toEqual(used)
  expect(await boxesWith(retried)).toEqual([boxOfHome(homes[1])])

  // Dead right after the claim, and the photo then recorded for another household: the claim moves, the first household's retry is refused.
  const moved = await photo()
  await t.crashAfter(claimed, record(homes[3], moved))
  expect((await untilAnswered(record(homes[4], moved), { deadlineMs: 10_000, pauseMs: 10 })).answer).toMatchObject({ ok: true })
  expect(await record(homes[3], moved)()).toEqual(used)
  expect({ claim: (await claimOf(moved))?.box, boxes: await boxesWith(moved) }).toEqual({ claim: boxOfHome(homes[4]), boxes: [boxOfHome(homes[4])] })
  // The shard it left bars the photo by its hash alone, and the claim still names no one.
  expect((await shardsOf(t, motionId)).find((d) => d._id === boxOfHome(homes[3]))?.paperElsewhere).toEqual([expect.stringMatching(/^[0-9a-f]{24}$/)])
  expect(Object.keys(await claimOf(moved)).sort()).toEqual(['_id', 'box', 'communityId', 'kind'])

  // A claim left by a crash on a motion then closed changes nothing: the photo is refused for anyone, no shard is written.
  const late = await photo()
  await t.crashAfter(claimed, record(homes[5], late))
  await t.ok('demo-committee', 'council.motion.close', { motionId })
  const sealed = await shardsOf(t, motionId)
  expect(await record(homes[2], late)()).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  expect({ claim: (await claimOf(late))?.box, shards: await shardsOf(t, motionId) }).toEqual({ claim: boxOfHome(homes[5]), shards: sealed })

  const list = await t.ok('demo-committee', 'council.paper.list', { motionId })
  expect({ count: list.count, cast: (await t.ok('demo-resident', 'council.motion.get', { motionId })).cast }).toEqual({ count: 3, cast: 3 })
})
