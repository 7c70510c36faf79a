/**
 * The demo's 最美邻里: 第二届好厝边评选 in its voting days (candidates published
 * with their stories, the candidates' 公示 over with one objection answered, two
 * days of neighbours' votes in the ballot boxes, demo-resident with today's votes
 * still to cast), and 第一届, finished: results published and confirmed, its
 * winners on the 光荣榜. Every date is counted from `now` and the texts name none
 * that could disagree. Deterministic ids, written in the shapes modules/award keeps.
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
} from '../../cloudfunctions/api/src/modules/award/model'
import { objectionId } from '../../cloudfunctions/api/src/modules/notice'
import { maskName } from '../../cloudfunctions/api/src/platform/privacy'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { chinaDay, chinaDayStart, chinaTime } from '../../cloudfunctions/api/src/platform/time'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_CAMPAIGNS = { voting: `${C}:award-s2`, finished: `${C}:award-s1` }

interface Story {
  /** index into neighbours() */
  who: number
  category: string
  story: string
}

const CATEGORIES = ['热心助人', '孝老爱亲', '邻里和睦']

const CURRENT: Story[] = [
  { who: 2, category: '热心助人', story: '退休后每天早上在小区门口帮忙看护上学的孩子过马路，风雨无阻。楼里谁家水管坏了、灯不亮了，喊一声他就拎着工具箱上门，从不收钱。' },
  { who: 5, category: '孝老爱亲', story: '婆婆中风卧床六年，她每天翻身、擦洗、喂饭，把老人照顾得干干净净。邻居们说，从没听她抱怨过一句。' },
  { who: 9, category: '邻里和睦', story: '自费在楼道里放了一个「邻里共享柜」：雨伞、打气筒、老花镜，谁需要谁拿，用完放回。两年来楼里的邻居越走越近。' },
  { who: 14, category: '热心助人', story: '在社区开了免费的手机课，一对一教老人用微信视频、扫码付款、挂号。已经教会了四十多位老邻居。' },
  { who: 20, category: '邻里和睦', story: '每逢端午、中秋都张罗楼里的邻居一起包粽子、做月饼，再挨家挨户送给独居的老人。' },
]

const PAST: Story[] = [
  { who: 3, category: '孝老爱亲', story: '照顾失明的老母亲二十年，每天推着轮椅陪母亲在小区里散步，讲路边的花开了几朵。' },
  { who: 7, category: '热心助人', story: '台风天连夜帮低楼层的邻居把家电搬到高处，又一家一家去敲门确认独居老人平安。' },
  { who: 11, category: '邻里和睦', story: '主动调解了 5 号楼两户人家因为漏水闹了半年的矛盾，还帮忙请来师傅把防水做好。' },
  { who: 16, category: '热心助人', story: '坚持每周六清理小区的绿化带和宣传栏，带动了十几位邻居一起加入。' },
  { who: 22, category: '孝老爱亲', story: '把独居的邻居阿婆当自家长辈，三年来每天送一顿热饭，陪阿婆去医院复诊。' },
  { who: 26, category: '邻里和睦', story: '组织楼里的孩子们办「小小图书角」，每家捐几本书，周末轮流当小管理员。' },
]

// The share of a day's ballots each candidate draws: uneven, so the ranking means something.
const APPEAL = [0.8, 0.65, 0.45, 0.55, 0.3]

/** A small deterministic spread (no Math.random: the same seed every time). */
const spread = (a: number, b: number) => ((a * 7919 + b * 104729) % 1000) / 1000

export async function seedAwards(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const people = neighbours()
  const memberOf = (i: number) => membershipId(C, people[i].openid)
  const committee = membershipId(C, 'demo-committee')
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100).map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }

  const today = chinaDay(now)
  // Voting opened at 08:00 China time two days ago and runs a week from today.
  const votingStartAt = new Date(chinaDayStart(today).getTime() - 2 * DAY + 8 * HOUR)
  const votingEndAt = new Date(chinaDayStart(today).getTime() + 7 * DAY + 20 * HOUR)
  const nominationEndAt = new Date(votingStartAt.getTime() - 8 * DAY + 12 * HOUR)
  const publishedAt = new Date(votingStartAt.getTime() - 7 * DAY + 2 * HOUR)
  const current = SEED_CAMPAIGNS.voting

  const campaignBase = {
    categories: CATEGORIES,
    candidatePublicDays: 5,
    resultPublicDays: 5,
    votesPerDay: 3,
    verifiedOnly: true,
    selfVote: false,
    selfNomination: true,
    coRecommendations: 2,
    publicWeight: 70,
    winnerPoints: 50,
    createdBy: committee,
  }

  const nominationDoc = (campaignId: string, s: Story, at: Date, reviewedAt: Date) => {
    const memberId = memberOf(s.who)
    const nominator = (s.who + 4) % people.length
    const seconds = [1, 2].map((k) => (s.who + 4 + k * 3) % people.length)
    return {
      _id: nominationId(campaignId, { memberId, name: people[s.who].name }),
      campaignId,
      nominatorId: memberOf(nominator),
      nominatorHouseholdId: people[nominator].household,
      nomineeMemberId: memberId,
      nomineeHouseholdId: people[s.who].household,
      nomineeName: people[s.who].name,
      self: false,
      category: s.category,
      story: s.story,
      photos: [],
      publicPhotos: [],
      reviewPhotos: [],
      status: 'approved',
      needed: 2,
      seconds: seconds.map((n, k) => ({ householdId: people[n].household, memberId: memberOf(n), at: new Date(at.getTime() + (k + 1) * HOUR) })),
      secondCount: 2,
      reviewReason: null,
      reviewedAt,
      reviewedBy: committee,
      createdAt: at,
    }
  }

  const candidateDoc = (campaignId: string, s: Story, number: number, nomination: string) => ({
    _id: candidateId(campaignId, number),
    campaignId,
    nominationId: nomination,
    number,
    name: people[s.who].name,
    memberId: memberOf(s.who),
    category: s.category,
    story: s.story,
    photos: [],
    publicPhotos: [],
    reviewPhotos: [],
    votes: null,
    voided: null,
    held: null,
    juryScore: null,
    finalScore: null,
    rank: null,
    winner: false,
  })

  // ── 第二届: voting ───────────────────────────────────────────────────────
  const currentNominations = CURRENT.map((s, i) => nominationDoc(current, s, new Date(nominationEndAt.getTime() - (10 - i) * DAY), new Date(publishedAt.getTime() - 2 * HOUR)))
  await add('awardNominations', currentNominations)
  await add('awardCandidates', CURRENT.map((s, i) => candidateDoc(current, s, i + 1, currentNominations[i]._id)))
  const candidatesNotice = candidateNoticeId(current)
  const candidateLines = CURRENT.map((s, i) => `${i + 1}号 ${maskName(people[s.who].name)}（${s.category}）`).join('；')
  await add('notices', [
    {
      _id: candidatesNotice,
      title: '候选人公示：第二届好厝边评选',
      body: `经居委会审核，以下邻居入选候选人：${candidateLines}。公示期 5 天，如有异议请实名提出；${chinaTime(votingStartAt)}开始投票。`,
      category: 'result',
      status: 'published',
      publishedAt,
      publicUntil: new Date(publishedAt.getTime() + 5 * DAY),
      publicityOpen: false,
      source: null,
    },
  ])
  const objector = memberOf(29)
  await add('objections', [
    {
      _id: objectionId(candidatesNotice, objector),
      noticeId: candidatesNotice,
      authorId: objector,
      text: `3号的共享柜放在楼道里，会不会挡住消防通道？`,
      answer: '已到现场核实：共享柜贴墙放在楼梯平台的角落，宽度不到 40 厘米，不占用疏散通道。感谢提醒。',
      answeredAt: new Date(publishedAt.getTime() + 2 * DAY),
      createdAt: new Date(publishedAt.getTime() + DAY + 3 * HOUR),
    },
  ])

  // Two days of ballots from the neighbours who are not candidates: up to 3 each, never two for one candidate in a day.
  const candidates = new Set(CURRENT.map((s) => s.who))
  const boxes = new Map<string, Record<string, unknown> & { picks: string[]; used: Record<string, number>; counts: Record<string, number> }>()
  const votes: Array<Record<string, unknown>> = []
  for (const [d, day] of [chinaDay(votingStartAt), chinaDay(new Date(votingStartAt.getTime() + DAY))].entries()) {
    for (let v = 0; v < people.length; v++) {
      if (candidates.has(v)) continue
      const voter = memberOf(v)
      const key = voterKey(voter)
      const shard = shardOf(key)
      const id = boxId(current, day, shard)
      let box = boxes.get(id)
      if (!box) {
        box = { _id: id, kind: 'box', campaignId: current, day, shard, open: true, frozen: false, closesAt: votingEndAt, picks: [], held: [], voided: [], used: {}, counts: {}, heldCounts: {}, voids: {} }
        boxes.set(id, box)
      }
      const chosen = CURRENT.map((_, i) => i + 1)
        .filter((n) => spread(v + d * 31, n) < APPEAL[n - 1])
        .slice(0, 3)
      chosen.forEach((number, k) => {
        const at = new Date(chinaDayStart(day).getTime() + (9 + ((v * 5 + k) % 12)) * HOUR + ((v * 13) % 60) * 60_000)
        box.picks.push(pickOf(key, number))
        box.used[key] = (box.used[key] ?? 0) + 1
        box.counts[countKey(number)] = (box.counts[countKey(number)] ?? 0) + 1
        votes.push({
          _id: voteId(current, voter, day, number),
          campaignId: current,
          candidateId: candidateId(current, number),
          number,
          voterId: voter,
          householdId: people[v].household,
          joinedAt: new Date(now.getTime() - 60 * DAY),
          day,
          at,
          risk: 1,
          status: 'counted',
        })
      })
    }
  }
  await add('awardBoxes', [...boxes.values()])
  await add('awardVotes', votes)

  await add('awardCampaigns', [
    {
      _id: current,
      ...campaignBase,
      title: '第二届好厝边评选',
      description: '远亲不如近邻。推选身边热心助人、孝老爱亲、邻里和睦的好厝边：居民提名、邻居联名、居委会审核并公示候选人，全体已认证居民投票，评审团参与评分，评出 3 位好厝边登上光荣榜。',
      nominationStartAt: new Date(nominationEndAt.getTime() - 14 * DAY),
      nominationEndAt,
      votingStartAt,
      votingEndAt,
      showRanking: 'daily',
      winners: 3,
      createdAt: new Date(nominationEndAt.getTime() - 15 * DAY),
      updatedAt: publishedAt,
      publishedAt,
      roster: CURRENT.map((s, i) => ({ number: i + 1, memberId: memberOf(s.who) })),
      candidateNoticeId: candidatesNotice,
      votingOpenedAt: votingStartAt,
      resultsAt: null,
      resultNoticeId: null,
      results: null,
      finalAt: null,
      finalNoticeId: null,
    },
  ])

  // ── 第一届: finished, winners on the 光荣榜 ──────────────────────────────
  const past = SEED_CAMPAIGNS.finished
  const pVotingEnd = new Date(chinaDayStart(chinaDay(new Date(now.getTime() - 120 * DAY))).getTime() + 20 * HOUR)
  const pVotingStart = new Date(pVotingEnd.getTime() - 7 * DAY - 12 * HOUR)
  const pPublished = new Date(pVotingStart.getTime() - 6 * DAY + 2 * HOUR)
  const pNominationEnd = new Date(pPublished.getTime() - DAY + 10 * HOUR)
  const pResults = new Date(pVotingEnd.getTime() + DAY - 10 * HOUR)
  const pFinal = new Date(pResults.getTime() + 6 * DAY)
  const pastVotes = [212, 168, 131, 187, 96, 143]
  const juryScores = [92, 88, 85, 78, 80, 74]
  const ranked = rankCandidates(
    { publicWeight: 70, winners: 3 },
    PAST.map((_, i) => ({ number: i + 1, votes: pastVotes[i], juryScore: juryScores[i] })),
  )
  const byNumber = new Map(ranked.map((r) => [r.number, r]))
  const voided = [0, 6, 0, 0, 0, 0]
  const pastNominations = PAST.map((s, i) => nominationDoc(past, s, new Date(pNominationEnd.getTime() - (12 - i) * DAY), new Date(pPublished.getTime() - 3 * HOUR)))
  await add('awardNominations', pastNominations)
  await add(
    'awardCandidates',
    PAST.map((s, i) => {
      const r = byNumber.get(i + 1)!
      return { ...candidateDoc(past, s, i + 1, pastNominations[i]._id), votes: r.votes, voided: voided[i], held: 0, juryScore: juryScores[i], finalScore: r.finalScore, rank: r.rank, winner: r.winner, resultsAt: pResults }
    }),
  )
  const counted = pastVotes.reduce((a, b) => a + b, 0)
  const totalVoided = voided.reduce((a, b) => a + b, 0)
  const winners = ranked.filter((r) => r.winner)
  const nameOf = (number: number) => maskName(people[PAST[number - 1].who].name)
  const lines = ranked.map((r) => `第 ${r.rank} 名 ${r.number}号 ${nameOf(r.number)} 综合 ${r.finalScore} 分（得票 ${r.votes}）${r.winner ? '★' : ''}`).join('；')
  await add('notices', [
    {
      _id: candidateNoticeId(past),
      title: '候选人公示：第一届好厝边评选',
      body: `经居委会审核，以下邻居入选候选人：${PAST.map((s, i) => `${i + 1}号 ${maskName(people[s.who].name)}`).join('；')}。公示期 5 天，如有异议请实名提出。`,
      category: 'result',
      status: 'published',
      publishedAt: pPublished,
      publicUntil: new Date(pPublished.getTime() + 5 * DAY),
      publicityOpen: false,
      source: null,
    },
    {
      _id: resultNoticeId(past),
      title: '评选结果公示：第一届好厝边评选',
      body: `「第一届好厝边评选」投票结束，大众投票占 70%、评审占 30%，拟评出 3 位（★）：${lines}。共计票 ${counted} 张，作废 ${totalVoided} 张，因账号风险未计入 0 张。公示期 5 天，如有异议请实名提出，居委会答复后确认最终结果。`,
      category: 'result',
      status: 'published',
      publishedAt: pResults,
      publicUntil: new Date(pResults.getTime() + 5 * DAY),
      publicityOpen: false,
      source: null,
    },
    {
      _id: finalNoticeId(past),
      title: '揭晓：第一届好厝边评选',
      body: `经提名、公示、投票、评审和结果公示，「第一届好厝边评选」最终评出：${winners.map((w) => `${w.number}号 ${nameOf(w.number)}`).join('、')}。感谢每一位参与的邻居，获评邻里已登上光荣榜。`,
      category: 'result',
      status: 'published',
      publishedAt: pFinal,
      publicUntil: null,
      publicityOpen: false,
      source: null,
    },
  ])
  await add(
    'awardHonours',
    winners.map((w) => {
      const s = PAST[w.number - 1]
      const candidate = candidateId(past, w.number)
      return {
        _id: honourId(candidate),
        campaignId: past,
        campaignTitle: '第一届好厝边评选',
        candidateId: candidate,
        number: w.number,
        name: people[s.who].name,
        memberId: memberOf(s.who),
        category: s.category,
        story: s.story,
        photo: null,
        finalScore: w.finalScore,
        rank: w.rank,
        confirmedAt: pFinal,
      }
    }),
  )
  await add('awardCampaigns', [
    {
      _id: past,
      ...campaignBase,
      title: '第一届好厝边评选',
      description: '社区第一次评选好厝边：推选身边热心助人、孝老爱亲、邻里和睦的邻居，评出 3 位登上光荣榜。',
      nominationStartAt: new Date(pNominationEnd.getTime() - 14 * DAY),
      nominationEndAt: pNominationEnd,
      votingStartAt: pVotingStart,
      votingEndAt: pVotingEnd,
      showRanking: 'hidden',
      winners: 3,
      createdAt: new Date(pNominationEnd.getTime() - 15 * DAY),
      updatedAt: pFinal,
      publishedAt: pPublished,
      roster: PAST.map((s, i) => ({ number: i + 1, memberId: memberOf(s.who) })),
      candidateNoticeId: candidateNoticeId(past),
      votingOpenedAt: pVotingStart,
      resultsAt: pResults,
      resultNoticeId: resultNoticeId(past),
      results: { counted, voided: totalVoided, held: 0 },
      finalAt: pFinal,
      finalNoticeId: finalNoticeId(past),
    },
  ])
  return documents
}
