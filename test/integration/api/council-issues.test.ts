/**
 * 听邻说事: raising a matter, co-signing it to the threshold (exactly one
 * promotion however many co-sign at once), and the committee's four ways of
 * deciding on it — each audited, the author told.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)
const member = (openid: string) => membershipId(C, openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const raise = (openid = 'demo-resident', title = '单元门禁经常失灵') =>
  t.ok(openid, 'council.issue.create', { title, body: '1 单元门禁刷卡经常没反应，老人进出不方便。', category: 'facility' }, C)

const count = async (collection: string, query: Record<string, unknown>) =>
  ((await t.db.collection(collection).where({ communityId: C, ...query }).count()) as { total: number }).total

/** Who co-signed a matter, as stored with it (the count beside them must equal their number). */
const cosignersOf = async (issueId: string) => {
  const { data } = (await t.db.collection('issues').doc(issueId).get()) as { data: Array<{ cosigns: number; cosigners?: Array<{ memberId: string }> }> }
  const people = (data[0].cosigners ?? []).map((c) => c.memberId)
  expect(data[0].cosigns).toBe(people.length)
  return people
}

const messagesOf = async (openid: string, kind: string) =>
  ((await t.db.collection('messages').where({ communityId: C, memberId: member(openid) }).get()) as { data: Array<{ kind: string; body: string }> }).data.filter((m) => m.kind === kind)

const audits = async (action: string) =>
  ((await t.db.collection('auditLog').where({ communityId: C, action }).get()) as { data: Array<{ target: { id: string }; before: unknown; after: unknown; reason?: string }> }).data

describe('raising a matter', () => {
  it('stores it open with the community threshold of the moment, a timeline, and the author masked in public', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { cosignThreshold: 5 } }, C)
    const { issueId, cosignThreshold } = await raise()
    expect(cosignThreshold).toBe(5)
    await t.ok('demo-admin', 'community.settings.update', { settings: { cosignThreshold: 20 } }, C)
    const got = await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)
    expect(got).toMatchObject({ status: 'open', cosigns: 0, cosignThreshold: 5, authorName: '林*华', authorId: member('demo-resident'), canCosign: true, buildingId: `${C}:b1` })
    expect(got.timeline.map((e) => e.kind)).toEqual(['raised'])
    const mine = await t.ok('demo-resident', 'council.issue.list', { mine: true }, C)
    expect(mine.items.map((i) => i.id)).toContain(issueId)
  })

  it('refuses text the content check rejects and stores nothing', async () => {
    const before = await count('issues', {})
    const res = await t.call('demo-resident', 'council.issue.create', { title: '违禁测试词', body: '这是一段正常的描述文字，足够长。', category: 'other' }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(await count('issues', {})).toBe(before)
  })

  it('is for verified residents: a newcomer waiting for verification may read but not raise or co-sign', async () => {
    expect(await t.call('demo-newcomer', 'council.issue.create', { title: '单元门禁经常失灵', body: '1 单元门禁刷卡经常没反应，老人进出不方便。', category: 'facility' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-newcomer', 'council.issue.cosign', { issueId: SEED_ISSUES.stairLights }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await t.ok('demo-newcomer', 'council.issue.list', {}, C)).items.length).toBeGreaterThan(0)
  })
})

it('caps how many matters one resident raises a day', async () => {
  for (let i = 0; i < 5; i++) await raise('demo-resident', `单元门禁经常失灵 ${i}`)
  expect(await t.call('demo-resident', 'council.issue.create', { title: '第六件事情', body: '今天已经提过五件事了，再提一件。', category: 'other' }, C)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  t.clock.advance(86_400_000 + 1)
  await raise('demo-resident', '第二天再提一件')
})

describe('co-signing', () => {
  it('promotes exactly once when 30 neighbours co-sign at once, and tells the committee once', async () => {
    const { issueId } = await raise()
    const results = await Promise.all(NEIGHBOURS.map((n) => t.call(n, 'council.issue.cosign', { issueId }, C)))
    expect(results.every((r) => r.ok)).toBe(true)
    const promoted = results.filter((r) => r.ok && r.data.promoted)
    expect(promoted).toHaveLength(1)
    const issue = await t.ok('demo-resident', 'council.issue.get', { issueId }, C)
    expect(issue).toMatchObject({ status: 'candidate', cosigns: NEIGHBOURS.length })
    expect(issue.timeline.filter((e) => e.kind === 'candidate')).toHaveLength(1)
    for (const committee of ['demo-committee', 'demo-admin']) {
      expect((await messagesOf(committee, 'issue.candidate')).filter((m) => m.body.includes('单元门禁'))).toHaveLength(1)
    }
    expect(await messagesOf('demo-resident', 'issue.candidate')).toHaveLength(1)
    expect(new Set(await cosignersOf(issueId))).toEqual(new Set(NEIGHBOURS.map(member)))
  })

  it('heals a promotion lost between a co-sign’s two writes: the next co-sign promotes, once', async () => {
    // As if the crossing co-signer's function died after counting: 10 of 10, still open.
    await t.db.collection('issues').doc(SEED_ISSUES.stairLights).update({ cosigns: 10 })
    const next = await t.ok('demo-volunteer', 'council.issue.cosign', { issueId: SEED_ISSUES.stairLights }, C)
    expect(next).toMatchObject({ promoted: true, status: 'candidate', cosigns: 11 })
    const after = await t.ok('demo-lead', 'council.issue.cosign', { issueId: SEED_ISSUES.stairLights }, C)
    expect(after).toMatchObject({ promoted: false, status: 'candidate' })
    expect((await messagesOf('demo-committee', 'issue.candidate')).filter((m) => m.body.includes('声控灯'))).toHaveLength(1)
  })

  it('refuses a second co-sign by the same resident, even sent twice at once', async () => {
    const { issueId } = await raise()
    const twice = await Promise.all([1, 2, 3].map(() => t.call('demo-volunteer', 'council.issue.cosign', { issueId }, C)))
    expect(twice.filter((r) => r.ok)).toHaveLength(1)
    expect(twice.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual([expect.objectContaining({ code: 'CONFLICT', message: '你已经附议过这件事了' }), expect.objectContaining({ code: 'CONFLICT' })])
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).cosigns).toBe(1)
  })

  it('refuses co-signing one’s own matter and leaves no trace', async () => {
    const { issueId } = await raise()
    const res = await t.call('demo-resident', 'council.issue.cosign', { issueId }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '不能附议自己提出的事' } })
    expect(await cosignersOf(issueId)).toEqual([])
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).cosigns).toBe(0)
  })

  it('refuses co-signing a decided matter, and one of another community', async () => {
    const declined = await t.call('demo-resident', 'council.issue.cosign', { issueId: SEED_ISSUES.declined }, C)
    expect(declined).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await cosignersOf(SEED_ISSUES.declined)).not.toContain(member('demo-resident'))
    expect(await t.call('demo-resident', 'council.issue.cosign', { issueId: 'c_haiyun:issue-s1' }, C)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('costs at most 3 database round trips, the membership read included', async () => {
    const { issueId } = await raise()
    t.emulator.resetStats()
    await t.ok('demo-volunteer', 'council.issue.cosign', { issueId }, C)
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(3)
  })
})

describe('committee triage', () => {
  it('accepts a matter as a topic: audited, author told, topic open for discussion', async () => {
    const res = await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.chargers, decision: 'accept', reply: '下次议事会讨论' }, C)
    expect(res).toMatchObject({ status: 'accepted', topicId: `${SEED_ISSUES.chargers}:topic` })
    const topics = await t.ok('demo-resident', 'council.topic.list', { status: 'pending' }, C)
    expect(topics.items.map((x) => x.id)).toContain(`${SEED_ISSUES.chargers}:topic`)
    const [entry] = await audits('council.issue.triage')
    expect(entry).toMatchObject({ target: { id: SEED_ISSUES.chargers }, before: { status: 'candidate' }, after: { status: 'accepted', decision: 'accept' } })
    expect(await messagesOf('demo-neighbour-08', 'issue.accept')).toHaveLength(1)
    const again = await t.call('demo-admin', 'council.issue.triage', { issueId: SEED_ISSUES.chargers, decision: 'decline', reply: '不行' }, C)
    expect(again).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })

  it('answers in public, with the reply on the matter and in its timeline', async () => {
    await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.stairLights, decision: 'answer', reply: '物业已于今天更换全部声控灯。' }, C)
    const got = await t.ok('demo-newcomer', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)
    expect(got).toMatchObject({ status: 'answered', answer: '物业已于今天更换全部声控灯。', canCosign: false })
    expect(got.timeline.at(-1)).toMatchObject({ kind: 'answered', by: '居委会', note: '物业已于今天更换全部声控灯。' })
    expect(await audits('council.issue.triage')).toHaveLength(1)
    expect(await messagesOf('demo-neighbour-13', 'issue.answer')).toHaveLength(1)
  })

  it('declines only with a public reason', async () => {
    const bare = await t.call('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.westGate, decision: 'decline' }, C)
    expect(bare).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.westGate, decision: 'decline', reply: '西门外道路属市政管理，已转交街道。' }, C)
    const got = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.westGate }, C)
    expect(got).toMatchObject({ status: 'declined', declineReason: '西门外道路属市政管理，已转交街道。' })
    expect(await audits('council.issue.triage')).toEqual([expect.objectContaining({ reason: '西门外道路属市政管理，已转交街道。' })])
    expect(await messagesOf('demo-resident', 'issue.decline')).toHaveLength(1)
  })

  it('merges a duplicate, carrying its author and co-signers over once each', async () => {
    // westGate: by demo-resident, co-signed by neighbours 5–7; stairLights: by neighbour 13, co-signed by 1–4.
    await t.ok('demo-neighbour-01', 'council.issue.cosign', { issueId: SEED_ISSUES.westGate }, C)
    await t.ok('demo-neighbour-13', 'council.issue.cosign', { issueId: SEED_ISSUES.westGate }, C)
    const res = await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.westGate, decision: 'merge', intoIssueId: SEED_ISSUES.stairLights }, C)
    // demo-resident, 5, 6, 7 are new; neighbour 1 already co-signed the target; neighbour 13 is its author.
    expect(res).toMatchObject({ status: 'merged', mergedInto: SEED_ISSUES.stairLights, carriedCosigns: 4 })
    const target = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)
    expect(target).toMatchObject({ cosigns: 8, cosignedByMe: true })
    expect(target.timeline.at(-1)).toMatchObject({ kind: 'absorbed' })
    expect(await cosignersOf(SEED_ISSUES.stairLights)).toHaveLength(8)
    const source = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.westGate }, C)
    expect(source).toMatchObject({ status: 'merged', mergedInto: { id: SEED_ISSUES.stairLights } })
    expect(await audits('council.issue.triage')).toHaveLength(1)
    expect(await messagesOf('demo-resident', 'issue.merge')).toEqual([expect.objectContaining({ body: expect.stringContaining('合并到「3号楼楼道声控灯坏了好几盏」') })])
  })

  it('promotes the target when the carried co-signers take it over the threshold', async () => {
    // stairLights has 4 co-signers; westGate brings its author and 3 co-signers: 8, below 10 …
    await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.westGate, decision: 'merge', intoIssueId: SEED_ISSUES.stairLights }, C)
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)).status).toBe('open')
    // … and a third matter bringing 3 more crosses it.
    const { issueId } = await raise('demo-volunteer', '楼道灯晚上不亮')
    for (const n of ['demo-neighbour-20', 'demo-neighbour-21']) await t.ok(n, 'council.issue.cosign', { issueId }, C)
    const res = await t.ok('demo-committee', 'council.issue.triage', { issueId, decision: 'merge', intoIssueId: SEED_ISSUES.stairLights }, C)
    expect(res.carriedCosigns).toBe(3)
    const target = await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)
    expect(target).toMatchObject({ status: 'candidate', cosigns: 11 })
    expect((await messagesOf('demo-committee', 'issue.candidate')).filter((m) => m.body.includes('声控灯'))).toHaveLength(1)
  })

  it('decides once when two committee members act at the same moment', async () => {
    const both = await Promise.all([
      t.call('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.chargers, decision: 'accept' }, C),
      t.call('demo-admin', 'council.issue.triage', { issueId: SEED_ISSUES.chargers, decision: 'decline', reply: '重复' }, C),
    ])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(await audits('council.issue.triage')).toHaveLength(1)
  })

  it('is the committee’s alone', async () => {
    expect(await t.call('demo-resident', 'council.issue.triage', { issueId: SEED_ISSUES.chargers, decision: 'accept' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

it('lists the most co-signed first when asked (热议)', async () => {
  const popular = await t.ok('demo-resident', 'council.issue.list', { sort: 'popular', limit: 3 }, C)
  const counts = popular.items.map((i) => i.cosigns)
  expect(counts).toEqual([...counts].sort((a, b) => b - a))
  expect(counts[0]).toBeGreaterThanOrEqual(11)
})

it('tells those who co-signed when the committee decides', async () => {
  await t.ok('demo-committee', 'council.issue.triage', { issueId: SEED_ISSUES.stairLights, decision: 'accept' }, C)
  expect(await messagesOf('demo-neighbour-01', 'issue.accept')).toEqual([expect.objectContaining({ body: expect.stringContaining('声控灯') })])
})

it('the demo hall shows matters in every state', async () => {
  const all = await t.ok('demo-newcomer', 'council.issue.list', { limit: 50 }, C)
  expect(new Set(all.items.map((i) => i.status))).toEqual(new Set(['open', 'candidate', 'accepted', 'answered', 'merged', 'declined']))
})

it('shows what someone raised under their current name, and as 已离开的居民 once they left; their export carries it', async () => {
  const { issueId } = await raise()
  // A matter raised before matters kept their author's masked name.
  const { issueId: legacyId } = await raise('demo-resident', '旧的一件事情')
  await t.db.collection('issues').doc(legacyId).update({ authorName: t.db.command.remove() })
  const stored = async (id: string) => ((await t.db.collection('issues').doc(id).get()) as { data: Array<{ authorName?: string | null }> }).data[0].authorName
  expect(await stored(issueId)).toBe('林*华')
  const shown = async () => {
    const listed = (await t.ok('demo-volunteer', 'council.issue.list', { limit: 50 }, C)).items
    const names = (ids: string[]) => ids.map((id) => listed.find((i) => i.id === id)!.authorName)
    const got = await Promise.all([issueId, legacyId, SEED_ISSUES.westGate].map(async (id) => (await t.ok('demo-volunteer', 'council.issue.get', { issueId: id }, C)).authorName))
    expect(names([issueId, legacyId, SEED_ISSUES.westGate])).toEqual(got)
    return got
  }
  expect(await shown()).toEqual(['林*华', '林*华', '林*华'])
  const exported = JSON.stringify(await t.ok('demo-resident', 'me.export', {}, C))
  expect(exported).toContain('单元门禁经常失灵')
  await t.ok('demo-resident', 'me.updateProfile', { nickname: '秀华阿姨' }, C)
  expect(await shown()).toEqual(['秀**姨', '秀**姨', '秀**姨'])
  // Only the masked name is kept beside the matter, never the nickname itself.
  expect(await stored(issueId)).toBe('秀**姨')
  await t.ok('demo-resident', 'me.leave', { communityId: C }, C)
  expect(await shown()).toEqual(['已离开的居民', '已离开的居民', '已离开的居民'])
  expect(await stored(issueId)).toBe('已离开的居民')
})

describe('which matters I co-signed (cosignedByMe)', () => {
  const signedIn = async (openid: string) => {
    const items = (await t.ok(openid, 'council.issue.list', { limit: 50 }, C)).items
    return items.filter((i) => i.cosignedByMe).map((i) => i.id).sort()
  }
  const marker = async (openid: string) => ((await t.db.collection('memberships').doc(member(openid)).get()) as { data: Array<{ cosignedIssues?: boolean }> }).data[0].cosignedIssues

  it('is right for one who never co-signed, one who did, one a building lead co-signed for, one a merge carried, and one from before the mark', async () => {
    expect(await signedIn('demo-volunteer')).toEqual([])
    await t.ok('demo-volunteer', 'council.issue.cosign', { issueId: SEED_ISSUES.stairLights }, C)
    expect(await marker('demo-volunteer')).toBe(true)
    expect(await signedIn('demo-volunteer')).toEqual([SEED_ISSUES.stairLights])

    // 代办: the resident's own list shows the co-sign made for them.
    expect(await signedIn('demo-resident')).toEqual([])
    await t.ok('demo-lead', 'council.issue.cosignFor', { issueId: SEED_ISSUES.chargers, memberId: member('demo-resident'), consent: { method: 'phone' } }, C)
    expect(await marker('demo-resident')).toBe(true)
    expect(await signedIn('demo-resident')).toEqual([SEED_ISSUES.chargers])

    // A merge carries the merged matter's author among the target's co-signers.
    const { issueId } = await raise('demo-committee', '充电桩太少了排不上')
    await t.ok('demo-admin', 'council.issue.triage', { issueId, decision: 'merge', intoIssueId: SEED_ISSUES.chargers }, C)
    expect(await signedIn('demo-committee')).toEqual([SEED_ISSUES.chargers])

    // Seeded co-signers, and a membership older than the mark (none on it), still see theirs.
    const seeded = [SEED_ISSUES.stairLights, SEED_ISSUES.elevator, SEED_ISSUES.answered].sort()
    expect(await signedIn('demo-neighbour-03')).toEqual(seeded)
    await t.db.collection('memberships').doc(member('demo-neighbour-03')).update({ cosignedIssues: t.db.command.remove() })
    expect(await signedIn('demo-neighbour-03')).toEqual(seeded)
  })

  it('costs a reader who never co-signed two database requests to list, as it costs anyone to open a matter: the membership and the matters', async () => {
    t.emulator.resetStats()
    const listed = await t.ok('demo-volunteer', 'council.issue.list', { limit: 20 }, C)
    expect(t.emulator.stats.requests).toBe(2)
    expect(listed.items.length).toBe(9)
    expect(listed.items.every((i) => i.authorName && i.authorName.includes('*'))).toBe(true)
    t.emulator.resetStats()
    await t.ok('demo-neighbour-03', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)
    expect(t.emulator.stats.requests).toBe(2)
  })
})
