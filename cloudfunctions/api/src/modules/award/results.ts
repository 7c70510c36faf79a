/**
 * After voting: the committee records the jury's scores, publishes the results (the
 * boxes are sealed and frozen, every vote's document is settled against them, each
 * candidate gets its final tally and score, and the result 公示 begins), answers the
 * objections, and after the 公示 confirms the winners: a notice, a 光荣榜 entry each
 * and points through the ledger. Every step has deterministic ids or a conditional
 * claim, so a retry after a crash finishes what was begun and repeats nothing.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { addOnce, type ScopedDb } from '../../platform/db'
import { invalid, isDuplicateWrite, notFound, precondition } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { pageLink } from '../../platform/links'
import { notify } from '../../platform/notify'
import { postEntry } from '../../platform/points'
import { maskName } from '../../platform/privacy'
import { chinaTime, iso } from '../../platform/time'
import { id } from '../../platform/validation'
import { publishNotice } from '../notice'
import { CAMPAIGNS, CANDIDATES, DAY_MS, HONOURS, finalNoticeId, honourId, numberOf, phaseOf, rankCandidates, resultNoticeId, type Campaign, type CampaignResults, type Candidate, type Honour } from './model'
import { candidatesOf, readTallies, settleBoxes, unansweredObjections } from './votes'

const campaignLink = (campaignId: string) => pageLink('awards', { id: campaignId })

export const scoreJury = action({
  name: 'award.jury.score',
  summary: '录入评审（评委会）给每位候选人的分数（0–100），投票期间或投票结束后、结果公布前均可修改（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({
    campaignId: id,
    scores: z
      .array(z.strictObject({ candidateId: id, score: z.number().min(0).max(100).multipleOf(0.1) }))
      .min(1)
      .max(99),
  }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const phase = phaseOf(c, clock.now())
    if (phase === 'results' || phase === 'final') throw precondition('结果已经公布，评审分不能再改')
    if (!c.publishedAt) throw precondition('候选人还没有公示')
    const numbers = input.scores.map((s) => numberOf(c._id, s.candidateId))
    if (numbers.some((n) => n === null || !c.roster.some((r) => r.number === n))) throw notFound('有候选人不属于这次评选')
    if (new Set(numbers).size !== numbers.length) throw invalid('同一位候选人只能录入一个分数')
    const candidates = db.collection<Candidate>(CANDIDATES)
    for (const s of input.scores) await candidates.update(s.candidateId, { juryScore: s.score }, { resultsAt: db._.exists(false) })
    await ctx.audit({ action: 'award.jury.score', target: { collection: CAMPAIGNS, id: c._id }, after: { scores: input.scores } })
    return { campaignId: c._id, scored: input.scores.length }
  },
})

/** Tallies from the frozen boxes, scores and ranks, written on each candidate: the same figures however often it runs. */
async function finalTallies(db: ScopedDb, c: Campaign, candidates: Candidate[]) {
  const tallies = await readTallies(db, c._id)
  const ranked = rankCandidates(
    c,
    candidates.map((cand) => ({ number: cand.number, votes: tallies.get(cand.number)?.counted ?? 0, juryScore: cand.juryScore })),
  )
  const totals: CampaignResults = { counted: 0, voided: 0, held: 0 }
  for (const t of tallies.values()) [totals.counted, totals.voided, totals.held] = [totals.counted + t.counted, totals.voided + t.voided, totals.held + t.held]
  return { tallies, ranked, totals }
}

export const publishResults = action({
  name: 'award.results.publish',
  summary: '公布评选结果：投票结束后封存票箱、按大众投票与评审权重计算综合得分和名次，发布结果公示（含作废票数），公示期内居民可实名提出异议（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ campaignId: id }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const campaigns = db.collection<Campaign>(CAMPAIGNS)
    let c = await campaigns.require(input.campaignId, '评选不存在')
    const phase = phaseOf(c, now)
    if (phase === 'final') throw precondition('评选已经揭晓')
    if (phase !== 'counting' && phase !== 'results') throw precondition(`投票${chinaTime(c.votingEndAt)}结束后才能公布结果`)
    const candidates = await candidatesOf(db, c._id)
    if (c.publicWeight < 100 && !c.resultsAt) {
      const missing = candidates.filter((cand) => cand.juryScore === null).map((cand) => `${cand.number}号`)
      if (missing.length) throw precondition(`还有候选人没有评审分：${missing.join('、')}`)
    }
    // Sealed and frozen first: no vote or void lands after, so the figures below are final.
    await settleBoxes(db, c._id, now)
    const { tallies, ranked, totals } = await finalTallies(db, c, candidates)
    const claim = { resultsAt: now, results: totals, resultNoticeId: resultNoticeId(c._id), updatedAt: now }
    const fresh = (await campaigns.update(c._id, claim, { resultsAt: null })) === 1
    c = await campaigns.require(c._id)
    const byNumber = new Map(candidates.map((cand) => [cand.number, cand]))
    for (const r of ranked) {
      const t = tallies.get(r.number)
      await db.collection<Candidate>(CANDIDATES).update(byNumber.get(r.number)!._id, { votes: r.votes, voided: t?.voided ?? 0, held: t?.held ?? 0, finalScore: r.finalScore, rank: r.rank, winner: r.winner, resultsAt: c.resultsAt })
    }
    const lines = ranked
      .slice(0, Math.max(c.winners, 10))
      .map((r) => `第 ${r.rank} 名 ${r.number}号 ${maskName(byNumber.get(r.number)!.name)} 综合 ${r.finalScore} 分（得票 ${r.votes}）${r.winner ? '★' : ''}`)
      .join('；')
    const weights = c.publicWeight === 100 ? '按大众投票计分' : `大众投票占 ${c.publicWeight}%、评审占 ${100 - c.publicWeight}%`
    await publishNotice(db, new Date(c.resultsAt!), {
      _id: c.resultNoticeId!,
      title: `评选结果公示：${c.title}`,
      body: `「${c.title}」投票结束，${weights}，拟评出 ${c.winners} 位（★）：${lines}。共计票 ${totals.counted} 张，作废 ${totals.voided} 张，因账号风险未计入 ${totals.held} 张。公示期 ${c.resultPublicDays} 天，如有异议请实名提出，居委会答复后确认最终结果。`,
      category: 'result',
      publicDays: c.resultPublicDays,
      source: null,
    })
    if (fresh) await ctx.audit({ action: 'award.results.publish', target: { collection: CAMPAIGNS, id: c._id }, after: { ...totals, ranked: ranked.map((r) => ({ number: r.number, votes: r.votes, finalScore: r.finalScore, winner: r.winner })) } })
    return { campaignId: c._id, noticeId: c.resultNoticeId!, publicUntil: new Date(new Date(c.resultsAt!).getTime() + c.resultPublicDays * DAY_MS).toISOString(), totals }
  },
})

/** Points for a winner: one ledger entry whose id derives from the candidate, so a retry credits nothing more. */
async function creditWinner(db: ScopedDb, c: Campaign, cand: Candidate, now: Date): Promise<void> {
  if (!cand.memberId || c.winnerPoints <= 0) return
  try {
    await db.transaction((tx) => postEntry(tx, { memberId: cand.memberId!, amount: c.winnerPoints, kind: 'honour', source: `award:${cand._id}`, label: `获评「${c.title}」`, by: null, at: now }, null))
  } catch (err) {
    if (isDuplicateWrite(err)) return
    throw err
  }
}

export const confirmWinners = action({
  name: 'award.winners.confirm',
  summary: '确认最终结果：结果公示期满、异议都已答复后，发布揭晓公告，获评者登上光荣榜并获得积分，本人收到消息（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ campaignId: id }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const campaigns = db.collection<Campaign>(CAMPAIGNS)
    const c = await campaigns.require(input.campaignId, '评选不存在')
    if (!c.resultsAt) throw precondition('请先公布评选结果并公示')
    const publicUntil = new Date(new Date(c.resultsAt).getTime() + c.resultPublicDays * DAY_MS)
    if (!c.finalAt) {
      if (now.getTime() < publicUntil.getTime()) throw precondition(`结果公示${chinaTime(publicUntil)}结束，之后才能确认`)
      const { unanswered } = await unansweredObjections(db, c.resultNoticeId)
      if (unanswered > 0) throw precondition(`结果公示收到的 ${unanswered} 条异议还没有答复`)
    }
    const finalAt = c.finalAt ? new Date(c.finalAt) : now
    const winners = (await candidatesOf(db, c._id)).filter((cand) => cand.winner).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    for (const w of winners) {
      const honour: Omit<Honour, 'communityId'> = {
        _id: honourId(w._id),
        campaignId: c._id,
        campaignTitle: c.title,
        candidateId: w._id,
        number: w.number,
        name: w.name,
        memberId: w.memberId,
        category: w.category,
        story: w.story,
        photo: w.photos[0] ?? null,
        finalScore: w.finalScore ?? 0,
        rank: w.rank ?? 0,
        confirmedAt: finalAt,
      }
      await addOnce(db.collection<Honour>(HONOURS), honour)
      await creditWinner(db, c, w, finalAt)
    }
    const names = winners.map((w) => `${w.number}号 ${maskName(w.name)}`).join('、')
    await publishNotice(db, finalAt, {
      _id: finalNoticeId(c._id),
      title: `揭晓：${c.title}`,
      body: `经提名、公示、投票、评审和结果公示，「${c.title}」最终评出：${names}。感谢每一位参与的邻居，获评邻里已登上光荣榜。`,
      category: 'result',
      publicDays: 0,
      source: null,
    })
    await notify(ctx, db, winners.flatMap((w) => (w.memberId ? [w.memberId] : [])), {
      kind: 'award.winner',
      title: '你获评了！',
      body: `恭喜你获评「${c.title}」${c.winnerPoints > 0 ? `，获得 ${c.winnerPoints} 积分` : ''}`,
      link: campaignLink(c._id),
      key: `award-winner-${c._id}`,
    })
    if (await campaigns.update(c._id, { finalAt, finalNoticeId: finalNoticeId(c._id), updatedAt: now }, { finalAt: null })) {
      await ctx.audit({ action: 'award.winners.confirm', target: { collection: CAMPAIGNS, id: c._id }, after: { winners: winners.map((w) => w._id) } })
    }
    return { campaignId: c._id, noticeId: finalNoticeId(c._id), finalAt: iso(finalAt)!, winners: winners.map((w) => ({ candidateId: w._id, number: w.number, name: maskName(w.name), rank: w.rank })) }
  },
})
