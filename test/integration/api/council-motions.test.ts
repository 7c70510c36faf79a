/**
 * 表决: a vote counts once per resident (or household) however many race; the
 * ineligible, the early and the late are refused without trace; a secret ballot
 * keeps no link between voter and choice, even for the committee; results stay
 * hidden until close when asked; closing — by hand or by the frequent timer —
 * publishes one decision with its 公示 notice. A ballot costs 3 round trips.
 */
import { ballotKey, SHARDS, shardOf } from '../../../cloudfunctions/api/src/modules/council/motions'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { SEED_MOTIONS } from '../../../local/seed/decisions'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours()
const member = (openid: string) => membershipId(C, openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
const create = (extra: Record<string, unknown> = {}) =>
  t.ok('demo-committee', 'council.motion.create', { title: '自行车棚顶棚更换方案', description: '更换 5 号楼旁自行车棚顶棚，采用阳光板，费用由公共收益列支。', closesAt: inDays(3), ...extra }, C)
const ballots = async (motionId: string) =>
  ((await t.db.collection('ballots').where({ communityId: C, motionId }).get()) as { data: Array<Record<string, unknown>> }).data
/** The motion's ballot box, its shards together: who took part, and the count of each option. */
const box = async (motionId: string) => {
  const docs = (await ballots(motionId)) as Array<{ _id: string; shard: number; counts: number[]; voters: string[]; picks: unknown[]; open: boolean }>
  expect(docs.map((d) => d._id).sort()).toEqual(Array.from({ length: SHARDS }, (_, s) => `${motionId}:box:${s}`).sort())
  // Every voter lies in the shard their key hashes to: that one document is where a second ballot of theirs is refused.
  for (const d of docs) for (const v of d.voters) expect(shardOf(v)).toBe(d.shard)
  return {
    counts: docs.reduce((sum, d) => sum.map((n, i) => n + d.counts[i]), docs[0].counts.map(() => 0)),
    voters: docs.flatMap((d) => d.voters),
    picks: docs.flatMap((d) => d.picks),
    open: docs.every((d) => d.open),
  }
}
const writesOf = () => dataWrites(t)

describe('one ballot each', () => {
  it('counts 50 identical ballots sent at once as one', async () => {
    const { motionId } = await create({ hideResults: false })
    const results = await Promise.all(Array.from({ length: 50 }, () => t.call('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.filter((r) => !r.ok)
    expect(refused).toHaveLength(49)
    expect(refused.every((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message === '你已经投过票了，每人只计一票')).toBe(true)
    const got = await t.ok('demo-resident', 'council.motion.get', { motionId }, C)
    expect(got).toMatchObject({ cast: 1, counts: [1, 0, 0], votedByMe: true, canVote: false })
  })

  it('counts two members of one household once when the motion is one per household', async () => {
    // 林秀华's spouse joins the same household, verified.
    const spouse = 'test-spouse'
    await t.db.collection('memberships').add({ _id: member(spouse), communityId: C, openid: spouse, nickname: '林太太', status: 'verified', roles: [], householdId: `${C}:b1-1-101`, buildingId: `${C}:b1`, createdAt: new Date() })
    const { motionId } = await create({ unit: 'household', hideResults: false })
    const [a, b] = await Promise.all([t.call('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C), t.call(spouse, 'council.motion.vote', { motionId, option: 1 }, C)])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const loser = [a, b].find((r) => !r.ok)!
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '你家已经投过票了，每户只计一票' } })
    expect((await t.ok('demo-volunteer', 'council.motion.get', { motionId }, C)).cast).toBe(1)
    expect(await t.ok(spouse, 'council.motion.get', { motionId }, C)).toMatchObject({ votedByMe: true, canVote: false, whyNot: '你家已经投过票了' })
  })

  it('costs 3 database round trips, the membership read included', async () => {
    const { motionId } = await create()
    t.emulator.resetStats()
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(3)
  })
})

describe('refused ballots change nothing', () => {
  it('refuses a resident outside the motion’s buildings, an unverified newcomer and an unknown option', async () => {
    const { motionId } = await create({ unit: 'household', buildingIds: [`${C}:b3`] })
    for (const [openid, payload, code] of [
      ['demo-resident', { motionId, option: 0 }, 'FORBIDDEN'],
      ['demo-newcomer', { motionId, option: 0 }, 'FORBIDDEN'],
      ['demo-lead3', { motionId, option: 7 }, 'INVALID_ARGUMENT'],
    ] as const) {
      t.emulator.resetStats()
      expect(await t.call(openid, 'council.motion.vote', payload, C)).toMatchObject({ ok: false, error: { code } })
      expect(writesOf()).toBe(0)
    }
    expect(await t.call('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ error: { message: '这次表决只限3号楼住户参加' } })
    await t.ok('demo-lead3', 'council.motion.vote', { motionId, option: 0 }, C)
    const lead3 = ((await t.db.collection('memberships').doc(member('demo-lead3')).get()) as { data: Array<{ householdId: string }> }).data[0]
    expect(lead3.householdId).toMatch(`${C}:b3-`)
    expect(await box(motionId)).toMatchObject({ counts: [1, 0, 0], voters: [ballotKey({ _id: motionId, secret: true }, `hh:${lead3.householdId}`)] })
  })

  it('refuses a ballot before the opening and after the closing, by the server clock', async () => {
    const { motionId } = await create({ opensAt: inDays(1), closesAt: inDays(2) })
    t.emulator.resetStats()
    expect(await t.call('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    t.clock.advance(1.5 * 86_400_000)
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    t.clock.advance(86_400_000)
    t.emulator.resetStats()
    expect(await t.call('demo-volunteer', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '表决已截止，不能再投票' } })
    expect(writesOf()).toBe(0)
    expect((await box(motionId)).voters).toHaveLength(1)
  })
})

describe('a secret ballot', () => {
  it('keeps no link between voter and choice in any document or any response, the committee’s included', async () => {
    const { motionId } = await create({ secret: true, hideResults: false })
    const voters = NEIGHBOURS.slice(0, 6)
    await Promise.all(voters.map((n, i) => t.ok(n.openid, 'council.motion.vote', { motionId, option: i % 2 }, C)))
    // The shards: who voted — as a keyed hash, so a shard's counts pair no one with a choice — and how many chose each option.
    // (ballot-secrecy.test.ts reads it all as an attacker would.)
    const stored = await box(motionId)
    expect(stored).toMatchObject({ counts: [3, 3, 0], picks: [] })
    expect([...stored.voters].sort()).toEqual(voters.map((n) => ballotKey({ _id: motionId, secret: true }, `m:${member(n.openid)}`)).sort())
    const raw = JSON.stringify(await ballots(motionId))
    for (const n of voters) expect(raw).not.toContain(member(n.openid).slice(C.length + 1))
    const seen = JSON.stringify([await t.ok('demo-committee', 'council.motion.get', { motionId }, C), await t.ok('demo-committee', 'council.motion.close', { motionId }, C)])
    for (const n of voters) expect(seen).not.toContain(member(n.openid))
    // The voter learns only that they voted.
    expect(await t.ok(voters[0].openid, 'council.motion.get', { motionId }, C)).toMatchObject({ votedByMe: true, myChoice: null })
  })

  it('an open (记名) ballot shows the voter their own choice', async () => {
    const { motionId } = await create({ secret: false })
    expect((await t.ok('demo-resident', 'council.motion.list', {}, C)).items.find((m) => m.id === motionId)).toMatchObject({ votedByMe: false, canVote: true })
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 1 }, C)
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ votedByMe: true, myChoice: '反对' })
    expect((await t.ok('demo-resident', 'council.motion.list', {}, C)).items.find((m) => m.id === motionId)).toMatchObject({ votedByMe: true, canVote: false })
  })
})

describe('results and closing', () => {
  it('hides counts from everyone, the committee included, until the close, then publishes one decision in 公示', async () => {
    const { motionId } = await create({ hideResults: true, topicId: `${SEED_ISSUES.bikeShed}:topic` })
    const votes = [0, 0, 0, 1, 2]
    await Promise.all(votes.map((option, i) => t.ok(NEIGHBOURS[i].openid, 'council.motion.vote', { motionId, option }, C)))
    for (const who of ['demo-resident', 'demo-committee']) expect(await t.ok(who, 'council.motion.get', { motionId }, C)).toMatchObject({ counts: null, cast: 5 })
    const closed = await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
    expect(closed.outcome).toBe('passed')
    expect(await t.call('demo-admin', 'council.motion.close', { motionId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const got = await t.ok('demo-resident', 'council.motion.get', { motionId }, C)
    expect(got).toMatchObject({ state: 'closed', counts: [3, 1, 1], cast: 5, topic: { title: '自行车棚顶棚漏雨' }, result: { outcome: 'passed' } })
    const decision = await t.ok('demo-resident', 'council.decision.get', { decisionId: closed.decisionId }, C)
    expect(decision.results).toEqual([{ option: '赞成', votes: 3 }, { option: '反对', votes: 1 }, { option: '弃权', votes: 1 }])
    const notice = await t.ok('demo-resident', 'notice.get', { noticeId: decision.noticeId }, C)
    expect(notice).toMatchObject({ category: 'decision', publicityOpen: true, canObject: true, source: { kind: 'decision', id: closed.decisionId } })
    expect(notice.body).toContain('赞成 3 票')
    const audits = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.motion.close' }).get()) as { data: unknown[] }).data
    expect(audits).toHaveLength(1)
    // a ballot after the close is refused
    expect(await t.call('demo-volunteer', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })

  it('counts every ballot accepted while the committee closes, and stores none it refused', async () => {
    const { motionId } = await create({ hideResults: false })
    const voting = NEIGHBOURS.slice(0, 30).map((n, i) => t.call(n.openid, 'council.motion.vote', { motionId, option: i % 3 }, C))
    const [closed, ...results] = await Promise.all([t.ok('demo-committee', 'council.motion.close', { motionId }, C), ...voting])
    const accepted = results.filter((r) => r.ok).length
    expect(results.every((r) => r.ok || r.error.code === 'FAILED_PRECONDITION')).toBe(true)
    const decision = await t.ok('demo-resident', 'council.decision.get', { decisionId: closed.decisionId }, C)
    expect(decision.cast).toBe(accepted)
    expect(await box(motionId)).toMatchObject({ open: false, voters: expect.any(Array) })
    expect((await box(motionId)).voters).toHaveLength(accepted)
  })

  it('closes by the frequent timer once its time is up, exactly once', async () => {
    // What the demo left due (its upcoming meeting's reminder) answered first, a minute on (a run takes off only moments 30 s old).
    t.clock.advance(60_000)
    await t.api.runTimer('frequent')
    const { motionId } = await create({ closesAt: inDays(1), rule: 'double', unit: 'household' })
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    // Nothing due yet: the alarm says so, and the sweep does not even look.
    expect((await t.api.runTimer('frequent'))['council.motions']).toEqual({ idle: true })
    t.clock.advance(86_400_000 + 1000)
    const runs = await Promise.all([t.api.runTimer('frequent'), t.api.runTimer('frequent')])
    expect(runs.map((r) => (r['council.motions'] as { closed: number }).closed).sort()).toEqual([0, 1])
    const got = await t.ok('demo-resident', 'council.motion.get', { motionId }, C)
    // one household of forty took part: 双过半 fails for want of participation
    expect(got).toMatchObject({ state: 'closed', result: { outcome: 'noQuorum' }, eligible: 40, cast: 1 })
    const closes = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.motion.close' }).get()) as { data: Array<{ actor: string; target: { id: string } }> }).data
    expect(closes.filter((a) => a.target.id === motionId)).toMatchObject([{ actor: 'system' }])
  })

  it('lists a motion under 已结束, not 进行中, from its closing time on, before any timer has closed it', async () => {
    const { motionId } = await create({ closesAt: inDays(1) })
    const listed = async (status: 'open' | 'closed') => (await t.ok('demo-resident', 'council.motion.list', { status, limit: 50 }, C)).items.find((m) => m.id === motionId)
    expect(await listed('open')).toMatchObject({ state: 'open' })
    t.clock.advance(86_400_000 + 1000)
    expect(await listed('open')).toBeUndefined()
    expect(await listed('closed')).toMatchObject({ state: 'closed', canVote: false })
    await t.api.runTimer('frequent')
    expect(await listed('open')).toBeUndefined()
    expect(await listed('closed')).toMatchObject({ state: 'closed', outcome: expect.any(String) })
    // The local clock set back before its closing time (a reset after fast-forwarding): still under 已结束.
    t.clock.advance(-2 * 86_400_000)
    expect(await listed('open')).toBeUndefined()
    expect(await listed('closed')).toMatchObject({ state: 'closed' })
  })

  it('costs a frequent timer run with nothing due one database read, and still runs what comes due (a clock jump included) once', async () => {
    const { motionId } = await create({ closesAt: inDays(2) })
    // A minute on, a run answers whatever the demo left due (a run takes off only moments 30 s old).
    t.clock.advance(60_000)
    await t.api.runTimer('frequent')
    t.emulator.resetStats()
    const idle = await t.api.runTimer('frequent')
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(1)
    expect(Object.values(idle)).toEqual(expect.arrayContaining([{ idle: true }]))
    // The local clock jumps a week: the one run it makes closes the motion (and the demo's, due meanwhile).
    t.clock.advance(7 * 86_400_000)
    expect((await t.api.runTimer('frequent'))['council.motions']).toMatchObject({ closed: expect.any(Number), more: false })
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ state: 'closed', decisionId: `${motionId}:decision` })
    await t.api.runTimer('frequent')
    t.emulator.resetStats()
    await t.api.runTimer('frequent')
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(1)
  })

  it('counts as eligible only those who may vote: the 街道 account is verified but never in the electorate', async () => {
    const all = ((await t.db.collection('memberships').where({ communityId: C, status: 'verified' }).limit(1000).get()) as { data: Array<{ roles: string[] }> }).data
    const street = all.filter((m) => m.roles.includes('street'))
    expect(street.length).toBeGreaterThan(0)
    const { motionId } = await create()
    expect(await t.call('demo-street', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ ok: false })
    expect((await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).eligible).toBe(all.length - street.length)
    const told = async (openid: string) => ((await t.db.collection('messages').doc(`${member(openid)}:msg:motion-open-${motionId}`).get()) as { data: unknown[] }).data.length
    expect(await told('demo-resident')).toBe(1)
    expect(await told('demo-street')).toBe(0)
  })

  it('finishes a close that stopped before its decision, a minute later, once', async () => {
    const { motionId } = await create()
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    // as if the close crashed right after claiming the motion (having armed the alarm for its healing pass, as it does first)
    await t.db.collection('timerAlarms').doc(`${C}:alarm`).update({ dues: t.db.command.push([new Date(t.clock.now().getTime() + 60_000)]) })
    await t.db.collection('motions').doc(motionId).update({ status: 'closed', closedAt: t.clock.now(), closedBy: 'committee' })
    t.clock.advance(61_000)
    await t.api.runTimer('frequent')
    await t.api.runTimer('frequent')
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ state: 'closed', counts: [1, 0, 0], result: { outcome: 'passed' }, decisionId: `${motionId}:decision` })
    const closes = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.motion.close' }).get()) as { data: Array<{ target: { id: string } }> }).data
    expect(closes.filter((a) => a.target.id === motionId)).toHaveLength(1)
    expect(await t.ok('demo-resident', 'notice.get', { noticeId: `${motionId}:notice` }, C)).toMatchObject({ category: 'decision' })
  })

  it("notes the result on its matter's timeline once, even when a timer finishes the close", async () => {
    const topicId = `${SEED_ISSUES.bikeShed}:topic`
    const decidedSteps = async () => (await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.bikeShed }, C)).timeline.filter((s) => s.kind === 'decided')
    const { motionId } = await create({ topicId })
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
    expect(await decidedSteps()).toHaveLength(1)
    // A close that stored its decision but stopped before the motion knew it: the timer publishes again, noting nothing twice…
    await t.db.collection('motions').doc(motionId).update({ decisionId: null })
    t.clock.advance(61_000)
    await t.api.runTimer('frequent')
    expect(await decidedSteps()).toHaveLength(1)
    // …and noting what such a stop lost.
    const issue = (await t.db.collection('issues').doc(SEED_ISSUES.bikeShed).get()) as { data: Array<{ timeline: Array<{ kind: string }> }> }
    await t.db.collection('issues').doc(SEED_ISSUES.bikeShed).update({ timeline: issue.data[0].timeline.filter((s) => s.kind !== 'decided') })
    await t.db.collection('motions').doc(motionId).update({ decisionId: null })
    t.clock.advance(61_000)
    await t.api.runTimer('frequent')
    expect(await decidedSteps()).toHaveLength(1)
  })

  it('tells eligible residents when a motion opens: at once, or by the timer at its opening time', async () => {
    const msgs = async (openid: string) => ((await t.db.collection('messages').where({ communityId: C, memberId: member(openid) }).get()) as { data: Array<{ kind: string }> }).data.filter((m) => m.kind === 'motion.open')
    await create({ unit: 'household', buildingIds: [`${C}:b3`] })
    expect(await msgs('demo-lead3')).toHaveLength(1)
    expect(await msgs('demo-resident')).toHaveLength(0)
    await create({ opensAt: inDays(1), closesAt: inDays(2) })
    expect(await msgs('demo-resident')).toHaveLength(0)
    t.clock.advance(86_400_000 + 1000)
    await t.api.runTimer('frequent')
    await t.api.runTimer('frequent')
    expect(await msgs('demo-resident')).toHaveLength(1)
  })
})

describe('configuring a motion', () => {
  it('is audited, refuses rejected text storing nothing, and takes a list of options', async () => {
    const before = ((await t.db.collection('motions').where({ communityId: C }).count()) as { total: number }).total
    expect(await t.call('demo-committee', 'council.motion.create', { title: '违禁测试词', description: '这是一段正常的描述文字，足够长。', closesAt: inDays(2) }, C)).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(((await t.db.collection('motions').where({ communityId: C }).count()) as { total: number }).total).toBe(before)
    const { motionId } = await create({ options: ['阳光板', '彩钢瓦'], rule: 'twoThirds', quorumPercent: 30 })
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ kind: 'choice', options: ['阳光板', '彩钢瓦'], ruleLabel: '三分之二以上同意', quorumPercent: 30 })
    expect(((await t.db.collection('auditLog').where({ communityId: C, action: 'council.motion.create' }).get()) as { data: unknown[] }).data).toHaveLength(1)
  })

  it('shows the seeded decision of the lift vote', async () => {
    const got = await t.ok('demo-resident', 'council.motion.get', { motionId: SEED_MOTIONS.elevator }, C)
    expect(got).toMatchObject({ state: 'closed', counts: [6, 1, 1], eligible: 8, result: { outcome: 'passed' }, canVote: false })
  })
})
