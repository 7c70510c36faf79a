/**
 * 最美邻里 voting: the vote, the tallies, the anti-brushing console and voids.
 *
 * A vote is one conditional update of the voter's ballot box for the day (model.ts
 * `Box`): while the box is open and voting has not closed, the voter has used fewer
 * than the day's votes and has not yet voted for this candidate today — add the pick,
 * count it for the voter and grow the candidate's count by `_.inc`. The database applies
 * it to one document at once, so however many ballots race, a voter gets exactly the
 * day's quota counted and never two for one candidate in a day, and a ballot counts
 * whole or not at all. The vote's own document (id from campaign, voter, China day and
 * candidate) is written after it; a request that stopped between the two leaves the
 * pick in the box, and the retry (or the results, which rebuild every vote the boxes
 * hold) writes the document. Voters are spread over 16 boxes a day, so neither one
 * document nor its list of picks carries the whole community.
 *
 * Round trips of a vote: the router's membership read, the box, the vote's document.
 * The campaign's rules are read once per function instance after voting opened, when
 * they can no longer change (`voteRules`); a vote refused by the box reads it to say why.
 *
 * WeChat's risk rank (riskControl.getUserRiskRank, scene 营销作弊), asked per vote: rank 4
 * is recorded and not counted (the box keeps it among `held`), rank 3 counted and
 * flagged in the console. When WeChat gives no rank (an error, a timeout) the vote is
 * counted and flagged 风险未知: refusing would let WeChat's outage stop an honest vote,
 * and the committee still sees it beside its evidence and may void it.
 *
 * A void is one conditional update of the box too (the pick joins `voided`, the
 * candidate's void count grows), then the vote's document follows; so the tally
 * (counted − voided) and the public void count always agree. Once the results are
 * published the boxes are frozen: nothing lands in them any more.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { householdLabels, publicNames } from '../../platform/names'
import type { Membership } from '../../platform/roles'
import { chinaDay, chinaTime, iso } from '../../platform/time'
import { id, text } from '../../platform/validation'
import { readRiskRank } from '../../platform/wechat'
import type { Objection } from '../notice'
import {
  BOXES,
  CAMPAIGNS,
  CANDIDATES,
  VOTES,
  boxId,
  candidateId,
  countKey,
  numberOf,
  phaseOf,
  pickOf,
  shardOf,
  voteId,
  voterKey,
  type Box,
  type Campaign,
  type Candidate,
  type Vote,
  type VoteStatus,
} from './model'

/** The rules a vote needs: fixed once voting opened (model.ts: the roster and every rule are frozen by then). */
export interface VoteRules {
  campaignId: string
  votesPerDay: number
  verifiedOnly: boolean
  selfVote: boolean
  votingStartAt: number
  votingEndAt: number
  /** candidate number → the nominee's membership (null for a nominee who is not a member) */
  roster: Map<number, string | null>
}

const OPENED = new Map<string, VoteRules>()
const OPENED_MAX = 200

function rulesOf(c: Campaign): VoteRules {
  return {
    campaignId: c._id,
    votesPerDay: c.votesPerDay,
    verifiedOnly: c.verifiedOnly,
    selfVote: c.selfVote,
    votingStartAt: new Date(c.votingStartAt).getTime(),
    votingEndAt: new Date(c.votingEndAt).getTime(),
    roster: new Map(c.roster.map((r) => [r.number, r.memberId])),
  }
}

function remember(rules: VoteRules) {
  if (OPENED.size >= OPENED_MAX) OPENED.delete(OPENED.keys().next().value!)
  OPENED.set(rules.campaignId, rules)
}

/** Objections to a notice the committee has not answered yet. */
export async function unansweredObjections(db: ScopedDb, noticeId: string | null): Promise<{ total: number; unanswered: number }> {
  if (!noticeId) return { total: 0, unanswered: 0 }
  const rows = await db.collection<Objection>('objections').find({ noticeId }, { limit: 500, fields: { answer: true } })
  return { total: rows.length, unanswered: rows.filter((o) => o.answer === null).length }
}

/**
 * Why voting is not open for this campaign now, or null when it is. Opening is a
 * recorded transition: the first look at or after the voting start that finds every
 * objection to the candidates answered records it, once (a conditional update).
 */
export async function openVoting(db: ScopedDb, c: Campaign, now: Date): Promise<string | null> {
  const at = now.getTime()
  if (at >= new Date(c.votingEndAt).getTime() || c.resultsAt) return `投票已于${chinaTime(c.votingEndAt)}结束`
  if (c.votingOpenedAt) return null
  if (!c.publishedAt) return at < new Date(c.nominationEndAt).getTime() ? '评选还在提名阶段，还不能投票' : '候选人还没有公示，还不能投票'
  if (at < new Date(c.votingStartAt).getTime()) return `投票还没开始，${chinaTime(c.votingStartAt)}开始投票`
  const { unanswered } = await unansweredObjections(db, c.candidateNoticeId)
  if (unanswered > 0) return `候选人公示期间收到的 ${unanswered} 条异议还没有全部答复，答复后开始投票`
  await db.collection<Campaign>(CAMPAIGNS).update(c._id, { votingOpenedAt: now }, { votingOpenedAt: null })
  c.votingOpenedAt = now
  return null
}

/** The campaign's vote rules, from this instance's memory once voting opened; otherwise read, and voting opened if due. */
async function voteRules(db: ScopedDb, campaignId: string, now: Date): Promise<VoteRules> {
  const known = OPENED.get(campaignId)
  if (known) return known
  const c = await db.collection<Campaign>(CAMPAIGNS).require(campaignId, '评选不存在')
  const why = await openVoting(db, c, now)
  if (why) throw precondition(why)
  const rules = rulesOf(c)
  remember(rules)
  return rules
}

/** WeChat's risk rank for the caller, or null when WeChat gave none (see the head of this file). */
async function riskRank(ctx: ActionContext<unknown>, openid: string): Promise<number | null> {
  try {
    return readRiskRank(await ctx.wechat.getUserRiskRank({ openid, scene: 1 }, { timeoutMs: 2000 }))
  } catch (err) {
    ctx.log.info('risk rank unavailable', { requestId: ctx.requestId, error: String(err) })
    return null
  }
}

const emptyBox = (c: Pick<VoteRules, 'campaignId' | 'votingEndAt'>, day: string, shard: number): Omit<Box, 'communityId'> => ({
  _id: boxId(c.campaignId, day, shard),
  kind: 'box',
  campaignId: c.campaignId,
  day,
  shard,
  open: true,
  frozen: false,
  closesAt: new Date(c.votingEndAt),
  picks: [],
  held: [],
  voided: [],
  used: {},
  counts: {},
  heldCounts: {},
  voids: {},
})

const statusInBox = (box: Pick<Box, 'held' | 'voided'>, pick: string): VoteStatus => (box.held.includes(pick) ? 'held' : box.voided.includes(pick) ? 'void' : 'counted')

export const castVote = action({
  name: 'award.vote',
  summary: '为候选人投票：每天可投的票数由评选设定，同一候选人每天一票；按中国时间计算“每天”；返回今天还剩几票。账号风险等级过高的投票记录在案但不计入（居民）',
  roles: ['resident'],
  input: z.strictObject({ campaignId: id, candidateId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const rules = await voteRules(db, input.campaignId, now)
    if (now.getTime() < rules.votingStartAt) throw precondition(`投票还没开始，${chinaTime(new Date(rules.votingStartAt))}开始投票`)
    if (now.getTime() >= rules.votingEndAt) throw precondition(`投票已于${chinaTime(new Date(rules.votingEndAt))}结束`)
    const number = numberOf(rules.campaignId, input.candidateId)
    if (number === null || !rules.roster.has(number)) throw notFound('没有这位候选人')
    const m = member.membership
    if (member.roles.has('street')) throw forbidden('街道账号不参加投票')
    if (rules.verifiedOnly && m.status !== 'verified') throw forbidden('这次评选只限已认证的居民投票，请等待居委会或楼栋长确认你的住户信息')
    if (!rules.selfVote && rules.roster.get(number) === m._id) throw forbidden('这次评选不能给自己投票')

    const risk = await riskRank(ctx, member.openid)
    const day = chinaDay(now)
    const key = voterKey(m._id)
    const shard = shardOf(key)
    const pick = pickOf(key, number)
    const held = risk === 4
    const _ = db._
    const boxes = db.collection<Box>(BOXES)
    const id = boxId(rules.campaignId, day, shard)
    const ballot: Record<string, unknown> = { [`used.${key}`]: _.inc(1), picks: _.push([pick]) }
    if (held) Object.assign(ballot, { held: _.push([pick]), [`heldCounts.${countKey(number)}`]: _.inc(1) })
    else ballot[`counts.${countKey(number)}`] = _.inc(1)
    // `used` only ever grows one at a time up to the quota, so "not the quota" is "below it" (and matches a voter not yet there).
    const gate = { open: true, closesAt: _.gt(now), [`used.${key}`]: _.neq(rules.votesPerDay), picks: _.neq(pick) }

    let box: Box | null = null
    for (let attempt = 0; attempt < 3 && !box; attempt++) {
      box = await boxes.updateAndReturn(id, ballot, gate)
      if (box) break
      const seen = await boxes.get(id)
      if (!seen) {
        await addOnce(boxes, emptyBox(rules, day, shard))
        continue
      }
      if (seen.picks.includes(pick)) {
        // Perhaps the retry of a vote whose document was lost: it is written before the refusal.
        await addOnce(db.collection<Vote>(VOTES), voteDoc(rules.campaignId, m, number, day, now, null, statusInBox(seen, pick), true))
        throw conflict(`今天已经给 ${number} 号投过票了，每位候选人每天一票`)
      }
      if ((seen.used[key] ?? 0) >= rules.votesPerDay) throw precondition(`今天的 ${rules.votesPerDay} 票已经投完了，明天再来`)
      if (!seen.open || new Date(seen.closesAt).getTime() <= now.getTime()) throw precondition('投票已结束')
    }
    if (!box) throw conflict('投票没有成功，请再试一次')
    await addOnce(db.collection<Vote>(VOTES), voteDoc(rules.campaignId, m, number, day, now, risk, held ? 'held' : 'counted', false))
    return { campaignId: rules.campaignId, candidateId: input.candidateId, leftToday: Math.max(0, rules.votesPerDay - (box.used[key] ?? 0)) }
  },
})

function voteDoc(campaign: string, m: Membership, number: number, day: string, at: Date, risk: number | null, status: VoteStatus, rebuilt: boolean): Omit<Vote, 'communityId'> {
  return {
    _id: voteId(campaign, m._id, day, number),
    campaignId: campaign,
    candidateId: candidateId(campaign, number),
    number,
    voterId: m._id,
    householdId: m.householdId ?? null,
    joinedAt: m.createdAt ?? null,
    day,
    at,
    risk,
    status,
    ...(rebuilt ? { rebuilt: true as const } : {}),
  }
}

export interface Tally {
  counted: number
  held: number
  voided: number
}

/**
 * Every candidate's tally from the boxes (of days before `beforeDay` only, for the
 * daily snapshot): counted with voids taken off, held, voided. Boxes are read with
 * their lists left out, which grow with every vote.
 */
export async function readTallies(db: ScopedDb, campaignId: string, beforeDay?: string): Promise<Map<number, Tally>> {
  const query: Record<string, unknown> = { campaignId }
  if (beforeDay) query.day = db._.lt(beforeDay)
  const boxes = await db.collection<Box>(BOXES).find(query, { limit: 1000, fields: { counts: true, heldCounts: true, voids: true } })
  const out = new Map<number, Tally>()
  const at = (key: string) => {
    const n = Number(key.slice(1))
    let t = out.get(n)
    if (!t) out.set(n, (t = { counted: 0, held: 0, voided: 0 }))
    return t
  }
  for (const b of boxes) {
    for (const [k, v] of Object.entries(b.counts ?? {})) at(k).counted += v
    for (const [k, v] of Object.entries(b.heldCounts ?? {})) at(k).held += v
    for (const [k, v] of Object.entries(b.voids ?? {})) at(k).voided += v
  }
  for (const t of out.values()) t.counted -= t.voided
  return out
}

/** What the caller has done today: votes used and the candidates voted for. */
export async function myDay(db: ScopedDb, campaignId: string, memberId: string, now: Date): Promise<{ used: number; numbers: number[] }> {
  const key = voterKey(memberId)
  const box = await db.collection<Box>(BOXES).get(boxId(campaignId, chinaDay(now), shardOf(key)))
  if (!box) return { used: 0, numbers: [] }
  const numbers = box.picks.filter((p) => p.startsWith(`${key}|`)).map((p) => Number(p.slice(key.length + 1)))
  return { used: box.used[key] ?? 0, numbers }
}

/**
 * Seals and freezes every box of the campaign, writes the document of every vote the
 * boxes hold whose own write was lost, and brings each vote's status in line with its
 * box. After it, the votes' documents are exactly the boxes' picks.
 */
export async function settleBoxes(db: ScopedDb, campaignId: string, now: Date): Promise<void> {
  const boxes = db.collection<Box>(BOXES)
  await boxes.updateWhere({ campaignId }, { open: false, frozen: true })
  const votes = db.collection<Vote>(VOTES)
  for (let skip = 0; ; skip += 100) {
    const page = await boxes.find({ campaignId }, { orderBy: [['day', 'asc']], skip, limit: 100 })
    for (const box of page) {
      const byId = new Map(
        box.picks.map((p) => {
          const [key, n] = p.split('|')
          return [voteId(campaignId, `${db.communityId}:${key}`, box.day, Number(n)), { key, number: Number(n), status: statusInBox(box, p) }] as const
        }),
      )
      const ids = [...byId.keys()]
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        const found = await votes.find({ _id: db._.in(chunk) }, { limit: chunk.length, fields: { status: true } })
        const stored = new Map(found.map((v) => [v._id, v.status]))
        for (const vid of chunk) {
          const want = byId.get(vid)!
          const has = stored.get(vid)
          if (has === undefined) {
            const voter = { _id: `${db.communityId}:${want.key}`, householdId: null, createdAt: null } as unknown as Membership
            await addOnce(votes, voteDoc(campaignId, voter, want.number, box.day, now, null, want.status, true))
          } else if (has !== want.status) {
            await votes.update(vid, { status: want.status })
          }
        }
      }
    }
    if (page.length < 100) break
  }
}

// --- the anti-brushing console ---------------------------------------------------------

/** A burst: at least this many votes for one candidate within the window. */
const BURST_WINDOW_MS = 10 * 60_000
const BURST_MIN = 10
/** So many in the window is flagged whatever else is seen. */
const BURST_LARGE = 30
/** An account that joined the community within a week of its vote is new. */
const NEW_ACCOUNT_MS = 7 * 86_400_000

type VoteRow = Pick<Vote, '_id' | 'candidateId' | 'number' | 'voterId' | 'householdId' | 'joinedAt' | 'at' | 'risk' | 'status' | 'voidReason'>

const isNew = (v: VoteRow) => !!v.joinedAt && new Date(v.at).getTime() - new Date(v.joinedAt).getTime() < NEW_ACCOUNT_MS
const isRisky = (v: VoteRow) => v.risk === null || v.risk >= 3

export interface Burst {
  flagId: string
  candidateId: string
  number: number
  from: Date
  to: Date
  votes: VoteRow[]
  reasons: string[]
  evidence: { votes: number; newAccounts: number; topHousehold: { householdId: string; votes: number } | null; highRisk: number; riskUnknown: number; held: number }
  /** the votes of the burst that carry evidence of their own (a new account, the busiest household, a risk rank) */
  suspects: VoteRow[]
}

/** Bursts in one candidate's votes, sorted by time: windows of many votes, merged where they overlap, kept when the evidence says so. */
export function findBursts(rows: VoteRow[]): Burst[] {
  const out: Burst[] = []
  let start = -1
  let end = -1
  const flush = () => {
    if (start < 0) return
    const burst = describeBurst(rows.slice(start, end + 1))
    if (burst) out.push(burst)
    start = end = -1
  }
  for (let j = 0, i = 0; j < rows.length; j++) {
    while (new Date(rows[j].at).getTime() - new Date(rows[i].at).getTime() > BURST_WINDOW_MS) i++
    if (j - i + 1 < BURST_MIN) continue
    if (start >= 0 && i > end) flush()
    if (start < 0) start = i
    end = j
  }
  flush()
  return out
}

function describeBurst(votes: VoteRow[]): Burst | null {
  const households = new Map<string, number>()
  for (const v of votes) if (v.householdId) households.set(v.householdId, (households.get(v.householdId) ?? 0) + 1)
  const [topId, topVotes] = [...households.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0]
  const evidence = {
    votes: votes.length,
    newAccounts: votes.filter(isNew).length,
    topHousehold: topId ? { householdId: topId, votes: topVotes } : null,
    highRisk: votes.filter((v) => v.risk !== null && v.risk >= 3).length,
    riskUnknown: votes.filter((v) => v.risk === null).length,
    held: votes.filter((v) => v.status === 'held').length,
  }
  const share = (n: number) => n / votes.length
  const reasons: string[] = []
  const minutes = Math.max(1, Math.round((new Date(votes[votes.length - 1].at).getTime() - new Date(votes[0].at).getTime()) / 60_000))
  if (votes.length >= BURST_LARGE) reasons.push(`${minutes} 分钟内 ${votes.length} 票`)
  if (share(evidence.newAccounts) >= 0.5) reasons.push(`${evidence.newAccounts} 票来自加入社区不满 7 天的账号`)
  if (topId && topVotes >= 3 && share(topVotes) >= 0.3) reasons.push(`${topVotes} 票来自同一户`)
  if (share(evidence.highRisk + evidence.riskUnknown) >= 0.3) reasons.push(`${evidence.highRisk + evidence.riskUnknown} 票的微信账号风险等级高或未知`)
  if (reasons.length === 0) return null
  const first = votes[0]
  return {
    flagId: `${first.number}@${new Date(first.at).getTime()}`,
    candidateId: first.candidateId,
    number: first.number,
    from: new Date(first.at),
    to: new Date(new Date(votes[votes.length - 1].at).getTime() + 1),
    votes,
    reasons,
    evidence,
    suspects: votes.filter((v) => isNew(v) || isRisky(v) || (topId !== null && v.householdId === topId && topVotes >= 3)),
  }
}

/** Every vote of a campaign, in time order (the console reads them all; a community's campaign holds thousands, not millions). */
async function allVotes(db: ScopedDb, campaignId: string): Promise<VoteRow[]> {
  const fields = { candidateId: true, number: true, voterId: true, householdId: true, joinedAt: true, at: true, risk: true, status: true, voidReason: true }
  const out: VoteRow[] = []
  for (const status of ['counted', 'held', 'void'] as const) {
    for (let skip = 0; skip < 50_000; skip += 1000) {
      const page = await db.collection<Vote>(VOTES).find({ campaignId, status }, { orderBy: [['at', 'asc']], skip, limit: 1000, fields })
      out.push(...page)
      if (page.length < 1000) break
    }
  }
  return out.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
}

const RISK_WORDS: Record<number, string> = { 3: '风险等级 3（计票，已标记）', 4: '风险等级 4（记录，不计票）' }

export const voteFlags = action({
  name: 'award.votes.flags',
  summary: '防刷票台：按候选人列出短时间内集中的投票（附证据：新账号、同一户、微信风险等级），以及风险等级高或未知的单张选票；已作废票数（居委会）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ campaignId: id }),
  async run({ db, input, clock }) {
    assertOwnId(db, input.campaignId, '评选不存在')
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const rows = await allVotes(db, c._id)
    const byCandidate = new Map<string, VoteRow[]>()
    for (const v of rows.filter((r) => r.status !== 'void')) {
      const list = byCandidate.get(v.candidateId) ?? []
      list.push(v)
      byCandidate.set(v.candidateId, list)
    }
    const bursts = [...byCandidate.values()].flatMap(findBursts)
    const risky = rows.filter((v) => v.status !== 'void' && isRisky(v)).slice(-200)
    const shown = [...bursts.flatMap((b) => b.suspects), ...risky]
    const [nameOf, households] = await Promise.all([publicNames(db, shown.map((v) => v.voterId)), householdLabels(db, [...bursts.map((b) => b.evidence.topHousehold?.householdId), ...shown.map((v) => v.householdId)])])
    const voteView = (v: VoteRow) => ({
      voteId: v._id,
      number: v.number,
      voter: nameOf(v.voterId),
      household: v.householdId ? (households.get(v.householdId) ?? null) : null,
      at: iso(v.at)!,
      risk: v.risk,
      why: v.risk === null ? '微信未返回风险等级（计票，已标记）' : (RISK_WORDS[v.risk] ?? null),
      newAccount: isNew(v),
      status: v.status,
    })
    return {
      campaignId: c._id,
      phase: phaseOf(c, clock.now()),
      totals: {
        counted: rows.filter((v) => v.status === 'counted').length,
        held: rows.filter((v) => v.status === 'held').length,
        voided: rows.filter((v) => v.status === 'void').length,
      },
      bursts: bursts.map((b) => ({
        flagId: b.flagId,
        candidateId: b.candidateId,
        number: b.number,
        from: iso(b.from)!,
        to: iso(b.to)!,
        reasons: b.reasons,
        evidence: { ...b.evidence, topHousehold: b.evidence.topHousehold ? { label: households.get(b.evidence.topHousehold.householdId) ?? '某户', votes: b.evidence.topHousehold.votes } : null },
        voteIds: b.votes.filter((v) => v.status === 'counted').map((v) => v._id),
        suspects: b.suspects.map(voteView),
      })),
      riskVotes: risky.map(voteView),
    }
  },
})

/** Voids one vote: its pick joins the box's voided ones (counted votes only, before the results), then its document follows. */
async function voidOne(db: ScopedDb, v: Vote, change: { voidReason: string; voidedAt: Date; voidedBy: string }): Promise<'voided' | 'already' | 'held'> {
  const key = voterKey(v.voterId)
  const pick = pickOf(key, v.number)
  const _ = db._
  const boxes = db.collection<Box>(BOXES)
  const id = boxId(v.campaignId, v.day, shardOf(key))
  const landed = await boxes.update(id, { voided: _.push([pick]), [`voids.${countKey(v.number)}`]: _.inc(1) }, { frozen: false, picks: pick, voided: _.neq(pick), held: _.neq(pick) })
  const votes = db.collection<Vote>(VOTES)
  if (landed) {
    await votes.update(v._id, { status: 'void', ...change })
    return 'voided'
  }
  const box = await boxes.get(id)
  if (!box || !box.picks.includes(pick)) throw new Error(`vote ${v._id} has no pick in its box`)
  if (box.held.includes(pick)) return 'held'
  if (box.voided.includes(pick)) {
    // A void whose document write was lost: finish it (the first reason stays).
    if (v.status !== 'void') await votes.update(v._id, { status: 'void', ...change }, { status: _.neq('void') })
    return 'already'
  }
  throw precondition('结果已经公布，不能再作废选票')
}

export const voidVotes = action({
  name: 'award.vote.void',
  summary: '作废选票：按选票编号，或按防刷票台标出的时段（某位候选人在某段时间内的全部计票），须写明理由；作废的票从该候选人得票中扣除，作废总数在结果中公开（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({
      campaignId: id,
      voteIds: z.array(id).min(1).max(500).optional(),
      burst: z.strictObject({ candidateId: id, from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).optional(),
      reason: text(200, 4),
    })
    .refine((v) => !!v.voteIds !== !!v.burst, { message: '请选择要作废的选票，或一个集中投票的时段（二选一）', path: ['voteIds'] }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const phase = phaseOf(c, now)
    if (phase !== 'voting' && phase !== 'counting') throw precondition(phase === 'results' || phase === 'final' ? '结果已经公布，不能再作废选票' : '投票还没开始，没有可作废的选票')
    const votes = db.collection<Vote>(VOTES)
    let chosen: Vote[]
    if (input.voteIds) {
      if (input.voteIds.some((v) => !v.startsWith(`${c._id}:v:`))) throw invalid('有选票不属于这次评选')
      chosen = await votes.find({ _id: db._.in([...new Set(input.voteIds)]) }, { limit: input.voteIds.length })
      if (chosen.length === 0) throw notFound('没有找到这些选票')
    } else {
      const b = input.burst!
      if (numberOf(c._id, b.candidateId) === null) throw notFound('没有这位候选人')
      const [from, to] = [new Date(b.from), new Date(b.to)]
      if (to.getTime() <= from.getTime()) throw invalid('时段的结束须晚于开始')
      chosen = await votes.find({ campaignId: c._id, candidateId: b.candidateId, at: db._.gte(from).and(db._.lt(to)) }, { orderBy: [['at', 'asc']], limit: 1000 })
    }
    const change = { voidReason: input.reason, voidedAt: now, voidedBy: member.membership._id }
    const outcome = { voided: 0, already: 0, held: 0 }
    const queue = chosen.filter((v) => v.campaignId === c._id)
    await Promise.all(
      Array.from({ length: Math.min(8, queue.length) }, async () => {
        for (let v = queue.shift(); v; v = queue.shift()) outcome[await voidOne(db, v, change)]++
      }),
    )
    await ctx.audit({
      action: 'award.vote.void',
      target: { collection: CAMPAIGNS, id: c._id },
      after: { voided: outcome.voided, voteIds: chosen.slice(0, 100).map((v) => v._id), burst: input.burst ?? null },
      reason: input.reason,
    })
    return { campaignId: c._id, ...outcome }
  },
})

/** The candidates of a campaign, in number order. */
export const candidatesOf = (db: ScopedDb, campaignId: string) => db.collection<Candidate>(CANDIDATES).find({ campaignId }, { orderBy: [['number', 'asc']], limit: 100 })
