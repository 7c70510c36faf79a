/**
 * The demo's 最美邻里: a campaign in voting (four candidates with their stories, two
 * days of votes in their ballot boxes, counts published once a day), a campaign still
 * taking nominations (one waiting for co-recommending households, one waiting for the
 * committee), and last year's campaign, finished, with its winners on the 光荣榜.
 * Boxes and vote documents are built together, as the vote path writes them.
 * Deterministic ids.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import {
  boxId,
  candidateId,
  candidateNoticeId,
  countKey,
  finalNoticeId,
  honourId,
  nominationId,
  pickOf,
  rankCandidates,
  resultNoticeId,
  shardOf,
  voteId,
  voterKey,
  type Box,
  type Campaign,
  type Candidate,
  type Honour,
  type Nomination,
  type Vote,
} from '../../cloudfunctions/api/src/modules/award/model'
import { maskName } from '../../cloudfunctions/api/src/platform/privacy'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { chinaDay } from '../../cloudfunctions/api/src/platform/time'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000

export const SEED_AWARDS = {
  voting: `${C}:award-s1`,
  nominating: `${C}:award-s2`,
  finished: `${C}:award-s3`,
  upcoming: `${C}:award-s4`,
  review: `${C}:award-s5`,
  counting: `${C}:award-s6`,
}

const STORIES = [
  { category: '热心公益', story: '退休后每天清晨打扫 2 号楼楼道和单元门口，十年来从未间断；还自费添置了楼道里的扶手防滑垫。' },
  { category: '孝老爱亲', story: '二十年如一日照顾瘫痪在床的婆婆，也常帮楼里独居老人买菜、送药、陪同就医。' },
  { category: '热心公益', story: '组织“四点半课堂”，每周三次辅导楼里的双职工家庭孩子做作业，分文不取。' },
  { category: '邻里互助', story: '懂水电维修，邻居家水管爆了、灯不亮了，一个电话随叫随到，还教老人用智能手机。' },
]

type Row = Record<string, unknown>

export async function seedAwards(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const later = (days: number) => new Date(now.getTime() + days * DAY)
  const people = neighbours()
  const neighbour = (i: number) => ({ memberId: membershipId(C, people[i].openid), name: people[i].name, household: people[i].household })
  const committee = membershipId(C, 'demo-committee')
  let documents = 0
  const add = async (collection: string, docs: Row[]) => {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100).map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }
  const base = (id: string, f: Partial<Campaign>): Row => ({
    _id: id,
    description: '寻找身边热心助人、孝老爱亲、邻里互助的好厝边。居民提名、联名推荐，居委会审核公示，居民投票，评审团评分，结果公示后揭晓。',
    categories: ['热心公益', '孝老爱亲', '邻里互助'],
    candidatePublicDays: 5,
    resultPublicDays: 5,
    votesPerDay: 3,
    verifiedOnly: true,
    selfVote: false,
    selfNomination: true,
    coRecommendations: 2,
    showRanking: 'daily',
    publicWeight: 70,
    winners: 2,
    winnerPoints: 50,
    createdBy: committee,
    publishedAt: null,
    roster: [],
    candidateNoticeId: null,
    votingOpenedAt: null,
    resultsAt: null,
    resultNoticeId: null,
    results: null,
    finalAt: null,
    finalNoticeId: null,
    ...f,
  })
  const nomination = (campaignId: string, who: ReturnType<typeof neighbour>, by: ReturnType<typeof neighbour>, i: number, f: Partial<Nomination>): Row => ({
    _id: nominationId(campaignId, { memberId: who.memberId, name: who.name }),
    campaignId,
    nominatorId: by.memberId,
    nominatorHouseholdId: by.household,
    nomineeMemberId: who.memberId,
    nomineeHouseholdId: who.household,
    nomineeName: who.name,
    self: false,
    category: STORIES[i % 4].category,
    story: STORIES[i % 4].story,
    photos: [],
    publicPhotos: [],
    reviewPhotos: [],
    needed: 2,
    seconds: [],
    secondCount: 0,
    reviewReason: null,
    reviewedAt: null,
    reviewedBy: null,
    ...f,
  })
  const candidate = (campaignId: string, number: number, n: Row, f: Partial<Candidate> = {}): Row => ({
    _id: candidateId(campaignId, number),
    campaignId,
    nominationId: n._id,
    number,
    name: n.nomineeName,
    memberId: n.nomineeMemberId,
    category: n.category,
    story: n.story,
    photos: [],
    votes: null,
    voided: null,
    held: null,
    juryScore: null,
    finalScore: null,
    rank: null,
    winner: false,
    ...f,
  })
  const notice = (id: string, title: string, body: string, category: string, publishedAt: Date, publicDays: number): Row => {
    const publicUntil = publicDays ? new Date(publishedAt.getTime() + publicDays * DAY) : null
    return { _id: id, title, body, category, status: 'published', publishedAt, publicUntil, publicityOpen: !!publicUntil && publicUntil.getTime() > now.getTime(), source: null }
  }
  const approved = (at: Date) => ({ status: 'approved' as const, reviewedAt: at, reviewedBy: committee, secondCount: 2 })

  // In voting: nominated 16–12 days ago, candidates published 11 days ago, voting since 2 days ago.
  const V = SEED_AWARDS.voting
  const V_TITLE = `${chinaDay(now).slice(0, 4)} 年度「最美邻里」评选`
  const vNominees = [20, 21, 22, 23].map(neighbour)
  const vNominations = vNominees.map((who, i) => nomination(V, who, neighbour(24 + i), i, { ...approved(ago(12)), createdAt: ago(16 - i) }))
  const votingOpened = ago(2)
  await add('awardCampaigns', [
    base(V, {
      title: V_TITLE,
      nominationStartAt: ago(20),
      nominationEndAt: ago(12),
      votingStartAt: votingOpened,
      votingEndAt: later(5),
      publishedAt: ago(11),
      roster: vNominees.map((who, i) => ({ number: i + 1, memberId: who.memberId })),
      candidateNoticeId: candidateNoticeId(V),
      votingOpenedAt: votingOpened,
      createdAt: ago(21),
      updatedAt: ago(11),
    } as Partial<Campaign>),
  ])
  await add('awardNominations', vNominations)
  await add(
    'awardCandidates',
    vNominations.map((n, i) => candidate(V, i + 1, n)),
  )
  await add('notices', [
    notice(candidateNoticeId(V), `候选人公示：${V_TITLE}`, `经居民提名、联名推荐和居委会审核，候选人如下：${vNominees.map((w, i) => `${i + 1}号 ${maskName(w.name)}`).join('；')}。公示期 5 天。`, 'announcement', ago(11), 5),
  ])
  // Two days of votes by 20 and 16 neighbours, then 6 neighbours' votes for the campaign in counting.
  const boxes = new Map<string, Box>()
  const votes: Row[] = []
  const castSeedVotes = (campaignId: string, at: Date, voters: number[], closesAt: Date) => {
    const day = chinaDay(at)
    for (const [k, i] of voters.entries()) {
      const voter = neighbour(i)
      const key = voterKey(voter.memberId)
      const shard = shardOf(key)
      const id = boxId(campaignId, day, shard)
      const box =
        boxes.get(id) ??
        ({ _id: id, communityId: C, kind: 'box', campaignId, day, shard, open: true, frozen: false, closesAt, picks: [], held: [], voided: [], used: {}, counts: {}, heldCounts: {}, voids: {} } as Box)
      boxes.set(id, box)
      for (const number of [[1, 2, 4], [2, 3], [1], [1, 2, 3], [3, 2]][i % 5]) {
        box.picks.push(pickOf(key, number))
        box.used[key] = (box.used[key] ?? 0) + 1
        box.counts[countKey(number)] = (box.counts[countKey(number)] ?? 0) + 1
        const vote: Omit<Vote, 'communityId'> = {
          _id: voteId(campaignId, voter.memberId, day, number),
          campaignId,
          candidateId: candidateId(campaignId, number),
          number,
          voterId: voter.memberId,
          householdId: voter.household,
          joinedAt: ago(90),
          day,
          at: new Date(at.getTime() + k * 60_000),
          risk: 0,
          status: 'counted',
        }
        votes.push(vote)
      }
    }
  }
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)
  castSeedVotes(V, new Date(votingOpened.getTime() + 3 * 3_600_000), range(0, 20), later(5))
  castSeedVotes(V, new Date(votingOpened.getTime() + DAY + 3 * 3_600_000), range(0, 16), later(5))

  // Taking nominations: one by others gathering co-recommendations, one ready for review.
  const S = SEED_AWARDS.nominating
  await add('awardCampaigns', [
    base(S, {
      title: '「好家风」家庭评选',
      description: '推荐孝老爱亲、家风淳朴的家庭，讲讲他们的故事。',
      categories: ['孝老爱亲', '家风家教'],
      nominationStartAt: ago(2),
      nominationEndAt: later(5),
      votingStartAt: later(12),
      votingEndAt: later(19),
      showRanking: 'hidden',
      createdAt: ago(3),
      updatedAt: ago(3),
    } as Partial<Campaign>),
  ])
  await add('awardNominations', [
    nomination(S, neighbour(24), neighbour(25), 1, { status: 'gathering', category: '孝老爱亲', createdAt: ago(1) }),
    nomination(S, neighbour(26), neighbour(27), 2, {
      status: 'pending',
      category: '家风家教',
      seconds: [
        { householdId: neighbour(28).household, memberId: neighbour(28).memberId, at: ago(1) },
        { householdId: neighbour(29).household, memberId: neighbour(29).memberId, at: ago(1) },
      ],
      secondCount: 2,
      createdAt: ago(2),
    }),
  ])

  // The previous one, finished: results published 40 days ago, winners confirmed 34 days ago. Its title names
  // the year it ran in (China time), so the demo's texts and dates agree whenever it is seeded.
  const F = SEED_AWARDS.finished
  const F_TITLE = `${chinaDay(ago(90)).slice(0, 4)} 年「好厝边」评选`
  const fNominees = [10, 11, 12].map(neighbour)
  const fNominations = fNominees.map((who, i) => nomination(F, who, neighbour(13 + i), i + 1, { ...approved(ago(70)), createdAt: ago(75 - i) }))
  const fVotes = [186, 142, 97]
  const jury = [88, 95, 80]
  const ranked = rankCandidates({ publicWeight: 70, winners: 2 }, fVotes.map((votes, i) => ({ number: i + 1, votes, juryScore: jury[i] })))
  const resultsAt = ago(40)
  const finalAt = ago(34)
  await add('awardCampaigns', [
    base(F, {
      title: F_TITLE,
      showRanking: 'live',
      nominationStartAt: ago(90),
      nominationEndAt: ago(70),
      votingStartAt: ago(60),
      votingEndAt: ago(45),
      publishedAt: ago(68),
      roster: fNominees.map((who, i) => ({ number: i + 1, memberId: who.memberId })),
      candidateNoticeId: candidateNoticeId(F),
      votingOpenedAt: ago(60),
      resultsAt,
      resultNoticeId: resultNoticeId(F),
      results: { counted: fVotes.reduce((a, b) => a + b, 0), voided: 12, held: 3 },
      finalAt,
      finalNoticeId: finalNoticeId(F),
      createdAt: ago(95),
      updatedAt: finalAt,
    } as Partial<Campaign>),
  ])
  await add('awardNominations', fNominations)
  const fCandidates = fNominations.map((n, i) => {
    const r = ranked.find((x) => x.number === i + 1)!
    return candidate(F, i + 1, n, { votes: fVotes[i], voided: [7, 5, 0][i], held: [2, 1, 0][i], juryScore: jury[i], finalScore: r.finalScore, rank: r.rank, winner: r.winner })
  })
  await add('awardCandidates', fCandidates)
  const winners = ranked.filter((r) => r.winner)
  await add(
    'awardHonours',
    winners.map((r): Omit<Honour, 'communityId'> => {
      const cand = fCandidates[r.number - 1] as unknown as Candidate
      return {
        _id: honourId(cand._id),
        campaignId: F,
        campaignTitle: F_TITLE,
        candidateId: cand._id,
        number: r.number,
        name: cand.name,
        memberId: cand.memberId,
        category: cand.category,
        story: cand.story,
        photo: null,
        finalScore: r.finalScore,
        rank: r.rank,
        confirmedAt: finalAt,
      }
    }),
  )
  await add('notices', [
    notice(candidateNoticeId(F), `候选人公示：${F_TITLE}`, `${F_TITLE}候选人 3 位，公示期 5 天。`, 'announcement', ago(68), 5),
    notice(resultNoticeId(F), `评选结果公示：${F_TITLE}`, `投票结束，大众投票占 70%、评审占 30%，拟评出 2 位。共计票 ${fVotes.reduce((a, b) => a + b, 0)} 张，作废 12 张，因账号风险未计入 3 张。`, 'result', resultsAt, 5),
    notice(finalNoticeId(F), `揭晓：${F_TITLE}`, `「${F_TITLE}」最终评出 2 位好厝边，已登上光荣榜。`, 'result', finalAt, 0),
  ])
  // Not yet open: nominations start in three days (the committee may still edit it).
  const U = SEED_AWARDS.upcoming
  await add('awardCampaigns', [
    base(U, {
      title: '「最美志愿者」评选',
      description: '表彰一年来服务时长多、口碑好的社区志愿者。',
      categories: ['志愿服务'],
      nominationStartAt: later(3),
      nominationEndAt: later(10),
      votingStartAt: later(16),
      votingEndAt: later(23),
      showRanking: 'live',
      createdAt: ago(1),
      updatedAt: ago(1),
    } as Partial<Campaign>),
  ])

  // Under review: nominations closed yesterday, two approved and one awaiting the committee.
  const R = SEED_AWARDS.review
  await add('awardCampaigns', [
    base(R, {
      title: '「最美楼栋长」评选',
      description: '推荐尽心尽责、热心服务楼里住户的楼栋长和网格员。',
      categories: ['楼栋服务'],
      coRecommendations: 0,
      nominationStartAt: ago(10),
      nominationEndAt: ago(1),
      votingStartAt: later(6),
      votingEndAt: later(13),
      createdAt: ago(11),
      updatedAt: ago(11),
    } as Partial<Campaign>),
  ])
  await add('awardNominations', [
    nomination(R, neighbour(5), neighbour(6), 0, { ...approved(ago(1)), needed: 0, secondCount: 0, category: '楼栋服务', createdAt: ago(8) }),
    nomination(R, neighbour(7), neighbour(8), 3, { ...approved(ago(1)), needed: 0, secondCount: 0, category: '楼栋服务', createdAt: ago(7) }),
    nomination(R, neighbour(9), neighbour(6), 1, { status: 'pending', needed: 0, category: '楼栋服务', createdAt: ago(5) }),
  ])

  // Counting: voting ended yesterday; the jury has scored; the committee can publish the results.
  const K = SEED_AWARDS.counting
  const kNominees = [14, 15, 16].map(neighbour)
  const kNominations = kNominees.map((who, i) => nomination(K, who, neighbour(17 + i), i, { ...approved(ago(20)), createdAt: ago(25 - i) }))
  await add('awardCampaigns', [
    base(K, {
      title: '「平安家庭」评选',
      description: '推荐安全意识强、积极参与邻里守望的家庭。',
      categories: ['邻里守望'],
      nominationStartAt: ago(30),
      nominationEndAt: ago(20),
      votingStartAt: ago(8),
      votingEndAt: ago(1),
      publishedAt: ago(19),
      roster: kNominees.map((who, i) => ({ number: i + 1, memberId: who.memberId })),
      candidateNoticeId: candidateNoticeId(K),
      votingOpenedAt: ago(8),
      createdAt: ago(31),
      updatedAt: ago(19),
    } as Partial<Campaign>),
  ])
  await add('awardNominations', kNominations)
  await add(
    'awardCandidates',
    kNominations.map((n, i) => candidate(K, i + 1, n, { juryScore: [90, 84, 78][i] })),
  )
  await add('notices', [notice(candidateNoticeId(K), '候选人公示：「平安家庭」评选', '「平安家庭」评选候选人 3 位，公示期 5 天。', 'announcement', ago(19), 5)])
  castSeedVotes(K, ago(3), range(0, 6), ago(1))

  await add(
    'awardBoxes',
    [...boxes.values()].map(({ communityId: _c, ...b }) => b),
  )
  await add('awardVotes', votes)
  return documents
}
