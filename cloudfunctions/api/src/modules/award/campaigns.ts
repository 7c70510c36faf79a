/**
 * 最美邻里 campaigns: the committee creates one (and may edit it until nominations
 * open); everyone reads where it stands, its candidates and — as its rules allow —
 * their votes; the 光荣榜 lists past winners.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import type { ScopedDb } from '../../platform/db'
import { invalid, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { awardPhaseLabel, SHOW_RANKINGS } from '../../platform/labels'
import { PAGE_PATHS } from '../../platform/links'
import { findPage } from '../../platform/paging'
import { maskName } from '../../platform/privacy'
import { isCommittee } from '../../platform/roles'
import { chinaDay, chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'
import { CAMPAIGNS, CANDIDATES, DAY_MS, HONOURS, phaseOf, tallyView, type Campaign, type Candidate, type Honour } from './model'
import { candidatesOf, myDay, openVoting, readTallies, unansweredObjections, type Tally } from './votes'

const when = z.iso.datetime({ offset: true, message: '时间格式不对' })
const MAX_VOTING_DAYS = 30

/** The rules a campaign is made with; every one may change until nominations open. */
const rules = {
  title: text(40, 4),
  description: text(2000, 10),
  categories: z.array(text(12, 2)).max(8),
  nominationStartAt: when,
  nominationEndAt: when,
  votingStartAt: when,
  votingEndAt: when,
  candidatePublicDays: z.number().int().min(1).max(15),
  resultPublicDays: z.number().int().min(1).max(15),
  votesPerDay: z.number().int().min(1).max(10),
  verifiedOnly: z.boolean(),
  selfVote: z.boolean(),
  selfNomination: z.boolean(),
  coRecommendations: z.number().int().min(0).max(20),
  showRanking: z.enum(SHOW_RANKINGS),
  publicWeight: z.number().int().min(0).max(100),
  winners: z.number().int().min(1).max(50),
  winnerPoints: z.number().int().min(0).max(1000),
}

type Rules = Pick<Campaign, 'nominationStartAt' | 'nominationEndAt' | 'votingStartAt' | 'votingEndAt' | 'candidatePublicDays'>

/** The dates in their order: nominations, then at least the candidates' 公示, then voting of at most 30 days. */
function checkDates(c: Rules, now: Date) {
  const t = (d: Date) => new Date(d).getTime()
  if (t(c.nominationStartAt) < now.getTime() - 60_000) throw invalid('提名开始时间不能早于现在')
  if (t(c.nominationEndAt) <= t(c.nominationStartAt)) throw invalid('提名截止时间须晚于提名开始时间')
  if (t(c.votingStartAt) < t(c.nominationEndAt) + c.candidatePublicDays * DAY_MS) {
    throw invalid(`投票开始时间须在提名截止 ${c.candidatePublicDays} 天之后（留出候选人公示期）`)
  }
  if (t(c.votingEndAt) <= t(c.votingStartAt)) throw invalid('投票截止时间须晚于投票开始时间')
  if (t(c.votingEndAt) - t(c.votingStartAt) > MAX_VOTING_DAYS * DAY_MS) throw invalid(`投票期最长 ${MAX_VOTING_DAYS} 天`)
}

const weightsOf = (c: Pick<Campaign, 'publicWeight'>) => ({ publicWeight: c.publicWeight, juryWeight: 100 - c.publicWeight })

export const createCampaign = action({
  name: 'award.campaign.create',
  summary: '发起最美邻里评选：标题、说明、类别、提名起止、投票起止、候选人公示和结果公示天数（默认各 5 天）、每人每天票数、是否只限已认证居民、能否自荐与给自己投票、他人提名所需的联名户数、票数显示方式（实时 / 每天公布 / 截止前隐藏）、大众投票与评审的权重、获评人数和积分；提名开始前可修改（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({
    ...rules,
    categories: rules.categories.default([]),
    nominationStartAt: when.optional(),
    candidatePublicDays: rules.candidatePublicDays.default(5),
    resultPublicDays: rules.resultPublicDays.default(5),
    votesPerDay: rules.votesPerDay.default(3),
    verifiedOnly: rules.verifiedOnly.default(true),
    selfVote: rules.selfVote.default(false),
    selfNomination: rules.selfNomination.default(true),
    coRecommendations: rules.coRecommendations.default(2),
    showRanking: rules.showRanking.default('daily'),
    publicWeight: rules.publicWeight.default(70),
    winners: rules.winners.default(5),
    winnerPoints: rules.winnerPoints.default(50),
  }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    const now = clock.now()
    const campaign: Campaign = {
      _id: newId(db, 'award', now),
      communityId: db.communityId,
      ...input,
      categories: [...new Set(input.categories)],
      nominationStartAt: input.nominationStartAt ? new Date(input.nominationStartAt) : now,
      nominationEndAt: new Date(input.nominationEndAt),
      votingStartAt: new Date(input.votingStartAt),
      votingEndAt: new Date(input.votingEndAt),
      createdBy: member.membership._id,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      roster: [],
      candidateNoticeId: null,
      votingOpenedAt: null,
      resultsAt: null,
      resultNoticeId: null,
      results: null,
      finalAt: null,
      finalNoticeId: null,
    }
    checkDates(campaign, now)
    const { communityId: _scoped, ...fields } = campaign
    await db.collection<Campaign>(CAMPAIGNS).add(fields)
    await ctx.audit({ action: 'award.campaign.create', target: { collection: CAMPAIGNS, id: campaign._id }, after: input })
    return { campaignId: campaign._id, phase: phaseOf(campaign, now) }
  },
})

export const updateCampaign = action({
  name: 'award.campaign.update',
  summary: '修改评选（只在提名开始之前）：可改任何一项规则和日期（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ campaignId: id, ...z.strictObject(rules).partial().shape }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const campaigns = db.collection<Campaign>(CAMPAIGNS)
    const c = await campaigns.require(input.campaignId, '评选不存在')
    if (phaseOf(c, now) !== 'upcoming') throw precondition('提名已经开始，评选规则不能再修改')
    const { campaignId: _id, ...change } = input
    const dates = Object.fromEntries(
      (['nominationStartAt', 'nominationEndAt', 'votingStartAt', 'votingEndAt'] as const).filter((k) => change[k]).map((k) => [k, new Date(change[k]!)]),
    )
    const patch = { ...change, ...dates, ...(change.categories ? { categories: [...new Set(change.categories)] } : {}), updatedAt: now }
    checkDates({ ...c, ...patch } as Campaign, now)
    // Still before nominations open when it lands: a nomination never meets rules changed under it.
    if (!(await campaigns.update(c._id, patch, { nominationStartAt: db._.gt(now) }))) throw precondition('提名已经开始，评选规则不能再修改')
    await ctx.audit({ action: 'award.campaign.update', target: { collection: CAMPAIGNS, id: c._id }, before: Object.fromEntries(Object.keys(change).map((k) => [k, (c as unknown as Record<string, unknown>)[k]])), after: change })
    return { campaignId: c._id, phase: phaseOf({ ...c, ...patch } as Campaign, now) }
  },
})

function campaignCard(c: Campaign, now: Date) {
  const phase = phaseOf(c, now)
  return {
    campaignId: c._id,
    title: c.title,
    phase,
    phaseLabel: awardPhaseLabel(phase),
    categories: c.categories,
    nominationStartAt: iso(c.nominationStartAt)!,
    nominationEndAt: iso(c.nominationEndAt)!,
    votingStartAt: iso(c.votingStartAt)!,
    votingEndAt: iso(c.votingEndAt)!,
    candidates: c.roster.length,
  }
}

export const listCampaigns = action({
  name: 'award.campaign.list',
  summary: '最美邻里评选列表：最新在前，含所处阶段和候选人数',
  roles: ['resident', 'street'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input, clock }) {
    const now = clock.now()
    const { page, nextCursor } = await findPage(db.collection<Campaign>(CAMPAIGNS), {}, [['createdAt', 'desc']], input)
    return { items: page.map((c) => campaignCard(c, now)), nextCursor }
  },
})

/** The candidates' tallies this caller may see now, or null; and which day's end a snapshot stands at. */
async function visibleTallies(db: ScopedDb, c: Campaign, view: ReturnType<typeof tallyView>, now: Date): Promise<{ tallies: Map<number, Tally> | null; asOf: string | null }> {
  if (view === 'none') return { tallies: null, asOf: null }
  if (view === 'all') return { tallies: await readTallies(db, c._id), asOf: iso(now) }
  const today = chinaDay(now)
  // The daily snapshot: every day's box before today, so it stands at the end of yesterday (China time), and none on the first day.
  if (today <= chinaDay(c.votingOpenedAt ?? c.votingStartAt)) return { tallies: null, asOf: null }
  return { tallies: await readTallies(db, c._id, today), asOf: new Date(`${today}T00:00:00+08:00`).toISOString() }
}

export const getCampaign = action({
  name: 'award.campaign.get',
  summary: '评选详情：规则、阶段、候选人（编号、打码的姓名、事迹、图片）；按评选设定显示票数（投票结束后总是显示，含作废票数）；我今天还剩几票、投过谁；公示期的异议数',
  roles: ['resident', 'street'],
  input: z.strictObject({ campaignId: id }),
  async run({ db, input, clock, member }) {
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const committee = isCommittee(member)
    // Voting opens on the first look at or after its start once the objections are answered.
    const votingClosedWhy = c.publishedAt ? await openVoting(db, c, now) : null
    const phase = phaseOf(c, now)
    const view = tallyView(c, phase, committee)
    const [candidates, shown, mine, candidateObjections, resultObjections] = await Promise.all([
      c.publishedAt ? candidatesOf(db, c._id) : ([] as Candidate[]),
      c.results ? { tallies: null, asOf: iso(c.resultsAt) } : visibleTallies(db, c, view, now),
      phase === 'voting' ? myDay(db, c._id, member.membership._id, now) : { used: 0, numbers: [] as number[] },
      unansweredObjections(db, c.candidateNoticeId),
      unansweredObjections(db, c.resultNoticeId),
    ])
    const leftToday = Math.max(0, c.votesPerDay - mine.used)
    const m = member.membership
    const whyNotVote =
      phase !== 'voting'
        ? (votingClosedWhy ?? (phase === 'counting' || phase === 'results' || phase === 'final' ? '投票已结束' : '还没到投票时间'))
        : member.roles.has('street')
          ? '街道账号不参加投票'
          : c.verifiedOnly && m.status !== 'verified'
            ? '这次评选只限已认证的居民投票'
            : leftToday === 0
              ? `今天的 ${c.votesPerDay} 票已经投完了，明天再来`
              : null
    const votesOf = (cand: Candidate): Pick<CandidateView, 'votes' | 'voided'> => {
      if (c.results) return { votes: cand.votes ?? 0, voided: cand.voided ?? 0 }
      if (!shown.tallies) return {}
      const t = shown.tallies.get(cand.number)
      return view === 'all' && phase !== 'voting' ? { votes: t?.counted ?? 0, voided: t?.voided ?? 0 } : { votes: t?.counted ?? 0 }
    }
    const afterVoting = phase === 'counting' || phase === 'results' || phase === 'final'
    const totals = c.results ?? (afterVoting && shown.tallies ? sumTallies(shown.tallies) : null)
    return {
      ...campaignCard(c, now),
      description: c.description,
      candidatePublicDays: c.candidatePublicDays,
      resultPublicDays: c.resultPublicDays,
      rules: {
        votesPerDay: c.votesPerDay,
        verifiedOnly: c.verifiedOnly,
        selfVote: c.selfVote,
        selfNomination: c.selfNomination,
        coRecommendations: c.coRecommendations,
        showRanking: c.showRanking,
        ...weightsOf(c),
        winners: c.winners,
        winnerPoints: c.winnerPoints,
      },
      publishedAt: iso(c.publishedAt),
      votingOpenedAt: iso(c.votingOpenedAt),
      resultsAt: iso(c.resultsAt),
      finalAt: iso(c.finalAt),
      candidateNoticeId: c.candidateNoticeId,
      resultNoticeId: c.resultNoticeId,
      finalNoticeId: c.finalNoticeId,
      objections: { candidates: candidateObjections, results: resultObjections },
      /** how the counts shown stand: live, at the end of yesterday (China time), final; null when none are shown */
      tally: shown.tallies || c.results ? { kind: c.results ? ('final' as const) : view === 'snapshot' ? ('snapshot' as const) : ('live' as const), asOf: shown.asOf } : null,
      totals,
      candidates: candidates.map((cand): CandidateView => ({
        candidateId: cand._id,
        number: cand.number,
        name: committee ? cand.name : maskName(cand.name),
        category: cand.category,
        story: cand.story,
        photos: cand.photos,
        ...votesOf(cand),
        ...(c.results ? { juryScore: cand.juryScore, finalScore: cand.finalScore, rank: cand.rank, winner: cand.winner } : committee ? { juryScore: cand.juryScore } : {}),
        isMe: !!cand.memberId && cand.memberId === m._id,
        votedToday: mine.numbers.includes(cand.number),
      })),
      me: {
        leftToday: phase === 'voting' ? leftToday : 0,
        canVote: whyNotVote === null,
        whyNotVote,
        canNominate: phase === 'nomination' && m.status === 'verified' && !member.roles.has('street'),
        whyNotNominate: phase === 'nomination' ? (m.status === 'verified' ? null : '提名只限已认证的居民') : phase === 'upcoming' ? `提名${chinaTime(c.nominationStartAt)}开始` : `提名已于${chinaTime(c.nominationEndAt)}截止`,
        committee,
      },
    }
  },
})

/** A candidate as campaign.get shows it: the counts only where the rules let this caller see them. */
export interface CandidateView {
  candidateId: string
  number: number
  /** masked, except for the committee */
  name: string
  category: string | null
  story: string
  photos: string[]
  /** counted votes (voids taken off): while voting as the campaign shows them, always after */
  votes?: number
  /** voided votes, from the end of voting on */
  voided?: number
  /** the committee's while counting; everyone's with the results */
  juryScore?: number | null
  finalScore?: number | null
  rank?: number | null
  winner?: boolean
  /** the caller is this candidate */
  isMe: boolean
  votedToday: boolean
}

function sumTallies(t: Map<number, Tally>) {
  let [counted, held, voided] = [0, 0, 0]
  for (const v of t.values()) [counted, held, voided] = [counted + v.counted, held + v.held, voided + v.voided]
  return { counted, held, voided }
}

export const listHonours = action({
  name: 'award.honours',
  summary: '光荣榜：历次评选确认的获评邻里（打码的姓名、评选、事迹），最新在前',
  roles: ['resident', 'street'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input }) {
    const { page, nextCursor } = await findPage(db.collection<Honour>(HONOURS), {}, [['confirmedAt', 'desc'], ['rank', 'asc']], input)
    return {
      items: page.map((h) => ({
        honourId: h._id,
        campaignId: h.campaignId,
        campaignTitle: h.campaignTitle,
        candidateId: h.candidateId,
        number: h.number,
        name: maskName(h.name),
        category: h.category,
        story: h.story,
        photo: h.photo,
        rank: h.rank,
        finalScore: h.finalScore,
        confirmedAt: iso(h.confirmedAt)!,
      })),
      nextCursor,
    }
  },
})

/** The scene of a candidate's mini-program code: WeChat allows 32 characters, so the campaign without its community, and the number. */
export const candidateScene = (campaignId: string, number: number) => `c=${campaignId.slice(campaignId.indexOf(':') + 1)}.${number}`

export const candidateCode = action({
  name: 'award.candidate.code',
  summary: '候选人的小程序码（分享卡片或海报用）：扫码打开这次评选并定位到这位候选人；只为邀请邻居阅读事迹，不以转发或关注作为投票条件（居民）',
  roles: ['resident'],
  input: z.strictObject({ candidateId: id }),
  async run({ db, input, wechat, storage }) {
    assertOwnId(db, input.candidateId, '没有这位候选人')
    const candidates = db.collection<Candidate>(CANDIDATES)
    const cand = await candidates.require(input.candidateId, '没有这位候选人')
    const scene = candidateScene(cand.campaignId, cand.number)
    // Made once per candidate and kept in storage.
    let fileID = typeof cand.shareCode === 'string' ? cand.shareCode : null
    if (!fileID) {
      const png = await wechat.getUnlimitedQrCode({ scene, page: PAGE_PATHS.awards })
      fileID = await storage.upload(`qr/${cand._id.replace(/:/g, '-')}.png`, png)
      await candidates.update(cand._id, { shareCode: fileID })
    }
    const urls = await storage.downloadUrls([fileID])
    return { candidateId: cand._id, campaignId: cand.campaignId, number: cand.number, scene, page: PAGE_PATHS.awards, fileID, url: urls.get(fileID) ?? '' }
  },
})
