/**
 * 最美邻里 from nomination to the 光荣榜: the committee creates a campaign; residents
 * nominate (others need co-recommending households, self-nominations go straight to
 * review); the committee reviews and publishes the candidates; an objection to the
 * candidates' 公示 holds voting until it is answered; residents vote; results are
 * published with their 公示; winners are confirmed into a notice, the 光荣榜 and points.
 * Every phase rule is refused with its Chinese message.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const N = neighbours()
const member = (openid: string) => membershipId(C, openid)
const DAY = 86_400_000

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString()
const STORY = '每天清晨打扫楼道，帮独居老人买菜送药，十年如一日，邻居们都很感激她。'

async function createCampaign(extra: Record<string, unknown> = {}) {
  return t.ok(
    'demo-committee',
    'award.campaign.create',
    {
      title: '2026 年度最美邻里',
      description: '寻找身边热心助人、孝老爱亲的好厝边，由居民提名、投票，评审共同评出。',
      categories: ['热心公益', '孝老爱亲'],
      nominationEndAt: at(3),
      votingStartAt: at(9),
      votingEndAt: at(16),
      votesPerDay: 3,
      verifiedOnly: true,
      showRanking: 'live',
      coRecommendations: 2,
      publicWeight: 70,
      winners: 2,
      ...extra,
    },
    C,
  )
}

/** A campaign with candidates published: a neighbour nominated by demo-resident and co-recommended, and demo-volunteer's self-nomination. */
async function withCandidates(extra: Record<string, unknown> = {}) {
  const { campaignId } = await createCampaign(extra)
  const byOthers = await t.ok('demo-resident', 'award.nominate', { campaignId, nomineeMemberId: member(N[5].openid), category: '热心公益', story: STORY }, C)
  expect(byOthers.status).toBe('gathering')
  await t.ok(N[10].openid, 'award.nomination.second', { nominationId: byOthers.nominationId }, C)
  const second = await t.ok(N[11].openid, 'award.nomination.second', { nominationId: byOthers.nominationId }, C)
  expect(second).toMatchObject({ secondCount: 2, needed: 2, status: 'pending' })
  t.clock.advance(60_000)
  const self = await t.ok('demo-volunteer', 'award.nominate', { campaignId, category: '孝老爱亲', story: '二十年来照顾瘫痪在床的母亲，也常帮楼里老人修理家电。' }, C)
  expect(self.status).toBe('pending')
  t.clock.advance(3 * DAY + 60_000)
  await t.ok('demo-committee', 'award.nomination.review', { nominationId: byOthers.nominationId, approve: true }, C)
  await t.ok('demo-committee', 'award.nomination.review', { nominationId: self.nominationId, approve: true }, C)
  const published = await t.ok('demo-committee', 'award.candidates.publish', { campaignId }, C)
  expect(published.candidates).toBe(2)
  return { campaignId, noticeId: published.noticeId, c1: `${campaignId}:c1`, c2: `${campaignId}:c2` }
}

describe('a campaign from nomination to the 光荣榜', () => {
  it('runs every phase, and the winners get a notice, an honour and points', async () => {
    const { campaignId, noticeId, c1, c2 } = await withCandidates()
    let got = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(got.phase).toBe('candidates')
    expect(got.candidates.map((c) => [c.candidateId, c.name])).toEqual([
      [c1, expect.stringContaining('*')],
      [c2, '黄*明'],
    ])
    expect(got.candidates[0]).not.toHaveProperty('votes')

    // An objection during the candidates' 公示 holds voting until the committee answers it.
    const { objectionId } = await t.ok('demo-lead', 'notice.object', { noticeId, text: '2号候选人的事迹需要核实，请居委会说明。' }, C)
    t.clock.set(new Date(new Date(got.votingStartAt).getTime() + 60_000))
    const held = await t.call('demo-resident', 'award.vote', { campaignId, candidateId: c1 }, C)
    expect(held).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '候选人公示期间收到的 1 条异议还没有全部答复，答复后开始投票' } })
    await t.ok('demo-committee', 'notice.answerObjection', { objectionId, answer: '经走访核实，事迹属实，维持候选人资格。' }, C)

    expect(await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: c1 }, C)).toMatchObject({ leftToday: 2 })
    expect(await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: c2 }, C)).toMatchObject({ leftToday: 1 })
    await t.ok('demo-lead', 'award.vote', { campaignId, candidateId: c1 }, C)
    got = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(got.phase).toBe('voting')
    expect(got.candidates.map((c) => c.votes)).toEqual([2, 1])
    expect(got.me).toMatchObject({ leftToday: 1, canVote: true })
    expect(got.candidates.map((c) => c.votedToday)).toEqual([true, true])

    // Voting ends; the jury scores; results with their 公示; then the final.
    t.clock.set(new Date(new Date(got.votingEndAt).getTime() + 60_000))
    expect(await t.call('demo-resident', 'award.vote', { campaignId, candidateId: c1 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    await t.ok('demo-committee', 'award.jury.score', { campaignId, scores: [{ candidateId: c1, score: 80 }, { candidateId: c2, score: 95 }] }, C)
    const results = await t.ok('demo-committee', 'award.results.publish', { campaignId }, C)
    expect(results.totals).toEqual({ counted: 3, voided: 0, held: 0 })
    got = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(got.phase).toBe('results')
    // c1: 2 votes → public 100 ×0.7 + 80 ×0.3 = 94; c2: 1 vote → 50 ×0.7 + 95 ×0.3 = 63.5
    expect(got.candidates.map((c) => [c.votes, c.finalScore, c.rank, c.winner])).toEqual([
      [2, 94, 1, true],
      [1, 63.5, 2, true],
    ])
    expect((await t.call('demo-committee', 'award.winners.confirm', { campaignId }, C)).ok).toBe(false)
    t.clock.advance(5 * DAY + 60_000)
    const final = await t.ok('demo-committee', 'award.winners.confirm', { campaignId }, C)
    expect(final.winners.map((w) => w.number)).toEqual([1, 2])
    expect((await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)).phase).toBe('final')
    const honours = (await t.ok('demo-resident', 'award.honours', {}, C)).items.filter((h) => h.campaignId === campaignId)
    expect(honours.map((h) => [h.number, h.name])).toEqual([
      [1, expect.stringContaining('*')],
      [2, '黄*明'],
    ])
    const points = await t.ok('demo-volunteer', 'points.mine', {}, C)
    expect(JSON.stringify(points)).toContain('获评「2026 年度最美邻里」')
    // A second confirmation repeats nothing.
    await t.ok('demo-committee', 'award.winners.confirm', { campaignId }, C)
    expect((await t.ok('demo-resident', 'award.honours', {}, C)).items.filter((h) => h.campaignId === campaignId)).toHaveLength(2)
  })
})
