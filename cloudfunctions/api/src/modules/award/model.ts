/**
 * 最美邻里 / 好厝边: the documents of an award campaign and the pure rules over them.
 *
 * A campaign runs nomination → committee review → candidate 公示 → voting → counting
 * (voids, jury scores) → result 公示 → final. Its phase is derived from its dates and
 * the transitions it recorded (candidates published, voting opened, results published,
 * winners confirmed), never stored as a second truth beside them.
 *
 * Votes: the day's ballot box of a voter (`awardBoxes`, one per campaign, China day and
 * shard of voters) is the gate and the tally at once. One conditional update lands a
 * vote whole — the voter's count for the day below the quota, this voter not yet for
 * this candidate today, the candidate's count grown by `_.inc` — or not at all; the
 * vote's own document (deterministic id: campaign, voter, day, candidate) follows it.
 * See votes.ts.
 */
import { createHash } from 'node:crypto'
import type { StoredDoc } from '../../platform/db'
import type { AwardPhase, ShowRanking } from '../../platform/labels'
import type { PhotoHolder } from '../../platform/media'
import type { OwingDoc } from '../../platform/owed'
import { chinaDay } from '../../platform/time'

export const CAMPAIGNS = 'awardCampaigns'
export const NOMINATIONS = 'awardNominations'
export const CANDIDATES = 'awardCandidates'
export const BOXES = 'awardBoxes'
export const VOTES = 'awardVotes'
export const HONOURS = 'awardHonours'

export const DAY_MS = 86_400_000

/** One published candidate as the vote path needs it: its number and, for a member, who (self-votes). */
export interface RosterEntry {
  number: number
  /** the nominee's membership, when the nominee is a member */
  memberId: string | null
}

export interface Campaign extends StoredDoc {
  title: string
  description: string
  categories: string[]
  nominationStartAt: Date
  nominationEndAt: Date
  votingStartAt: Date
  votingEndAt: Date
  /** 候选人公示, from publishing the candidates; voting starts no earlier than its end */
  candidatePublicDays: number
  /** 结果公示, from publishing the results; winners are confirmed after it */
  resultPublicDays: number
  votesPerDay: number
  verifiedOnly: boolean
  /** may a candidate who is a member vote for themself */
  selfVote: boolean
  selfNomination: boolean
  /** households other than the nominator's (and the nominee's) that must co-recommend a nomination by others */
  coRecommendations: number
  showRanking: ShowRanking
  /** percent of the final score from the public vote; the jury has the rest */
  publicWeight: number
  winners: number
  winnerPoints: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
  /** candidates published (候选人公示 begins); the roster is fixed from then on */
  publishedAt: Date | null
  roster: RosterEntry[]
  candidateNoticeId: string | null
  /** voting opened: at or after votingStartAt, every objection to the candidates answered */
  votingOpenedAt: Date | null
  /** results published (结果公示 begins): boxes sealed, tallies final, no more voids */
  resultsAt: Date | null
  resultNoticeId: string | null
  results: CampaignResults | null
  /** winners confirmed: notice, 光荣榜 entries and points done */
  finalAt: Date | null
  finalNoticeId: string | null
}

export interface CampaignResults {
  /** counted votes of every candidate, voids taken off */
  counted: number
  /** votes voided by the committee, public on the result */
  voided: number
  /** votes recorded but not counted: WeChat rated the voter's account rank 4 */
  held: number
}

export type NominationStatus = 'gathering' | 'pending' | 'approved' | 'declined'

export interface Second {
  householdId: string
  memberId: string
  at: Date
}

export interface Nomination extends OwingDoc, PhotoHolder {
  campaignId: string
  nominatorId: string
  nominatorHouseholdId: string | null
  nomineeMemberId: string | null
  nomineeHouseholdId: string | null
  /** as the nominator wrote it (or the nominee's nickname); public views mask it */
  nomineeName: string
  self: boolean
  category: string | null
  story: string
  status: NominationStatus
  /** co-recommending households still needed when it was made (0 for a self-nomination) */
  needed: number
  /** one entry per co-recommending household: the conditional update that adds one checks the household is not there yet */
  seconds: Second[]
  secondCount: number
  reviewReason: string | null
  reviewedAt: Date | null
  reviewedBy: string | null
  createdAt: Date
}

export interface Candidate extends StoredDoc {
  campaignId: string
  nominationId: string
  /** 1号, 2号 … in the order the nominations came in */
  number: number
  name: string
  memberId: string | null
  category: string | null
  story: string
  /** the nomination's photos that had passed WeChat's check when the candidates were published */
  photos: string[]
  /** from the results on: counted (voids off), voided, held */
  votes: number | null
  voided: number | null
  held: number | null
  /** 0–100, recorded by the committee for the jury */
  juryScore: number | null
  finalScore: number | null
  rank: number | null
  winner: boolean
}

/**
 * The ballot box of one campaign, China day and shard of voters. A voter always falls in
 * the same shard, so everything the gate checks for them lies in one document.
 */
export interface Box extends StoredDoc {
  kind: 'box'
  campaignId: string
  day: string
  shard: number
  /** false once the results sealed it: no vote lands after */
  open: boolean
  /** true once the results are published: no void lands after */
  frozen: boolean
  /** votes land only before this moment (the end of voting) */
  closesAt: Date
  /** `${voterKey}|${number}`: who voted for whom today */
  picks: string[]
  /** picks recorded but not counted (risk rank 4) */
  held: string[]
  /** picks voided by the committee */
  voided: string[]
  /** votes used today, per voter key */
  used: Record<string, number>
  /** per candidate (`n${number}`): counted, held, voided */
  counts: Record<string, number>
  heldCounts: Record<string, number>
  voids: Record<string, number>
}

export type VoteStatus = 'counted' | 'held' | 'void'

export interface Vote extends StoredDoc {
  campaignId: string
  candidateId: string
  number: number
  voterId: string
  householdId: string | null
  /** when the voter joined the community: evidence of a new account */
  joinedAt: Date | null
  day: string
  at: Date
  /** WeChat's risk rank, or null when WeChat gave none */
  risk: number | null
  status: VoteStatus
  voidReason?: string
  voidedAt?: Date
  voidedBy?: string
  /** rebuilt from its box after the request that cast it stopped between the two writes */
  rebuilt?: true
}

export interface Honour extends StoredDoc {
  campaignId: string
  campaignTitle: string
  candidateId: string
  number: number
  name: string
  memberId: string | null
  category: string | null
  story: string
  photo: string | null
  finalScore: number
  rank: number
  confirmedAt: Date
}

export const SHARDS = 16

/** A member's key inside boxes and vote ids: their membership id without the community. */
export const voterKey = (memberId: string) => memberId.slice(memberId.indexOf(':') + 1)
export const shardOf = (key: string) => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 4), 16) % SHARDS
export const boxId = (campaignId: string, day: string, shard: number) => `${campaignId}:box:${day}:${shard}`
export const pickOf = (key: string, number: number) => `${key}|${number}`
export const countKey = (number: number) => `n${number}`
export const voteId = (campaignId: string, memberId: string, day: string, number: number) => `${campaignId}:v:${voterKey(memberId)}:${day}:${number}`
export const candidateId = (campaignId: string, number: number) => `${campaignId}:c${number}`
export const honourId = (candidate: string) => `${candidate}:honour`
export const candidateNoticeId = (campaignId: string) => `${campaignId}:candidates`
export const resultNoticeId = (campaignId: string) => `${campaignId}:results`
export const finalNoticeId = (campaignId: string) => `${campaignId}:final`

/** One nomination per nominee and campaign: a member by their membership, anyone else by the name as written. */
export function nominationId(campaignId: string, nominee: { memberId: string | null; name: string }): string {
  if (nominee.memberId) return `${campaignId}:n:${voterKey(nominee.memberId)}`
  const normal = nominee.name.replace(/\s+/g, '').toLowerCase()
  return `${campaignId}:n:x${createHash('sha256').update(normal).digest('hex').slice(0, 20)}`
}

/** The number in a candidate id of this campaign, or null for anything else. */
export function numberOf(campaignId: string, id: string): number | null {
  const m = /^(.*):c(\d{1,3})$/.exec(id)
  return m && m[1] === campaignId ? Number(m[2]) : null
}

const t = (d: Date | string) => new Date(d).getTime()

/** Where a campaign stands at `now`, from its dates and recorded transitions. */
export function phaseOf(c: Pick<Campaign, 'nominationStartAt' | 'nominationEndAt' | 'votingStartAt' | 'votingEndAt' | 'publishedAt' | 'votingOpenedAt' | 'resultsAt' | 'finalAt'>, now: Date): AwardPhase {
  const at = now.getTime()
  if (c.finalAt) return 'final'
  if (c.resultsAt) return 'results'
  if (at < t(c.nominationStartAt)) return 'upcoming'
  if (at < t(c.nominationEndAt)) return 'nomination'
  if (at >= t(c.votingEndAt)) return 'counting'
  if (!c.publishedAt) return 'review'
  return c.votingOpenedAt ? 'voting' : 'candidates'
}

/** The candidates' counts as this caller may see them: everything, yesterday's, or nothing. */
export type TallyView = 'all' | 'snapshot' | 'none'

export function tallyView(c: Pick<Campaign, 'showRanking'>, phase: AwardPhase, committee: boolean): TallyView {
  if (phase === 'counting' || phase === 'results' || phase === 'final') return 'all'
  if (phase !== 'voting') return 'none'
  if (committee || c.showRanking === 'live') return 'all'
  return c.showRanking === 'daily' ? 'snapshot' : 'none'
}

/** The China day a vote at `now` counts for. */
export const voteDay = chinaDay

export interface Score {
  number: number
  votes: number
  juryScore: number | null
  finalScore: number
}

/**
 * The final score: the public vote, scaled so the most voted candidate has 100, weighted
 * by the campaign's public share, plus the jury's 0–100 score weighted by the rest.
 * Ranked by score, then votes, then number (the earlier nomination).
 */
export function rankCandidates(
  c: Pick<Campaign, 'publicWeight' | 'winners'>,
  rows: Array<{ number: number; votes: number; juryScore: number | null }>,
): Array<Score & { rank: number; winner: boolean }> {
  const top = Math.max(0, ...rows.map((r) => r.votes))
  const scored = rows.map((r) => {
    const publicScore = top > 0 ? (r.votes / top) * 100 : 0
    const jury = r.juryScore ?? 0
    const finalScore = Math.round((publicScore * c.publicWeight + jury * (100 - c.publicWeight))) / 100
    return { ...r, finalScore }
  })
  scored.sort((a, b) => b.finalScore - a.finalScore || b.votes - a.votes || a.number - b.number)
  return scored.map((s, i) => ({ ...s, rank: i + 1, winner: i < c.winners }))
}
