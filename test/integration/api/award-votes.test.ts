/**
 * 最美邻里 votes are exact: a voter's day is the campaign's number of votes and one per
 * candidate, however many ballots race (hundreds at once); the day is China's calendar
 * day whatever the server's zone; tallies equal the counted vote documents; a voided
 * vote leaves the tally and the public void count in agreement; WeChat's risk rank 4 is
 * recorded and not counted, rank 3 counted and flagged; bursts are flagged with their
 * evidence; every phase rule is refused in Chinese, changing nothing. A vote costs 3
 * database round trips.
 */
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'
import { campaignInVoting, type VotingOptions } from '../../helpers/awards'
import { untilAnswered } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const N = neighbours().map((n) => n.openid)
const member = (openid: string) => membershipId(C, openid)
const DAY = 86_400_000
const ROOT = resolve(__dirname, '../../..')

let t: TestApi
beforeEach(async () => {
  // Hundreds of calls in flight at once on a loaded machine: no request gives up before the server answers.
  t = await startTestApi({ sdkTimeoutMs: 120_000 })
})
afterEach(() => t.close())

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString()
const inVoting = (options?: VotingOptions) => campaignInVoting(t, options)

const vote = (openid: string, campaignId: string, candidateId: string) => t.call(openid, 'award.vote', { campaignId, candidateId }, C)
type Row = { _id: string; voterId: string; candidateId: string; day: string; status: string; risk: number | null }
/** Every vote document of the campaign, read straight from the database. */
async function voteDocs(campaignId: string): Promise<Row[]> {
  const out: Row[] = []
  for (let skip = 0; ; skip += 1000) {
    const res = (await t.db.collection('awardVotes').where({ communityId: C, campaignId }).skip(skip).limit(1000).get()) as { data: Row[] }
    out.push(...res.data)
    if (res.data.length < 1000) return out
  }
}
/** The committee's view of every candidate's votes. */
async function tallies(campaignId: string) {
  const got = await t.ok('demo-committee', 'award.campaign.get', { campaignId }, C)
  return new Map(got.candidates.map((c) => [c.candidateId, c.votes ?? 0]))
}
const countBy = <T>(rows: T[], key: (r: T) => string) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>())

describe('a voter’s day', () => {
  it('counts exactly 3 of 300 ballots fired at once by 30 voters (two at every candidate each), never two for one candidate, and 3 more the next day', async () => {
    const { campaignId, cand } = await inVoting()
    for (const day of [0, 1]) {
      if (day) t.clock.advance(DAY)
      const ballots = N.flatMap((openid) => cand.flatMap((c) => [{ openid, c }, { openid, c }]))
      expect(ballots).toHaveLength(300)
      // All at once; a call the loaded test machine lets time out (INTERNAL) is sent again, as the app would.
      const answers = (await Promise.all(ballots.map((b) => untilAnswered(() => vote(b.openid, campaignId, b.c))))).map((a) => a.answer)
      const accepted = ballots.filter((_, i) => answers[i].ok)
      for (const openid of N) {
        const mine = accepted.filter((b) => b.openid === openid)
        expect(mine.length).toBeLessThanOrEqual(3)
        expect(new Set(mine.map((b) => b.c)).size).toBe(mine.length)
      }
      const refusals = new Set(answers.flatMap((a) => (a.ok ? [] : [`${a.error.code} ${a.error.message.replace(/\d+ 号/, 'N 号')}`])))
      expect(refusals).toEqual(new Set(['CONFLICT 今天已经给 N 号投过票了，每位候选人每天一票', 'FAILED_PRECONDITION 今天的 3 票已经投完了，明天再来']))
    }
    const docs = await voteDocs(campaignId)
    expect(docs).toHaveLength(180)
    // Per voter and day: three documents, three different candidates.
    const perVoterDay = countBy(docs, (d) => `${d.voterId} ${d.day}`)
    expect(perVoterDay.size).toBe(60)
    expect([...perVoterDay.values()].every((n) => n === 3)).toBe(true)
    expect(new Set(docs.map((d) => `${d.voterId} ${d.day} ${d.candidateId}`)).size).toBe(180)
    // The tallies are the counted documents, exactly.
    const counted = countBy(
      docs.filter((d) => d.status === 'counted'),
      (d) => d.candidateId,
    )
    const shown = await tallies(campaignId)
    expect([...shown.values()].reduce((a, b) => a + b, 0)).toBe(180)
    for (const c of cand) expect(shown.get(c)).toBe(counted.get(c) ?? 0)
    // What each voter was told is left today agrees: one vote answered with each of 2, 1 and 0 per voter and day, unless a reply was lost.
    const mine = await t.ok(N[0], 'award.campaign.get', { campaignId }, C)
    expect(mine.me).toMatchObject({ leftToday: 0, canVote: false, whyNotVote: '今天的 3 票已经投完了，明天再来' })
    expect(mine.candidates.filter((c) => c.votedToday)).toHaveLength(3)
  })

  it('starts a new day at midnight in China, whatever the server’s time zone', async () => {
    // The scenario runs in a process of its own whose zone is New York's (a zone is fixed per process).
    const out = execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['test/helpers/china-day-votes.ts'], { cwd: ROOT, env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8', timeout: 90_000 })
    const seen = JSON.parse(out.trim().split('\n').pop()!)
    expect(seen).toEqual({
      serverOffsetMinutes: 300,
      serverDateAtChinaMidnight: 30,
      beforeMidnight: [true, true, true],
      fourthAt235959: { code: 'FAILED_PRECONDITION', message: '今天的 3 票已经投完了，明天再来' },
      atMidnight: { ok: true, leftToday: 2 },
      days: { '2026-11-30': 3, '2026-12-01': 1 },
    })
  })

  it('costs 3 database round trips, the membership read included', async () => {
    const { campaignId, cand } = await inVoting()
    await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: cand[0] }, C)
    t.emulator.resetStats()
    await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: cand[1] }, C)
    expect(t.emulator.stats.requests).toBeLessThanOrEqual(3)
  })
})

describe('phase rules, refused in Chinese and changing nothing', () => {
  async function refused(openid: string, action: string, payload: Record<string, unknown>, code: string, message: string | RegExp) {
    t.emulator.resetStats()
    const res = await t.call(openid, action as never, payload as never, C)
    expect(res).toMatchObject({ ok: false, error: { code, message } })
    expect(dataWrites(t)).toBe(0)
  }

  it('refuses voting before it opens and after it closes, and nominating outside the nomination period', async () => {
    const base = t.clock.now().getTime()
    const at = (days: number) => new Date(base + days * DAY).toISOString()
    const { campaignId } = await t.ok(
      'demo-committee',
      'award.campaign.create',
      { title: '好厝边评选', description: '推荐身边热心助人的好厝边，由居民投票评出。', nominationStartAt: at(1), nominationEndAt: at(3), votingStartAt: at(9), votingEndAt: at(12), coRecommendations: 0 },
      C,
    )
    const story = '每天清晨打扫楼道，帮独居老人买菜送药，十年如一日。'
    await refused('demo-resident', 'award.nominate', { campaignId, nomineeName: '王秀英', story }, 'FAILED_PRECONDITION', /^提名还没开始，/)
    t.clock.set(at(1.5))
    const { nominationId } = await t.ok('demo-resident', 'award.nominate', { campaignId, nomineeName: '王秀英', story }, C)
    await refused('demo-committee', 'award.campaign.update', { campaignId, votesPerDay: 5 }, 'FAILED_PRECONDITION', '提名已经开始，评选规则不能再修改')
    t.clock.set(at(3.1))
    await refused('demo-volunteer', 'award.nominate', { campaignId, nomineeName: '李建华', story }, 'FAILED_PRECONDITION', /^提名已于.+截止$/)
    await t.ok('demo-committee', 'award.nomination.review', { nominationId, approve: true }, C)
    await t.ok('demo-committee', 'award.candidates.publish', { campaignId }, C)
    await refused('demo-resident', 'award.vote', { campaignId, candidateId: `${campaignId}:c1` }, 'FAILED_PRECONDITION', /^投票还没开始，.+开始投票$/)
    t.clock.set(at(9.1))
    await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: `${campaignId}:c1` }, C)
    t.clock.set(at(12.1))
    await refused('demo-volunteer', 'award.vote', { campaignId, candidateId: `${campaignId}:c1` }, 'FAILED_PRECONDITION', /^投票已于.+结束$/)
  })

  it('refuses an unverified voter where only verified residents vote, a vote for oneself where forbidden, and self-nomination where not accepted', async () => {
    const { campaignId, cand } = await inVoting({ candidates: 2, nominees: ['demo-volunteer'] })
    await refused('demo-newcomer', 'award.vote', { campaignId, candidateId: cand[1] }, 'FORBIDDEN', '这次评选只限已认证的居民投票，请等待居委会或楼栋长确认你的住户信息')
    await refused('demo-volunteer', 'award.vote', { campaignId, candidateId: cand[0] }, 'FORBIDDEN', '这次评选不能给自己投票')
    await refused('demo-street', 'award.vote', { campaignId, candidateId: cand[0] }, 'FORBIDDEN', /./)
    await refused('demo-resident', 'award.vote', { campaignId, candidateId: `${campaignId}:c9` }, 'NOT_FOUND', '没有这位候选人')
    // The volunteer may vote for the others, and anyone for the volunteer.
    await t.ok('demo-volunteer', 'award.vote', { campaignId, candidateId: cand[1] }, C)
    await t.ok('demo-resident', 'award.vote', { campaignId, candidateId: cand[0] }, C)

    const open = await inVoting({ candidates: 1, nominees: ['demo-lead'], verifiedOnly: false, selfVote: true, selfNomination: false })
    await t.ok('demo-newcomer', 'award.vote', { campaignId: open.campaignId, candidateId: open.cand[0] }, C)
    await t.ok('demo-lead', 'award.vote', { campaignId: open.campaignId, candidateId: open.cand[0] }, C)

    const { campaignId: noSelf } = await t.ok(
      'demo-committee',
      'award.campaign.create',
      { title: '好厝边评选', description: '推荐身边热心助人的好厝边，由居民投票评出。', nominationEndAt: inDays(3), votingStartAt: inDays(9), votingEndAt: inDays(12), selfNomination: false },
      C,
    )
    await refused('demo-resident', 'award.nominate', { campaignId: noSelf, story: '我每天清晨打扫楼道，帮独居老人买菜送药。' }, 'FORBIDDEN', '这次评选不接受自荐，请推荐身边的好邻居')
  })
})

describe('risk ranks', () => {
  it('records a rank-4 vote without counting it, counts and flags rank 3, and counts and flags a vote WeChat gave no rank for', async () => {
    const { campaignId, cand } = await inVoting()
    t.wechat.setRiskRank(N[0], 4)
    t.wechat.setRiskRank(N[1], 3)
    t.wechat.failRiskRanks('timeout', 1)
    for (const openid of [N[2], N[0], N[1], N[3]]) {
      expect(await vote(openid, campaignId, cand[0])).toMatchObject({ ok: true, data: { leftToday: 2 } })
      t.clock.advance(60_000)
    }
    expect(t.wechat.riskRankRequests().map((r) => [r.openid, r.scene])).toEqual([N[2], N[0], N[1], N[3]].map((o) => [o, 1]))
    // N[2] (no rank: counted), N[1] (rank 3: counted), N[3] (rank 0): three counted; N[0]'s is held.
    expect((await tallies(campaignId)).get(cand[0])).toBe(3)
    const docs = await voteDocs(campaignId)
    expect(new Map(docs.map((d) => [d.voterId, [d.status, d.risk]]))).toEqual(
      new Map([
        [member(N[2]), ['counted', null]],
        [member(N[0]), ['held', 4]],
        [member(N[1]), ['counted', 3]],
        [member(N[3]), ['counted', 0]],
      ]),
    )
    const console = await t.ok('demo-committee', 'award.votes.flags', { campaignId }, C)
    expect(console.totals).toEqual({ counted: 3, held: 1, voided: 0 })
    expect(console.riskVotes.map((v) => [v.risk, v.why, v.status])).toEqual([
      [null, '微信未返回风险等级（计票，已标记）', 'counted'],
      [4, '风险等级 4（记录，不计票）', 'held'],
      [3, '风险等级 3（计票，已标记）', 'counted'],
    ])
    expect(JSON.stringify(console)).not.toMatch(/demo-neighbour|openid/)
  })
})

describe('voids', () => {
  it('takes voided votes off the tally and shows their number, once however often it is asked, and not after the results', async () => {
    const { campaignId, cand } = await inVoting({ candidates: 2, showRanking: 'hidden' })
    for (const openid of N.slice(0, 10)) {
      await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[0] }, C)
      await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[1] }, C)
    }
    // Hidden ranking: residents see no counts while voting; the committee does.
    expect((await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)).candidates[0]).not.toHaveProperty('votes')
    const docs = (await voteDocs(campaignId)).filter((d) => d.candidateId === cand[0])
    const chosen = docs.slice(0, 3).map((d) => d._id)
    const reason = '同一部手机在两分钟内切换账号投票'
    const voided = await Promise.all(Array.from({ length: 20 }, () => t.call('demo-committee', 'award.vote.void', { campaignId, voteIds: chosen, reason }, C)))
    expect(voided.every((r) => r.ok)).toBe(true)
    expect(voided.reduce((n, r) => n + (r.ok ? r.data.voided : 0), 0)).toBe(3)
    expect((await tallies(campaignId)).get(cand[0])).toBe(7)
    const after = await voteDocs(campaignId)
    expect(after.filter((d) => d.status === 'void').map((d) => d._id).sort()).toEqual([...chosen].sort())

    t.clock.advance(8 * DAY)
    const got = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
    expect(got.candidates.map((c) => [c.votes, c.voided])).toEqual([
      [7, 3],
      [10, 0],
    ])
    expect(got.totals).toEqual({ counted: 17, held: 0, voided: 3 })
    await t.ok('demo-committee', 'award.jury.score', { campaignId, scores: cand.map((candidateId) => ({ candidateId, score: 90 })) }, C)
    const results = await t.ok('demo-committee', 'award.results.publish', { campaignId }, C)
    expect(results.totals).toEqual({ counted: 17, voided: 3, held: 0 })
    const res = await t.call('demo-committee', 'award.vote.void', { campaignId, voteIds: [docs[5]._id], reason }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '结果已经公布，不能再作废选票' } })
    const notice = await t.ok('demo-resident', 'notice.get', { noticeId: results.noticeId }, C)
    expect(notice.body).toContain('作废 3 张')
  })

  it('flags a burst of new accounts from one household for one candidate, with the evidence, and voids it whole', async () => {
    const { campaignId, cand } = await inVoting({ candidates: 2 })
    // Steady votes from long-standing neighbours over the morning.
    for (const openid of N.slice(0, 12)) {
      await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[0] }, C)
      t.clock.advance(5 * 60_000)
    }
    // Fifteen accounts that joined today, all of one flat, vote for 2号 within eight minutes.
    const flat = `${C}:b5-2-602`
    const newcomers = Array.from({ length: 15 }, (_, i) => `burst-${i}`)
    await t.db.collection('memberships').add(
      newcomers.map((openid) => ({ _id: member(openid), communityId: C, openid, nickname: '新邻居', status: 'verified', roles: [], householdId: flat, buildingId: `${C}:b5`, createdAt: t.clock.now() })),
    )
    t.clock.advance(60 * 60_000)
    for (const openid of newcomers) {
      await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[1] }, C)
      t.clock.advance(30_000)
    }
    const flags = await t.ok('demo-committee', 'award.votes.flags', { campaignId }, C)
    expect(flags.bursts).toHaveLength(1)
    const [burst] = flags.bursts
    expect(burst).toMatchObject({ candidateId: cand[1], number: 2, evidence: { votes: 15, newAccounts: 15, topHousehold: { votes: 15 } } })
    expect(burst.reasons).toEqual(['15 票来自加入社区不满 7 天的账号', '15 票来自同一户'])
    expect(burst.voteIds).toHaveLength(15)

    const reason = '同一户 15 个新账号 8 分钟内集中投票'
    const out = await t.ok('demo-committee', 'award.vote.void', { campaignId, burst: { candidateId: burst.candidateId, from: burst.from, to: burst.to }, reason }, C)
    expect(out).toMatchObject({ voided: 15, already: 0 })
    const shown = await tallies(campaignId)
    expect([shown.get(cand[0]), shown.get(cand[1])]).toEqual([12, 0])
    const again = await t.ok('demo-committee', 'award.votes.flags', { campaignId }, C)
    expect(again.totals).toEqual({ counted: 12, held: 0, voided: 15 })
    expect(again.bursts).toEqual([])
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'award.vote.void' }).get()) as { data: Array<{ reason: string; after: { voided: number } }> }
    expect(audit.data.map((a) => [a.reason, a.after.voided])).toEqual([[reason, 15]])
  })
})
