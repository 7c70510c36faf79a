/**
 * Including those who do not use the phone. Paper ballots recorded by the committee
 * count with the online ones, one per household (or person) whoever records and
 * however many record at once, and a secret motion's paper ballots leave nothing in
 * the database that ties a household to an option. A building lead acts for a
 * resident of their buildings only with recorded consent, audited and told to the
 * resident — and never votes for anyone.
 */
import { ballotKey, boxOf, shardOf, SHARDS } from '../../../cloudfunctions/api/src/modules/council/motions'
import { BUSY } from '../../../cloudfunctions/api/src/platform/db'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { SEED_ISSUES } from '../../../local/seed/council'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../../../local/seed/data'
import { SEED_TASKS } from '../../../local/seed/decisions'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const member = (openid: string) => membershipId(C, openid)
/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = Record<string, any>

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const inDays = (d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
const motion = async (extra: Record<string, unknown> = {}) =>
  (await t.ok('demo-committee', 'council.motion.create', { title: '楼道照明改造方案', description: '楼道灯更换为声控 LED，费用由公共收益列支。', closesAt: inDays(3), unit: 'household', hideResults: false, ...extra }, C)).motionId
const shards = async (motionId: string): Promise<Doc[]> => ((await t.db.collection('ballots').where({ communityId: C, motionId }).limit(100).get()) as { data: Doc[] }).data
/** The motion's box, its shards together. */
const box = async (motionId: string): Promise<Doc> => {
  const docs = await shards(motionId)
  const paperBy: Record<string, number> = {}
  for (const d of docs) for (const [k, n] of Object.entries((d.paperBy ?? {}) as Record<string, number>)) paperBy[k] = (paperBy[k] ?? 0) + n
  return {
    counts: docs.reduce((sum: number[], d) => sum.map((n, i) => n + d.counts[i]), [0, 0, 0]),
    voters: docs.flatMap((d) => d.voters),
    paperCount: docs.reduce((sum, d) => sum + (d.paperCount ?? 0), 0),
    paperBy,
    paperPhotos: docs.flatMap((d) => d.paperPhotos ?? []),
  }
}
let photos = 0
const photo = (openid: string) => t.upload(openid, `paper ballot ${++photos}`, { name: `paper-${photos}.jpg` })
const record = async (openid: string, motionId: string, householdId: string, option: number) =>
  t.call(openid, 'council.paper.record', { motionId, householdId, option, photo: await photo(openid) }, C)

describe('paper ballots', () => {
  it('counts paper and online together once per household, in both orders', async () => {
    const motionId = await motion({ secret: false })
    const resident = `${C}:b1-1-101` // 林秀华's home
    await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
    expect(await record('demo-committee', motionId, resident, 1)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '1号楼1单元101 已经投过票了（网上或纸质），每户只计一票' } })
    // 黄志明's home voted on paper first: he can no longer vote online.
    const volunteerHome = `${C}:b2-1-201`
    const paper = await photo('demo-committee')
    expect(await t.call('demo-committee', 'council.paper.record', { motionId, householdId: volunteerHome, option: 2, photo: paper }, C)).toMatchObject({ ok: true })
    // Its retry (the answer lost on the way): the same answer, nothing counted twice, one audit entry.
    expect(await t.call('demo-committee', 'council.paper.record', { motionId, householdId: volunteerHome, option: 2, photo: paper }, C)).toMatchObject({ ok: true })
    expect(await t.call('demo-volunteer', 'council.motion.vote', { motionId, option: 0 }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await t.ok('demo-volunteer', 'council.motion.get', { motionId }, C)).toMatchObject({ votedByMe: true, canVote: false, myChoice: '弃权', cast: 2, counts: [1, 0, 1] })
    const list = await t.ok('demo-committee', 'council.paper.list', { motionId }, C)
    expect(list).toMatchObject({ secret: false, count: 1, byRecorder: [{ name: '郑*国', count: 1 }], items: [{ voter: '2号楼1单元201', option: '弃权', recordedBy: '郑*国' }] })
    expect(list.items![0].photoUrl).toMatch(/^http/)
    const audit = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.paper.record' }).get()) as { data: Doc[] }).data
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: member('demo-committee'), after: { voter: `hh:${volunteerHome}`, option: '弃权' } })
    // A resident cannot record paper ballots; a photo of someone else's is refused.
    expect(await record('demo-resident', motionId, `${C}:b3-1-101`, 0)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const theirs = await photo('demo-admin')
    expect(await t.call('demo-committee', 'council.paper.record', { motionId, householdId: `${C}:b3-1-101`, option: 0, photo: theirs }, C)).toMatchObject({ ok: false })
    // The decision counts the paper ballot like any other.
    const closed = await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
    expect(closed.outcome).toBeDefined()
    expect((await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).counts).toEqual([1, 0, 1])
    expect(await record('demo-committee', motionId, `${C}:b3-1-101`, 0)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })

  it('gives exact tallies when two committee members record 200 overlapping ballots at once', async () => {
    const motionId = await motion({ secret: true })
    // The demo has 40 households: 150 more, so that two members' 100 each overlap by 50.
    const homes = Array.from({ length: 150 }, (_, i) => `${C}:b1-9-${1000 + i}`)
    await t.db.collection('households').add(homes.map((_id, i) => ({ _id, communityId: C, buildingId: `${C}:b1`, unit: '9', room: String(1000 + i), label: `1号楼9单元${1000 + i}` })))
    // 10 of them voted online before the meeting.
    const online = new Set(homes.slice(0, 10))
    const optionOf = (h: string) => homes.indexOf(h) % 3
    const a = homes.slice(0, 100)
    const b = homes.slice(50, 150)
    const jobs = [...a.map((h) => ['demo-committee', h] as const), ...b.map((h) => ['demo-admin', h] as const)]
    const files = await Promise.all(jobs.map(([who]) => photo(who)))
    for (const h of online) {
      const key = ballotKey({ _id: motionId, secret: true }, `hh:${h}`)
      await t.db.collection('ballots').doc(boxOf({ _id: motionId }, key)).update({ voters: t.db.command.push([key]), [`counts.${optionOf(h)}`]: t.db.command.inc(1) })
    }
    const send = async (i: number): Promise<any> => {
      const [who, h] = jobs[i]
      for (;;) {
        const res = await t.call(who, 'council.paper.record', { motionId, householdId: h, option: optionOf(h), photo: files[i] }, C)
        // Resent as a client would: a busy box, or an answer lost under load (the retry finds its ballot counted).
        if (res.ok || (res.error.code !== 'INTERNAL' && res.error.message !== '录入没有成功，请再试一次')) return res
      }
    }
    const results = await Promise.all(jobs.map((_, i) => send(i)))
    const accepted = results.filter((r) => r.ok).length
    expect(accepted).toBe(homes.length - online.size)
    expect(results.filter((r) => !r.ok).every((r) => r.error.code === 'CONFLICT')).toBe(true)
    const stored = await box(motionId)
    const expected = [0, 1, 2].map((o) => homes.filter((h) => optionOf(h) === o).length)
    expect(stored.counts).toEqual(expected)
    expect(stored.voters).toHaveLength(homes.length)
    expect(new Set(stored.voters).size).toBe(homes.length)
    expect(stored.paperCount).toBe(accepted)
    expect(Object.values(stored.paperBy as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(accepted)
    expect(stored.paperPhotos).toHaveLength(accepted)
    const list = await t.ok('demo-committee', 'council.paper.list', { motionId }, C)
    expect(list).toMatchObject({ secret: true, count: accepted, items: null })
  })

  it('records one photo once when it is sent for 100 households of every shard at once', async () => {
    const motionId = await motion({ secret: false })
    // 200 households dealt round the 16 shards, so each member's 100 fall in every shard, several to a shard.
    const byShard: string[][] = Array.from({ length: SHARDS }, () => [])
    for (let n = 0; byShard.some((s) => s.length < 13); n++) {
      const h = `${C}:b1-8-${2000 + n}`
      byShard[shardOf(`hh:${h}`)].push(h)
    }
    const homes = Array.from({ length: 200 }, (_, i) => byShard[i % SHARDS][Math.floor(i / SHARDS)])
    await t.db.collection('households').add(homes.map((_id) => ({ _id, communityId: C, buildingId: `${C}:b1`, unit: '8', room: _id.slice(-4), label: `1号楼8单元${_id.slice(-4)}` })))
    // One paper each, the member's own photo, recorded by mistake for every household they pick.
    const recorders = ['demo-committee', 'demo-admin'] as const
    const papers = await Promise.all(recorders.map((who) => photo(who)))
    const jobs = homes.map((h, i) => ({ who: recorders[i % 2], paper: papers[i % 2], h }))
    const send = async ({ who, paper, h }: (typeof jobs)[number]): Promise<any> => {
      for (;;) {
        const res = await t.call(who, 'council.paper.record', { motionId, householdId: h, option: 0, photo: paper }, C)
        if (res.ok || (res.error.code !== 'INTERNAL' && res.error.message !== '录入没有成功，请再试一次' && res.error.message !== BUSY)) return res
      }
    }
    const results = await Promise.all(jobs.map(send))
    for (const who of recorders) expect(results.filter((r, i) => r.ok && jobs[i].who === who)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(198).fill({ code: 'CONFLICT', message: '这张照片已经录入过另一张纸质票，请为每张票单独拍照' }))
    const list = await t.ok('demo-committee', 'council.paper.list', { motionId }, C)
    expect({ count: list.count, items: list.items!.length, byRecorder: list.byRecorder.map((r) => r.count) }).toEqual({ count: 2, items: 2, byRecorder: [1, 1] })
    expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ cast: 2, counts: [2, 0, 0] })
    expect((await shards(motionId)).flatMap((d) => d.paper ?? []).map((p: Doc) => p.f).sort()).toEqual([...papers].sort())
  })

  it('leaves no household→option link of a secret motion in the raw database', async () => {
    const motionId = await motion({ secret: true })
    const homes = HOUSEHOLDS.slice(20, 32).map((h) => h._id)
    for (const [i, h] of homes.entries()) expect(await record(i % 2 ? 'demo-admin' : 'demo-committee', motionId, h, i % 3)).toMatchObject({ ok: true })
    // Everything of this community that names one of the households, read as an operator would.
    const named: Array<{ collection: string; doc: Doc }> = []
    for (const collection of ['ballots', 'auditLog', 'messages', 'motions', 'households', 'memberships']) {
      for (let skip = 0; ; skip += 1000) {
        const page = ((await t.db.collection(collection).where({ communityId: C }).skip(skip).limit(1000).get()) as { data: Doc[] }).data
        // Other motions' boxes (the tests above) hold their own ballots.
        for (const doc of page) if (!(collection === 'ballots' && doc.motionId !== motionId) && homes.some((h) => JSON.stringify(doc).includes(`hh:${h}`))) named.push({ collection, doc })
        if (page.length < 1000) break
      }
    }
    // Nothing names them, the boxes included: a secret motion's shards list a keyed hash of each household, sorted,
    // and no element holds a household beside an option.
    expect(named.map((n) => n.collection)).toEqual([])
    const keys = homes.map((h) => ballotKey({ _id: motionId, secret: true }, `hh:${h}`))
    const stored = await shards(motionId)
    expect(stored.flatMap((d) => d.voters).sort()).toEqual([...keys].sort())
    for (const d of stored) {
      expect(d.voters).toEqual([...d.voters].sort())
      expect(d.picks).toEqual([])
      expect(d.paper ?? []).toEqual([])
      for (const p of d.paperPhotos ?? []) expect(Object.keys(p).sort()).toEqual(['f', 'h', 'o'])
      expect((d.paperPhotos ?? []).map((p: Doc) => p.h)).toEqual((d.paperPhotos ?? []).map((p: Doc) => p.h).sort())
    }
    // Each photo's claim, read raw, says only which shard it went to: no voter, no recorder, no time.
    const everything = ((await t.db.collection('ballots').where({ communityId: C }).limit(1000).get()) as { data: Doc[] }).data
    const claims = everything.filter((d) => d.kind === 'paperPhoto' && d._id.startsWith(`${motionId}:`))
    expect(claims).toHaveLength(homes.length)
    for (const c of claims) expect(c).toEqual({ _id: expect.stringMatching(/:paper-photo-[0-9a-f]{24}$/), communityId: C, kind: 'paperPhoto', box: expect.stringMatching(new RegExp(`^${motionId}:box:\\d+$`)) })
    expect(new Set(claims.map((c) => c.box))).toEqual(new Set(stored.filter((d) => d.paperPhotos?.length).map((d) => d._id)))
    const audit = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.paper.record' }).limit(1000).get()) as { data: Doc[] }).data.filter((e) => e.target.id === motionId)
    expect(audit).toHaveLength(homes.length)
    for (const e of audit) expect(e.after).toEqual({ paper: true, secret: true })
  })
})

describe('assisted participation (代办)', () => {
  const resident = member('demo-resident')
  const consent = { method: 'phone', note: '林阿姨电话里同意' }

  it('co-signs and rates for a resident of the lead’s buildings only, with consent, audited and shown to them', async () => {
    const issueId = SEED_ISSUES.stairLights
    expect(await t.call('demo-lead', 'council.issue.cosignFor', { issueId, memberId: resident }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    // 许文彬 leads 3号楼 only; 林秀华 lives in 1号楼.
    expect(await t.call('demo-lead3', 'council.issue.cosignFor', { issueId, memberId: resident, consent }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能为自己负责楼栋的居民代办' } })
    expect(await t.call('demo-resident', 'council.issue.cosignFor', { issueId, memberId: member('demo-volunteer'), consent }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const before = (await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).cosigns
    await t.ok('demo-lead', 'council.issue.cosignFor', { issueId, memberId: resident, consent }, C)
    const issue = await t.ok('demo-resident', 'council.issue.get', { issueId }, C)
    expect(issue).toMatchObject({ cosigns: before + 1, cosignedByMe: true, myCosignAssist: '由楼栋长 吴*娟 代办（电话同意）' })

    const taskId = SEED_TASKS.sortingKiosk
    expect(await t.call('demo-lead3', 'council.task.rateFor', { taskId, memberId: resident, rating: 'satisfied', consent }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await t.ok('demo-lead', 'council.task.rateFor', { taskId, memberId: resident, rating: 'satisfied', consent: { method: 'written' } }, C)
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ myRating: 'satisfied', myRatingAssist: '由楼栋长 吴*娟 代办（书面同意）' })

    const inbox = await t.ok('demo-resident', 'message.list', {}, C)
    const assisted = inbox.items.filter((m: Doc) => m.title === '楼栋长为你代办了一件事')
    expect(assisted).toHaveLength(2)
    expect(assisted.map((m: Doc) => m.body).join('\n')).toMatch(/楼栋长 吴\*娟 为你附议了「.+」.*电话同意/)
    const audit = ((await t.db.collection('auditLog').where({ communityId: C, actor: member('demo-lead') }).get()) as { data: Doc[] }).data
    expect(audit.map((e) => e.action).sort()).toEqual(['council.issue.cosignFor', 'council.task.rateFor'])
    expect(audit.every((e) => e.after.for === resident)).toBe(true)
    // The log is read by people: the consent in words, its code nowhere.
    expect(audit.map((e) => e.after.consent).sort()).toEqual(['书面同意', '电话同意'].sort())
  })

  it('signs up for an activity and posts a wish for the resident, who sees who did it', async () => {
    const { SEED_ACTIVITIES } = await import('../../../local/seed/activities')
    const activityId = SEED_ACTIVITIES.craft
    const answers = [{ field: 'f1', value: '13800001234' }]
    await t.ok('demo-lead', 'activity.signupFor', { activityId, memberId: resident, answers, consent: { method: 'inPerson' } }, C)
    expect((await t.ok('demo-resident', 'activity.get', { activityId }, C)).myProxy).toMatchObject({ method: 'inPerson', line: '由楼栋长 吴*娟 代办（当面同意）' })
    // Her own data export says it in words too.
    expect(JSON.stringify(await t.ok('demo-resident', 'me.export', {}, C))).toContain('"methodLabel":"当面同意"')
    const byDate = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10)
    const wish = await t.ok('demo-lead', 'wish.create', { title: '想要一台收音机', content: '眼睛不好，想听听广播', category: 'daily', byDate, onBehalf: { name: '林秀华', buildingId: `${C}:b1`, memberId: resident, consent: 'spoken' } }, C)
    expect(wish).toBeDefined()
    const inbox = await t.ok('demo-resident', 'message.list', {}, C)
    expect(inbox.items.some((m: Doc) => /为你发布了微心愿「想要一台收音机」.*本人口头同意/.test(m.body))).toBe(true)
    expect(inbox.items.some((m: Doc) => m.title === '楼栋长为你报名了活动')).toBe(true)
  })

  it('never votes for anyone: the ballot takes no resident to act for', async () => {
    const motionId = await motion({ unit: 'person' })
    const res = await t.call('demo-lead', 'council.motion.vote', { motionId, option: 0, memberId: member('demo-resident') }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call('demo-lead', 'council.motion.voteFor' as any, { motionId, option: 0, memberId: member('demo-resident') }, C)).toMatchObject({ ok: false })
    expect((await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).cast).toBe(0)
  })
})
