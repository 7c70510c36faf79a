/**
 * 最美邻里 rules around the vote: a nomination by others needs co-recommending
 * households (never the nominator's or the nominee's, one per household however many
 * race); a decline reaches the nominator with its reason; a daily ranking shows the
 * counts as they stood at the end of yesterday (China time); an objection to the
 * results holds the final until answered; a person's export holds their nominations,
 * co-recommendations and votes.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { campaignInVoting } from '../../helpers/awards'

jest.setTimeout(120_000)

const C = DEMO_COMMUNITY._id
const NB = neighbours()
const N = NB.map((n) => n.openid)
const member = (openid: string) => membershipId(C, openid)
const DAY = 86_400_000
const STORY = '每天清晨打扫楼道，帮独居老人买菜送药，十年如一日，邻居们都很感激她。'

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString()
const create = (extra: Record<string, unknown> = {}) =>
  t.ok('demo-committee', 'award.campaign.create', { title: '好厝边评选', description: '推荐身边热心助人的好厝边，由居民投票评出。', nominationEndAt: inDays(3), votingStartAt: inDays(9), votingEndAt: inDays(12), ...extra }, C)

describe('nominations', () => {
  it('needs co-recommendations from other households: one per household however many race, never the nominator’s or the nominee’s', async () => {
    const { campaignId } = await create({ coRecommendations: 3 })
    const { nominationId } = await t.ok('demo-resident', 'award.nominate', { campaignId, nomineeMemberId: member(N[5]), story: STORY }, C)
    const second = (openid: string) => t.call(openid, 'award.nomination.second', { nominationId }, C)
    expect(await second('demo-resident')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '提名人家里的成员不能联名推荐，请邀请其他住户' } })
    expect(await second(N[5])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '被提名人家里的成员不能联名推荐' } })
    expect(await t.call('demo-committee', 'award.nomination.review', { nominationId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '这个提名还差 3 户联名推荐，暂不能审核' } })
    // Two members of each of ten households, all at once, each twice.
    const households = NB.slice(10, 20)
    const spouses = households.map((h, i) => `spouse-${i}`)
    await t.db.collection('memberships').add(
      households.map((h, i) => ({ _id: member(spouses[i]), communityId: C, openid: spouses[i], nickname: '家人', status: 'verified', roles: [], householdId: h.household, buildingId: null, createdAt: new Date() })),
    )
    const answers = await Promise.all([...households.map((h) => h.openid), ...spouses].flatMap((o) => [second(o), second(o)]))
    const accepted = answers.filter((a) => a.ok)
    expect(accepted.length).toBeGreaterThanOrEqual(3)
    expect(accepted.length).toBeLessThanOrEqual(10)
    const stored = (await t.db.collection('awardNominations').doc(nominationId).get()) as { data: Array<{ seconds: Array<{ householdId: string }>; secondCount: number; status: string }> }
    const n = stored.data[0]
    expect(n.secondCount).toBe(accepted.length)
    expect(new Set(n.seconds.map((s) => s.householdId)).size).toBe(n.seconds.length)
    expect(n.status).toBe('pending')
    for (const a of answers) if (!a.ok) expect(a.error.message).toMatch(/^(你家已经联名推荐过这个提名了|这个提名已经不需要联名推荐了)$/)
  })

  it('tells the nominator why a nomination was declined; only they and the committee read the reason', async () => {
    const { campaignId } = await create({ coRecommendations: 0 })
    const { nominationId } = await t.ok('demo-resident', 'award.nominate', { campaignId, nomineeName: '王秀英', story: STORY }, C)
    expect(await t.call('demo-committee', 'award.nomination.review', { nominationId, approve: false }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '不通过时请写明理由，提名人会看到' } })
    const reason = '事迹需要补充具体事例和时间'
    await t.ok('demo-committee', 'award.nomination.review', { nominationId, approve: false, reason }, C)
    const inbox = await t.ok('demo-resident', 'message.list', { limit: 20 }, C)
    expect(inbox.items.find((m) => m.kind === 'award.review')).toMatchObject({ title: '你的提名未通过审核', body: `「好厝边评选」：${reason}` })
    const mine = await t.ok('demo-resident', 'award.nomination.list', { campaignId }, C)
    expect(mine.items).toEqual([expect.objectContaining({ nominationId, status: 'declined', reviewReason: reason, nomineeName: '王秀英' })])
    expect((await t.ok('demo-volunteer', 'award.nomination.list', { campaignId }, C)).items).toEqual([])
    expect(await t.call('demo-committee', 'award.nomination.review', { nominationId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('ranking shown once a day', () => {
  it('shows nothing on the first day, then the counts at the end of yesterday in China, while the committee sees them live', async () => {
    const { campaignId, cand } = await campaignInVoting(t, { showRanking: 'daily', opensAt: '2026-11-30T09:00:00+08:00' })
    for (const o of N.slice(0, 4)) await t.ok(o, 'award.vote', { campaignId, candidateId: cand[0] }, C)
    let seen = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(seen.tally).toBeNull()
    expect(seen.candidates[0]).not.toHaveProperty('votes')
    t.clock.set('2026-12-01T00:30:00+08:00')
    for (const o of N.slice(0, 2)) await t.ok(o, 'award.vote', { campaignId, candidateId: cand[1] }, C)
    seen = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(seen.tally).toEqual({ kind: 'snapshot', asOf: '2026-11-30T16:00:00.000Z' })
    expect(seen.candidates.slice(0, 2).map((c) => c.votes)).toEqual([4, 0])
    const live = await t.ok('demo-committee', 'award.campaign.get', { campaignId }, C)
    expect(live.candidates.slice(0, 2).map((c) => c.votes)).toEqual([4, 2])
  })
})

describe('result 公示 and the final', () => {
  it('holds the final until an objection to the results is answered', async () => {
    const { campaignId, cand } = await campaignInVoting(t, { candidates: 2, publicWeight: 100, winners: 1 })
    await t.ok(N[0], 'award.vote', { campaignId, candidateId: cand[1] }, C)
    t.clock.advance(8 * DAY)
    const { noticeId } = await t.ok('demo-committee', 'award.results.publish', { campaignId }, C)
    const { objectionId } = await t.ok(N[1], 'notice.object', { noticeId, text: '2号候选人的得票里可能有刷票，请核实。' }, C)
    t.clock.advance(6 * DAY)
    expect(await t.call('demo-committee', 'award.winners.confirm', { campaignId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '结果公示收到的 1 条异议还没有答复' } })
    await t.ok('demo-committee', 'notice.answerObjection', { objectionId, answer: '经核查投票记录，未发现异常，维持结果。' }, C)
    const final = await t.ok('demo-committee', 'award.winners.confirm', { campaignId }, C)
    expect(final.winners.map((w) => w.number)).toEqual([2])
  })
})

describe('sharing a candidate', () => {
  it('gives a mini-program code whose scene (at most 32 characters) names the campaign and the candidate, made once', async () => {
    const { campaignId, cand } = await campaignInVoting(t, { candidates: 2 })
    const first = await t.ok('demo-newcomer', 'award.candidate.code', { candidateId: cand[1] }, C)
    expect(first.scene.length).toBeLessThanOrEqual(32)
    expect(first.scene).toBe(`c=${campaignId.split(':')[1]}.2`)
    expect(first.page).toBe('packages/awards/index')
    expect(first.url).toMatch(/^http/)
    const again = await t.ok('demo-resident', 'award.candidate.code', { candidateId: cand[1] }, C)
    expect(again.fileID).toBe(first.fileID)
  })
})

describe('a person’s data', () => {
  it('exports their nominations, co-recommendations and votes', async () => {
    const { campaignId, cand } = await campaignInVoting(t, { candidates: 2 })
    await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: cand[1] }, C)
    const data = await t.ok('demo-resident', 'me.export', {}, C)
    const here = (data.communities as Array<Record<string, unknown>>).find((c) => c.communityId === C)!
    const awards = here.awards as { votes: unknown[] }
    expect(awards.votes).toEqual([expect.objectContaining({ campaignId, candidateId: cand[1], number: 2, status: 'counted' })])
    expect(JSON.stringify(awards)).not.toMatch(/openid|demo-resident/)
  })
})
