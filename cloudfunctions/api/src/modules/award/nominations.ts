/**
 * Nominations: a verified resident nominates a neighbour (a member, or someone named)
 * or themself, with a story and photos; a nomination by others needs the campaign's
 * number of co-recommendations, one per household other than the nominator's and the
 * nominee's; the committee approves it or declines it with a reason the nominator
 * reads; publishing the approved ones as numbered candidates starts the candidates'
 * 公示, a notice residents may object to (modules/notice), and the committee answers
 * every objection before voting opens.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { nominationStatusLabel } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { photosFor, unpublishedPhotos } from '../../platform/media'
import { notify } from '../../platform/notify'
import { maskName } from '../../platform/privacy'
import { committeeMembers } from '../../platform/recipients'
import { isCommittee, residentById } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, name, ownFileId, text } from '../../platform/validation'
import { publishNotice } from '../notice'
import { CAMPAIGNS, CANDIDATES, DAY_MS, NOMINATIONS, candidateId, candidateNoticeId, nominationId, phaseOf, type Campaign, type Candidate, type Nomination, type RosterEntry } from './model'

const campaignLink = (campaignId: string) => pageLink('awards', { id: campaignId })
const MAX_CANDIDATES = 99

/** A nomination by others with enough households behind it is ready for review, whether or not its promotion landed. */
const ready = (n: Pick<Nomination, 'status' | 'secondCount' | 'needed'>) => n.status === 'pending' || (n.status === 'gathering' && n.secondCount >= n.needed)

/** Moves a nomination with enough co-recommendations on to review, once (a conditional update), and tells the committee. */
async function promote(ctx: Parameters<typeof notify>[0], db: ScopedDb, n: Nomination): Promise<void> {
  if (n.status !== 'gathering' || n.secondCount < n.needed) return
  if (!(await db.collection<Nomination>(NOMINATIONS).update(n._id, { status: 'pending' }, { status: 'gathering' }))) return
  await notify(ctx, db, await committeeMembers(db), { kind: 'award.nomination', title: '有新的提名待审核', body: `${n.nomineeName}：${n.story.slice(0, 40)}`, link: campaignLink(n.campaignId), key: `award-nomination-${n._id}` })
}

function nominationPhaseRefusal(c: Campaign, now: Date): string | null {
  const phase = phaseOf(c, now)
  if (phase === 'nomination') return null
  return phase === 'upcoming' ? `提名还没开始，${chinaTime(c.nominationStartAt)}开始` : `提名已于${chinaTime(c.nominationEndAt)}截止`
}

export const nominate = action({
  name: 'award.nominate',
  summary: '提名：推荐一位邻居（社区成员或写明姓名）或自荐，附事迹和最多 6 张已上传的图片；他人提名需达到评选设定的户数联名推荐后进入审核；文字和图片经微信安全检测（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({
    campaignId: id,
    nomineeMemberId: id.optional(),
    nomineeName: name(20, 2).optional(),
    category: text(12, 2).optional(),
    story: text(1000, 20),
    photos: z.array(ownFileId).max(6).default([]),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const refusal = nominationPhaseRefusal(c, now)
    if (refusal) throw precondition(refusal)
    const me = member.membership
    const self = input.nomineeMemberId ? input.nomineeMemberId === me._id : !input.nomineeName
    if (self && !c.selfNomination) throw forbidden('这次评选不接受自荐，请推荐身边的好邻居')
    if (input.category && c.categories.length > 0 && !c.categories.includes(input.category)) throw invalid(`类别只能是：${c.categories.join(' / ')}`)
    let nominee: { memberId: string | null; householdId: string | null; name: string }
    if (self) {
      nominee = { memberId: me._id, householdId: me.householdId ?? null, name: input.nomineeName ?? me.nickname ?? '邻居' }
    } else if (input.nomineeMemberId) {
      assertOwnId(db, input.nomineeMemberId, '没有这位居民')
      const other = await residentById(db, input.nomineeMemberId)
      nominee = { memberId: other._id, householdId: other.householdId ?? null, name: input.nomineeName ?? other.nickname ?? '邻居' }
    } else {
      nominee = { memberId: null, householdId: null, name: input.nomineeName! }
    }
    const nomId = nominationId(c._id, nominee)
    const submitted = await ctx.photos.submit(input.photos, 3)
    const needed = self ? 0 : c.coRecommendations
    const doc: Nomination = {
      _id: nomId,
      communityId: db.communityId,
      campaignId: c._id,
      nominatorId: me._id,
      nominatorHouseholdId: me.householdId ?? null,
      nomineeMemberId: nominee.memberId,
      nomineeHouseholdId: nominee.householdId,
      nomineeName: nominee.name,
      self,
      category: input.category ?? null,
      story: input.story,
      ...unpublishedPhotos(input.photos),
      status: needed > 0 ? 'gathering' : 'pending',
      needed,
      seconds: [],
      secondCount: 0,
      reviewReason: null,
      reviewedAt: null,
      reviewedBy: null,
      createdAt: now,
    }
    const nominations = db.collection<Nomination>(NOMINATIONS)
    const { communityId: _scoped, ...fields } = doc
    if ((await addOnce(nominations, fields)) === 'exists') {
      const existing = await nominations.get(nomId)
      if (existing?.nominatorId === me._id) throw conflict('你已经提名过这位邻居了')
      throw conflict(self ? '你已经被邻居提名了，不用再自荐' : '这位邻居已经被提名了，可以去为 TA 联名推荐')
    }
    await ctx.photos.record({ collection: NOMINATIONS, docId: nomId, field: 'photos', authorId: me._id, label: `「${c.title}」的提名`, link: campaignLink(c._id) }, submitted)
    if (doc.status === 'pending') {
      await notify(ctx, db, await committeeMembers(db), { kind: 'award.nomination', title: '有新的提名待审核', body: `${doc.nomineeName}：${doc.story.slice(0, 40)}`, link: campaignLink(c._id), key: `award-nomination-${nomId}` })
    }
    return { nominationId: nomId, status: doc.status, needed }
  },
})

export const secondNomination = action({
  name: 'award.nomination.second',
  summary: '联名推荐一个他人提名：每户一次，提名人和被提名人家里的不算；达到评选设定的户数后进入居委会审核（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ nominationId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.nominationId, '提名不存在')
    const now = clock.now()
    const nominations = db.collection<Nomination>(NOMINATIONS)
    const n = await nominations.require(input.nominationId, '提名不存在')
    const c = await db.collection<Campaign>(CAMPAIGNS).require(n.campaignId, '评选不存在')
    const refusal = nominationPhaseRefusal(c, now)
    if (refusal) throw precondition(refusal)
    const me = member.membership
    const household = me.householdId
    if (!household) throw precondition('联名推荐按户计算，请先登记你的住户')
    if (household === n.nominatorHouseholdId) throw forbidden('提名人家里的成员不能联名推荐，请邀请其他住户')
    if (household === n.nomineeHouseholdId) throw forbidden('被提名人家里的成员不能联名推荐')
    if (n.status !== 'gathering') throw precondition(n.self ? '自荐不需要联名推荐' : '这个提名已经不需要联名推荐了')
    // The household is the key: the update lands only while it is not among the seconds yet.
    const after = await nominations.updateAndReturn(
      n._id,
      { seconds: db._.push([{ householdId: household, memberId: me._id, at: now }]), secondCount: db._.inc(1) },
      { status: 'gathering', 'seconds.householdId': db._.neq(household) },
    )
    if (!after) {
      const seen = await nominations.require(n._id, '提名不存在')
      if (seen.seconds.some((s) => s.householdId === household)) throw conflict('你家已经联名推荐过这个提名了')
      throw precondition('这个提名已经不需要联名推荐了')
    }
    await promote(ctx, db, after)
    return { nominationId: n._id, secondCount: after.secondCount, needed: after.needed, status: ready(after) ? ('pending' as const) : ('gathering' as const) }
  },
})

export const listNominations = action({
  name: 'award.nomination.list',
  summary: '一次评选的提名：居民看到征集联名推荐中的提名和自己的提名（含审核意见），居委会看到全部；被提名人姓名打码',
  roles: ['resident', 'street'],
  input: z.strictObject({ campaignId: id, status: z.enum(['gathering', 'pending', 'approved', 'declined']).optional(), limit: limit(50, 20), cursor }),
  async run(ctx) {
    const { db, input, member } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const c = await db.collection<Campaign>(CAMPAIGNS).require(input.campaignId, '评选不存在')
    const committee = isCommittee(member)
    const me = member.membership
    const nominations = db.collection<Nomination>(NOMINATIONS)
    const query: Record<string, unknown> = { campaignId: c._id }
    if (input.status) query.status = input.status
    else if (!committee) query.status = db._.in(['gathering', 'pending', 'approved'])
    const offset = input.cursor ?? 0
    const rows = await nominations.find(query, { orderBy: [['createdAt', 'asc']], skip: offset, limit: input.limit + 1 })
    // A resident sees the nominations open to co-recommend, the candidates-to-be, and their own (declined ones with the reason).
    const own = !committee && offset === 0 ? await nominations.find({ campaignId: c._id, status: 'declined' }, { limit: 100 }) : []
    const visible = [...rows.slice(0, input.limit), ...own.filter((n) => n.nominatorId === me._id)].filter((n) => committee || n.status !== 'pending' || n.nominatorId === me._id)
    for (const n of visible) await promote(ctx, db, n)
    const open = phaseOf(c, ctx.clock.now()) === 'nomination'
    return {
      items: visible.map((n) => {
        const mine = n.nominatorId === me._id
        const seconded = n.seconds.some((s) => s.memberId === me._id || (!!me.householdId && s.householdId === me.householdId))
        const whyNotSecond =
          n.status !== 'gathering' || ready(n)
            ? '不需要联名推荐了'
            : !open
              ? '提名已截止'
              : seconded
                ? '你家已经联名推荐过'
                : !me.householdId
                  ? '请先登记住户'
                  : me.householdId === n.nominatorHouseholdId || me.householdId === n.nomineeHouseholdId
                    ? '提名人或被提名人家里的成员不能联名'
                    : me.status !== 'verified'
                      ? '联名推荐只限已认证的居民'
                      : null
        const status = ready(n) && n.status === 'gathering' ? 'pending' : n.status
        return {
          nominationId: n._id,
          nomineeName: committee || mine ? n.nomineeName : maskName(n.nomineeName),
          self: n.self,
          category: n.category,
          story: n.story,
          ...photosFor(n, n.nominatorId, { memberId: me._id, committee }),
          status,
          statusLabel: nominationStatusLabel(status),
          needed: n.needed,
          secondCount: n.secondCount,
          mine,
          secondedByMe: seconded,
          canSecond: whyNotSecond === null,
          whyNotSecond,
          reviewReason: committee || mine ? n.reviewReason : null,
          createdAt: iso(n.createdAt)!,
        }
      }),
      nextCursor: rows.length > input.limit ? String(offset + input.limit) : null,
    }
  },
})

export const reviewNomination = action({
  name: 'award.nomination.review',
  summary: '审核提名：通过（候选人公示前）或写明理由不通过，提名人会收到消息（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ nominationId: id, approve: z.boolean(), reason: text(200, 2).optional() }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    assertOwnId(db, input.nominationId, '提名不存在')
    const now = clock.now()
    const nominations = db.collection<Nomination>(NOMINATIONS)
    const n = await nominations.require(input.nominationId, '提名不存在')
    const c = await db.collection<Campaign>(CAMPAIGNS).require(n.campaignId, '评选不存在')
    if (c.publishedAt) throw precondition('候选人已经公示，不能再审核提名')
    if (!input.approve && !input.reason) throw invalid('不通过时请写明理由，提名人会看到')
    if (n.status === 'approved' || n.status === 'declined') throw conflict('这个提名已经审核过了')
    if (!ready(n)) throw precondition(`这个提名还差 ${n.needed - n.secondCount} 户联名推荐，暂不能审核`)
    const status = input.approve ? ('approved' as const) : ('declined' as const)
    const change = { status, reviewReason: input.reason ?? null, reviewedAt: now, reviewedBy: member.membership._id }
    if (!(await nominations.update(n._id, change, { status: db._.in(['pending', 'gathering']) }))) throw conflict('这个提名已经审核过了')
    await ctx.audit({ action: 'award.nomination.review', target: { collection: NOMINATIONS, id: n._id }, before: { status: n.status }, after: { status }, reason: input.reason })
    await notify(ctx, db, [n.nominatorId], {
      kind: 'award.review',
      title: input.approve ? '你的提名已通过审核' : '你的提名未通过审核',
      body: input.approve ? `${n.nomineeName}将作为「${c.title}」的候选人公示` : `「${c.title}」：${input.reason}`,
      link: campaignLink(c._id),
      template: 'reviewResult',
      key: `award-review-${n._id}`,
    })
    return { nominationId: n._id, status }
  },
})

/** The roster from the approved nominations, numbered in the order they came in. */
async function rosterOf(db: ScopedDb, c: Campaign): Promise<Array<RosterEntry & { nomination: Nomination }>> {
  const approved = await db.collection<Nomination>(NOMINATIONS).find({ campaignId: c._id, status: 'approved' }, { orderBy: [['createdAt', 'asc']], limit: MAX_CANDIDATES + 1 })
  approved.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a._id < b._id ? -1 : 1))
  return approved.map((n, i) => ({ number: i + 1, memberId: n.nomineeMemberId, nomination: n }))
}

const candidateOf = (c: Campaign, entry: RosterEntry, n: Nomination): Omit<Candidate, 'communityId'> => ({
  _id: candidateId(c._id, entry.number),
  campaignId: c._id,
  nominationId: n._id,
  number: entry.number,
  name: n.nomineeName,
  memberId: n.nomineeMemberId,
  category: n.category,
  story: n.story,
  photos: [...(n.publicPhotos ?? [])],
  votes: null,
  voided: null,
  held: null,
  juryScore: null,
  finalScore: null,
  rank: null,
  winner: false,
})

export const publishCandidates = action({
  name: 'award.candidates.publish',
  summary: '公示候选人：把通过审核的提名编号公示（发布公示公告，居民可在公示期内实名提出异议）；公示期不够时可同时推迟投票时间（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ campaignId: id, votingStartAt: z.iso.datetime({ offset: true }).optional(), votingEndAt: z.iso.datetime({ offset: true }).optional() }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.campaignId, '评选不存在')
    const now = clock.now()
    const campaigns = db.collection<Campaign>(CAMPAIGNS)
    let c = await campaigns.require(input.campaignId, '评选不存在')
    if (!c.publishedAt) {
      const phase = phaseOf(c, now)
      if (phase === 'upcoming' || phase === 'nomination') throw precondition(`提名${chinaTime(c.nominationEndAt)}截止后才能公示候选人`)
      if (phase !== 'review') throw precondition('投票时间已过，不能再公示候选人')
      const roster = await rosterOf(db, c)
      if (roster.length === 0) throw precondition('还没有通过审核的提名')
      if (roster.length > MAX_CANDIDATES) throw precondition(`候选人最多 ${MAX_CANDIDATES} 位`)
      const publicEnds = now.getTime() + c.candidatePublicDays * DAY_MS
      const votingStartAt = input.votingStartAt ? new Date(input.votingStartAt) : new Date(c.votingStartAt)
      const votingEndAt = input.votingEndAt ? new Date(input.votingEndAt) : new Date(c.votingEndAt)
      if (votingStartAt.getTime() < publicEnds) {
        throw precondition(`候选人公示需要 ${c.candidatePublicDays} 天，投票最早${chinaTime(new Date(publicEnds))}开始，请一并设置新的投票时间`)
      }
      if (votingEndAt.getTime() <= votingStartAt.getTime()) throw invalid('投票截止时间须晚于投票开始时间')
      if (votingEndAt.getTime() - votingStartAt.getTime() > 30 * DAY_MS) throw invalid('投票期最长 30 天')
      // The roster is fixed by this one conditional update; candidates and the notice follow from it (and a retry finishes them).
      const claim = { publishedAt: now, roster: roster.map(({ number, memberId }) => ({ number, memberId })), candidateNoticeId: candidateNoticeId(c._id), votingStartAt, votingEndAt, updatedAt: now }
      if (await campaigns.update(c._id, claim, { publishedAt: null })) {
        await ctx.audit({ action: 'award.candidates.publish', target: { collection: CAMPAIGNS, id: c._id }, after: { candidates: roster.length, votingStartAt, votingEndAt } })
      }
      c = await campaigns.require(c._id)
    }
    const roster = await ensureCandidates(db, c)
    const lines = roster.map((cand) => `${cand.number}号 ${maskName(cand.name)}${cand.category ? `（${cand.category}）` : ''}`).join('；')
    await publishNotice(db, new Date(c.publishedAt!), {
      _id: c.candidateNoticeId!,
      title: `候选人公示：${c.title}`,
      body: `经居民提名、联名推荐和居委会审核，「${c.title}」候选人如下：${lines}。公示期 ${c.candidatePublicDays} 天，如有异议，请在公示期内实名提出，居委会将在投票开始前逐条答复。投票${chinaTime(c.votingStartAt)}开始。`,
      category: 'announcement',
      publicDays: c.candidatePublicDays,
      source: null,
    })
    return { campaignId: c._id, candidates: roster.length, noticeId: c.candidateNoticeId!, votingStartAt: iso(c.votingStartAt)! }
  },
})

/** The candidate documents of the fixed roster, written once each (deterministic ids). */
async function ensureCandidates(db: ScopedDb, c: Campaign): Promise<Candidate[]> {
  const candidates = db.collection<Candidate>(CANDIDATES)
  const existing = await candidates.find({ campaignId: c._id }, { limit: MAX_CANDIDATES + 1 })
  if (existing.length === c.roster.length) return existing.sort((a, b) => a.number - b.number)
  const byMember = await rosterOf(db, c)
  const nominationByNumber = new Map(byMember.map((r) => [r.number, r.nomination]))
  for (const entry of c.roster) {
    const n = nominationByNumber.get(entry.number)
    if (!n) throw notFound(`候选人 ${entry.number} 号的提名找不到了`)
    await addOnce(candidates, candidateOf(c, entry, n))
  }
  return (await candidates.find({ campaignId: c._id }, { limit: MAX_CANDIDATES + 1 })).sort((a, b) => a.number - b.number)
}
