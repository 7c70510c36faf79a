/**
 * 微心愿: a resident in need posts a small wish — or a building lead or the committee
 * posts it on their behalf, recording how they agreed. The committee screens it before
 * it reaches the 心愿墙, where neighbours read the beneficiary's name masked. One
 * volunteer claims it (a conditional update on the wish's status: of many at once,
 * one lands), fulfils it with a photo, and the beneficiary or their building lead
 * confirms; the confirmation credits the volunteer's points through the ledger in the
 * same transaction that closes the wish, so it credits once whatever is retried.
 *
 * A claim not fulfilled in time, or dropped, returns the wish to the wall ahead of the
 * others; so does a wish that waited long unclaimed.
 *
 * The hours a volunteer states for a wish are not scanned, so they are never credited
 * hours (学分时长): confirmed by the beneficiary's side, they count as honour hours
 * (荣誉时长, modules/volunteer/totals) within the community's yearly cap, and stay on
 * the wish either way.
 */
import { z } from 'zod'
import { recordAssist, type Assist } from '../../platform/assist'
import { action, timer } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import type { ScopedDb, StoredDoc } from '../../platform/db'
import { forbidden, notFound, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { CONSENT_METHODS, WISH_CATEGORIES, consentMethodLabel, wishCategoryLabel, wishStatusLabel, type ConsentMethod, type WishCategory, type WishStatus } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { photosFor, unpublishedPhotos, type PhotoHolder } from '../../platform/media'
import { publicNames } from '../../platform/names'
import { notify } from '../../platform/notify'
import { findPage } from '../../platform/paging'
import { chinaDay, postEntry, servicePoints } from '../../platform/points'
import { registerPersonalData } from '../../platform/personal'
import { maskName } from '../../platform/privacy'
import { committeeMembers } from '../../platform/recipients'
import { isCommittee, type Membership } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, name, ownFileId, text } from '../../platform/validation'
import type { Caller } from '../../platform/action'
import { addHonourMinutes } from '../volunteer/totals'
import { waitedUntil, WAITING_DAYS } from './due'

export const WISHES = 'wishes'

const DAY = 86_400_000
/** How long a volunteer has to fulfil a claimed wish before it returns to the wall. */
export const CLAIM_DAYS = 7

export interface Wish extends StoredDoc, PhotoHolder {
  title: string
  content: string
  category: WishCategory
  /** the day (China time, YYYY-MM-DD) the wish is wanted by */
  byDate: string
  /** the beneficiary's member id when they have one (an elder without WeChat may not) */
  beneficiaryId: string | null
  /** the beneficiary's name: shown masked on the wall, in full to those who look after the wish */
  beneficiaryName: string
  buildingId: string | null
  postedBy: string
  /** posted by a building lead or the committee for someone else, with their consent */
  consent: { method: ConsentMethod; note: string | null; recordedBy: string; at: Date } | null
  status: WishStatus
  /** higher first on the wall: each return (claim lapsed or dropped, long unclaimed) adds one */
  priority: number
  returns: number
  /** when it (last) came onto the wall */
  openedAt: Date | null
  screenedBy: string | null
  rejectReason: string | null
  claimerId: string | null
  claimedAt: Date | null
  claimDueAt: Date | null
  /** volunteers who gave it up or let it lapse (they may claim again) */
  droppedBy: string[]
  fulfilNote: string | null
  fulfilledAt: Date | null
  /** service hours the volunteer states (not scanned: never credited hours) */
  hours: number | null
  confirmedBy: string | null
  confirmedAt: Date | null
  /** points credited to the volunteer on confirmation */
  points: number | null
  /** the hours were added to the volunteer's honour hours (false: over the yearly cap) */
  honourCounted?: boolean
  createdAt: Date
  updatedAt: Date
}

const wishLink = (wishId: string) => pageLink('wish', { id: wishId })

const byDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`)), '日期不对')

const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** Who looks after the wish: the beneficiary, the poster, building leads of the building, the committee. */
function relation(w: Wish, caller: Caller, me: string) {
  const m = caller.membership
  const committee = isCommittee(caller)
  const lead = caller.roles.has('buildingLead') && !!w.buildingId && (m?.buildingIds ?? []).includes(w.buildingId)
  const beneficiary = w.beneficiaryId === me
  const poster = w.postedBy === me
  const claimer = w.claimerId === me
  /** the beneficiary confirms; for them, their building lead, whoever posted for them or the committee; never the volunteer */
  const confirmer = !claimer && (beneficiary || lead || committee || (poster && w.consent !== null))
  return { committee, lead, beneficiary, poster, claimer, confirmer, carer: beneficiary || poster || lead || committee }
}

function wallView(w: Wish) {
  return {
    id: w._id,
    title: w.title,
    content: w.content,
    category: w.category,
    categoryLabel: wishCategoryLabel(w.category),
    beneficiary: maskName(w.beneficiaryName),
    byDate: w.byDate,
    status: w.status,
    statusLabel: wishStatusLabel(w.status),
    /** returned to the wall after a lapsed or dropped claim, or waited long: shown first, marked 优先 */
    priority: w.priority > 0,
    openedAt: iso(w.openedAt),
  }
}

export const createWish = action({
  name: 'wish.create',
  summary: '发布微心愿（已认证居民为自己；楼栋长或居委会代为发布须记录本人同意方式）；居委会审核后上心愿墙',
  roles: ['verified', 'buildingLead', 'committee', 'admin'],
  input: z.strictObject({
    title: text(30, 2),
    content: text(300, 4),
    category: z.enum(WISH_CATEGORIES),
    byDate,
    /** posting for someone else: who (their member id if they have one), where, and how they agreed */
    onBehalf: z
      .strictObject({
        name: name(20, 1),
        buildingId: id,
        memberId: id.optional(),
        consent: z.enum(CONSENT_METHODS),
        consentNote: text(100).optional(),
      })
      .optional(),
  }),
  async run(ctx) {
    const { db, input, member, caller, clock } = ctx
    const me = member.membership._id
    const now = clock.now()
    const today = chinaDate(now)
    if (input.byDate <= today) throw precondition('期望实现日期须在今天之后')
    if (input.byDate > chinaDate(new Date(now.getTime() + 90 * DAY))) throw precondition('期望实现日期须在 90 天以内')
    let beneficiary: { id: string | null; name: string; buildingId: string | null }
    let leadsHere = false
    if (input.onBehalf) {
      const o = input.onBehalf
      const committee = isCommittee(caller)
      const leads = caller.roles.has('buildingLead') && (member.membership.buildingIds ?? []).includes(o.buildingId)
      leadsHere = leads
      if (!committee && !leads) throw forbidden('只有该楼栋的楼栋长或居委会可以代为发布')
      assertOwnId(db, o.buildingId, '没有这栋楼')
      await db.collection('buildings').require(o.buildingId, '没有这栋楼')
      if (o.memberId) {
        assertOwnId(db, o.memberId, '没有这位居民')
        const b = await db.collection<Membership>('memberships').get(o.memberId)
        if (!b || b.status === 'left' || b.buildingId !== o.buildingId) throw precondition('这位居民不住在所选楼栋')
      }
      beneficiary = { id: o.memberId ?? null, name: o.name, buildingId: o.buildingId }
    } else {
      if (!caller.roles.has('verified')) throw forbidden('为自己发布心愿须先完成住户认证')
      beneficiary = { id: me, name: member.membership.nickname ?? '邻居', buildingId: member.membership.buildingId ?? null }
    }
    const wishId = newId(db, 'wish', now)
    const wish: Omit<Wish, 'communityId'> = {
      _id: wishId,
      title: input.title,
      content: input.content,
      category: input.category,
      byDate: input.byDate,
      beneficiaryId: beneficiary.id,
      beneficiaryName: beneficiary.name,
      buildingId: beneficiary.buildingId,
      postedBy: me,
      consent: input.onBehalf ? { method: input.onBehalf.consent, note: input.onBehalf.consentNote ?? null, recordedBy: me, at: now } : null,
      status: 'pending',
      priority: 0,
      returns: 0,
      openedAt: null,
      screenedBy: null,
      rejectReason: null,
      claimerId: null,
      claimedAt: null,
      claimDueAt: null,
      droppedBy: [],
      fulfilNote: null,
      fulfilledAt: null,
      hours: null,
      ...unpublishedPhotos([]),
      confirmedBy: null,
      confirmedAt: null,
      points: null,
      createdAt: now,
      updatedAt: now,
    }
    await db.collection<Wish>(WISHES).add(wish)
    if (input.onBehalf?.memberId) {
      // A beneficiary who has the app hears of it in 消息, as for every act done for them (platform/assist.ts).
      const assist: Assist = { by: me, as: leadsHere ? 'buildingLead' : 'committee', method: input.onBehalf.consent, note: input.onBehalf.consentNote ?? null, consentAt: now, at: now }
      await recordAssist(ctx, { _id: input.onBehalf.memberId }, assist, {
        kind: 'wish.create',
        action: 'wish.create.onBehalf',
        target: { collection: WISHES, id: wishId },
        what: `发布了微心愿「${input.title}」，居委会审核后上心愿墙`,
        link: wishLink(wishId),
        key: wishId,
        after: { beneficiary: maskName(beneficiary.name) },
      })
    } else if (input.onBehalf) {
      await ctx.audit({ action: 'wish.create.onBehalf', target: { collection: WISHES, id: wishId }, after: { beneficiary: maskName(beneficiary.name), consent: consentMethodLabel(input.onBehalf.consent) } })
    }
    await notify(ctx, db, await committeeMembers(db), {
      kind: 'wish.pending',
      title: '有新的微心愿待审核',
      body: `「${input.title}」等待审核，审核通过后上心愿墙`,
      link: wishLink(wishId),
      template: 'reviewResult',
      key: `wish-pending-${wishId}`,
    })
    return { wishId, status: 'pending' as const }
  },
})

async function requireWish(db: ScopedDb, wishId: string) {
  assertOwnId(db, wishId, '没有这个心愿')
  return db.collection<Wish>(WISHES).require(wishId, '没有这个心愿')
}

/** Those told when the wish moves: the beneficiary (when they have the app) and whoever posted it. */
const carers = (w: Wish) => [...new Set([w.postedBy, ...(w.beneficiaryId ? [w.beneficiaryId] : [])])]

export const reviewWish = action({
  name: 'wish.review',
  summary: '审核微心愿：通过则上心愿墙，不通过须写明原因（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ wishId: id, approve: z.boolean(), reason: text(200, 2).optional() }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const w = await requireWish(db, input.wishId)
    if (!input.approve && !input.reason) throw precondition('不通过须写明原因')
    const now = clock.now()
    const patch = input.approve
      ? { status: 'open', openedAt: now, screenedBy: member.membership._id, updatedAt: now }
      : { status: 'rejected', rejectReason: input.reason, screenedBy: member.membership._id, updatedAt: now }
    // Before the wish goes up: the alarm for when a wait this long moves it ahead (wish.sweep).
    if (input.approve && w.status === 'pending') await armAlarm(db, [waitedUntil(now)], now)
    if (!(await db.collection<Wish>(WISHES).update(w._id, patch, { status: 'pending' }))) throw precondition('这个心愿已经审核过了')
    await ctx.audit({ action: 'wish.review', target: { collection: WISHES, id: w._id }, before: { status: 'pending' }, after: { status: patch.status }, reason: input.reason })
    await notify(ctx, db, carers(w), {
      kind: input.approve ? 'wish.open' : 'wish.rejected',
      title: input.approve ? '微心愿已上心愿墙' : '微心愿未通过审核',
      body: input.approve ? `「${w.title}」已通过审核，等待志愿者认领` : `「${w.title}」未通过审核：${input.reason!.slice(0, 40)}`,
      link: wishLink(w._id),
      template: 'reviewResult',
      key: `wish-reviewed-${w._id}`,
    })
    return { wishId: w._id, status: patch.status as WishStatus }
  },
})

export const claimWish = action({
  name: 'wish.claim',
  summary: '认领心愿墙上的一个心愿（志愿者；同时认领只有一人成功；须在 7 天内实现，否则回到心愿墙）',
  roles: ['volunteer'],
  input: z.strictObject({ wishId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const me = member.membership._id
    const w = await requireWish(db, input.wishId)
    if (w.claimerId === me && w.status === 'claimed') return { wishId: w._id, status: 'already' as const, claimDueAt: iso(w.claimDueAt)! }
    if (w.beneficiaryId === me || w.postedBy === me) throw precondition('不能认领自己发布或为自己发布的心愿')
    if (w.status !== 'open') throw precondition(w.status === 'claimed' ? '这个心愿已被其他志愿者认领' : '这个心愿不在心愿墙上')
    const now = clock.now()
    const due = new Date(now.getTime() + CLAIM_DAYS * DAY)
    // Before the claim lands: the alarm for its lapse (wish.sweep), so no crash leaves a claim that never returns.
    await armAlarm(db, [due], now)
    // Conditional on the wish still being open: of volunteers claiming at once, one update lands.
    const claimed = await db.collection<Wish>(WISHES).update(w._id, { status: 'claimed', claimerId: me, claimedAt: now, claimDueAt: due, updatedAt: now }, { status: 'open' })
    if (!claimed) {
      const again = await db.collection<Wish>(WISHES).get(w._id)
      if (again?.claimerId === me && again.status === 'claimed') return { wishId: w._id, status: 'already' as const, claimDueAt: iso(again.claimDueAt)! }
      throw precondition('这个心愿已被其他志愿者认领')
    }
    await notify(ctx, db, carers(w), {
      kind: 'wish.claimed',
      title: '微心愿已被认领',
      body: `「${w.title}」已有志愿者认领，将在 ${chinaTime(due)} 前实现`,
      link: wishLink(w._id),
      key: `wish-claimed-${w._id}-${now.getTime()}`,
    })
    return { wishId: w._id, status: 'claimed' as const, claimDueAt: iso(due)! }
  },
})

export const dropWish = action({
  name: 'wish.drop',
  summary: '放弃已认领的心愿（认领的志愿者）：心愿优先回到心愿墙',
  roles: ['volunteer'],
  input: z.strictObject({ wishId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const me = member.membership._id
    const w = await requireWish(db, input.wishId)
    if (w.claimerId !== me || w.status !== 'claimed') throw precondition('你没有认领这个心愿')
    const now = clock.now()
    const back = await db.collection<Wish>(WISHES).update(w._id, returnToWall(db, now, me), { status: 'claimed', claimerId: me })
    if (!back) throw precondition('你没有认领这个心愿')
    await notify(ctx, db, await committeeMembers(db), {
      kind: 'wish.returned',
      title: '一个心愿回到了心愿墙',
      body: `「${w.title}」的志愿者放弃了认领，心愿已优先回到心愿墙`,
      link: wishLink(w._id),
      key: `wish-dropped-${w._id}-${now.getTime()}`,
    })
    return { wishId: w._id, status: 'open' as const }
  },
})

/** Back on the wall, ahead of the others: the update of a lapsed or dropped claim. */
const returnToWall = (db: Pick<ScopedDb, '_'>, now: Date, claimerId: string) => ({
  status: 'open',
  priority: db._.inc(1),
  returns: db._.inc(1),
  droppedBy: db._.addToSet(claimerId),
  openedAt: now,
  claimerId: null,
  claimedAt: null,
  claimDueAt: null,
  updatedAt: now,
})

export const fulfilWish = action({
  name: 'wish.fulfil',
  summary: '心愿已实现：认领的志愿者上传照片、说明和服务时长，等待受助人或楼栋长确认',
  roles: ['volunteer'],
  input: z.strictObject({
    wishId: id,
    note: text(300, 4),
    photos: z.array(ownFileId).min(1, '请上传至少一张照片').max(3),
    /** hours of service given, in half hours */
    hours: z.number().min(0.5).max(8).multipleOf(0.5),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const me = member.membership._id
    const w = await requireWish(db, input.wishId)
    if (w.claimerId !== me || w.status !== 'claimed') throw precondition(w.status === 'fulfilled' && w.claimerId === me ? '已提交，等待确认' : '只有认领的志愿者可以提交实现情况')
    const submitted = await ctx.photos.submit(input.photos, 3)
    const now = clock.now()
    const done = await db
      .collection<Wish>(WISHES)
      .update(w._id, { status: 'fulfilled', fulfilNote: input.note, hours: input.hours, fulfilledAt: now, ...unpublishedPhotos(input.photos), updatedAt: now }, { status: 'claimed', claimerId: me })
    if (!done) throw precondition('只有认领的志愿者可以提交实现情况')
    await ctx.photos.record({ collection: WISHES, docId: w._id, field: 'photos', authorId: me, label: `微心愿「${w.title}」`, link: wishLink(w._id) }, submitted)
    const leads = w.buildingId ? await db.collection<Membership>('memberships').find({ roles: 'buildingLead' }, { limit: 100, fields: { buildingIds: true, status: true } }) : []
    const confirmers = [...carers(w), ...leads.filter((m) => m.status !== 'left' && (m.buildingIds ?? []).includes(w.buildingId!)).map((m) => m._id)]
    await notify(ctx, db, confirmers, {
      kind: 'wish.fulfilled',
      title: '微心愿已实现，请确认',
      body: `「${w.title}」志愿者已上传照片，请确认后为志愿者记录服务`,
      link: wishLink(w._id),
      template: 'taskProgress',
      key: `wish-fulfilled-${w._id}`,
    })
    return { wishId: w._id, status: 'fulfilled' as const }
  },
})

export const confirmWish = action({
  name: 'wish.confirm',
  summary: '确认心愿已实现（受助人本人，或其楼栋长、代为发布的人、居委会；认领的志愿者不能确认）：志愿者获得服务积分，服务时长计入荣誉时长（每年上限内）',
  roles: ['resident'],
  input: z.strictObject({ wishId: id }),
  async run(ctx) {
    const { db, input, member, caller, clock } = ctx
    const me = member.membership._id
    const w = await requireWish(db, input.wishId)
    if (!relation(w, caller, me).confirmer) throw forbidden('只有受助人本人、其楼栋长、代为发布的人或居委会可以确认')
    const now = clock.now()
    const settings = await ctx.settings
    const rules = settings.points
    const outcome = await db.transaction(async (tx) => {
      const cur = await tx.get<Wish>(WISHES, w._id)
      if (!cur) throw notFound('没有这个心愿')
      if (cur.status === 'done') return { already: true, points: cur.points ?? 0, claimerId: cur.claimerId }
      if (cur.status !== 'fulfilled' || !cur.claimerId) throw precondition('心愿还没有实现，不能确认')
      const minutes = Math.round((cur.hours ?? 0) * 60)
      const earned = servicePoints(minutes, rules.perServiceHour)
      let points = 0
      if (earned > 0) {
        const credit = await postEntry(tx, { memberId: cur.claimerId, amount: earned, kind: 'service', source: `wish:${cur._id}`, label: `实现微心愿「${cur.title}」`, by: me, at: now }, rules.dailyCap)
        points = credit.amount
      }
      // Not scanned, confirmed by a second person: honour hours (荣誉时长), never credited hours or stars.
      // Past the community's yearly cap they stay on the wish only.
      const honour = minutes > 0 ? await addHonourMinutes(tx, cur.claimerId, minutes, chinaDay(now).slice(0, 4), now, settings.honourHoursCapPerYear * 60) : 'overCap'
      await tx.update(WISHES, cur._id, { status: 'done', confirmedBy: me, confirmedAt: now, points, honourCounted: honour !== 'overCap', updatedAt: now })
      return { already: false, points, claimerId: cur.claimerId }
    })
    if (!outcome.already && outcome.claimerId) {
      await notify(ctx, db, [outcome.claimerId], {
        kind: 'wish.done',
        title: '你实现的微心愿已确认',
        body: `「${w.title}」已确认，服务时长 ${w.hours ?? 0} 小时已记录${outcome.points ? `，获得 ${outcome.points} 积分` : ''}`,
        link: wishLink(w._id),
        key: `wish-done-${w._id}`,
      })
    }
    return { wishId: w._id, status: 'done' as const, points: outcome.points }
  },
})

export const withdrawWish = action({
  name: 'wish.withdraw',
  summary: '撤回还没有人认领的心愿（发布人或居委会）',
  roles: ['resident'],
  input: z.strictObject({ wishId: id }),
  async run(ctx) {
    const { db, input, member, caller, clock } = ctx
    const w = await requireWish(db, input.wishId)
    const r = relation(w, caller, member.membership._id)
    if (!r.poster && !r.committee) throw forbidden('只有发布人或居委会可以撤回')
    const now = clock.now()
    if (!(await db.collection<Wish>(WISHES).update(w._id, { status: 'withdrawn', updatedAt: now }, { status: db._.in(['pending', 'open']) }))) throw precondition('心愿已被认领或已结束，不能撤回')
    if (!r.poster) await ctx.audit({ action: 'wish.withdraw', target: { collection: WISHES, id: w._id }, before: { status: w.status }, after: { status: 'withdrawn' } })
    return { wishId: w._id, status: 'withdrawn' as const }
  },
})

export const wishWall = action({
  name: 'wish.wall',
  summary: '心愿墙：审核通过、等待认领的心愿，优先的在前（受助人姓名打码）',
  roles: ['resident'],
  input: z.strictObject({ cursor, limit: limit(50, 20) }),
  async run({ db, input, caller }) {
    const { page, nextCursor } = await findPage(db.collection<Wish>(WISHES), { status: 'open' }, [['priority', 'desc'], ['openedAt', 'asc']], input)
    return { items: page.map(wallView), nextCursor, canClaim: caller.roles.has('volunteer') }
  },
})

export const getWish = action({
  name: 'wish.get',
  summary: '心愿详情：进展、实现照片，以及我能做的操作（认领、放弃、提交实现、确认、审核、撤回）',
  roles: ['resident'],
  input: z.strictObject({ wishId: id }),
  async run({ db, input, member, caller }) {
    const me = member.membership._id
    const w = await requireWish(db, input.wishId)
    const r = relation(w, caller, me)
    const onWall = ['open', 'claimed', 'fulfilled', 'done'].includes(w.status)
    if (!onWall && !r.carer) throw notFound('没有这个心愿')
    const names = await publicNames(db, w.claimerId ? [w.claimerId] : [])
    const volunteer = caller.roles.has('volunteer')
    return {
      ...wallView(w),
      beneficiary: r.carer ? w.beneficiaryName : maskName(w.beneficiaryName),
      claimer: w.claimerId ? names(w.claimerId) : null,
      claimedByMe: r.claimer,
      claimDueAt: iso(w.claimDueAt),
      returns: w.returns,
      rejectReason: r.carer ? w.rejectReason : null,
      consent: r.carer && w.consent ? { method: w.consent.method, label: consentMethodLabel(w.consent.method), note: w.consent.note } : null,
      fulfilNote: w.fulfilNote,
      fulfilledAt: iso(w.fulfilledAt),
      ...photosFor(w, w.claimerId, { memberId: me, committee: r.committee }),
      hours: w.hours,
      confirmedAt: iso(w.confirmedAt),
      points: r.claimer || r.carer ? w.points : null,
      createdAt: iso(w.createdAt)!,
      can: {
        claim: volunteer && w.status === 'open' && !r.beneficiary && !r.poster,
        drop: r.claimer && w.status === 'claimed',
        fulfil: r.claimer && w.status === 'claimed',
        confirm: r.confirmer && w.status === 'fulfilled',
        review: r.committee && w.status === 'pending',
        withdraw: (r.poster || r.committee) && (w.status === 'pending' || w.status === 'open'),
      },
    }
  },
})

function mineView(w: Wish, me: string) {
  const role = w.claimerId === me ? ('claimer' as const) : w.postedBy === me ? ('poster' as const) : ('beneficiary' as const)
  return { ...wallView(w), beneficiary: role === 'claimer' ? maskName(w.beneficiaryName) : w.beneficiaryName,
    role,
    hours: role === 'claimer' ? w.hours : null,
    points: role === 'claimer' ? w.points : null,
    updatedAt: iso(w.updatedAt)!,
  }
}

async function wishesOf(db: ScopedDb, me: string) {
  const coll = db.collection<Wish>(WISHES)
  const opts = { orderBy: [['createdAt', 'desc']] as Array<[string, 'desc']>, limit: 200 }
  const lists = await Promise.all([coll.find({ postedBy: me }, opts), coll.find({ beneficiaryId: me }, opts), coll.find({ claimerId: me }, opts)])
  const seen = new Map<string, Wish>()
  for (const w of lists.flat()) seen.set(w._id, w)
  return [...seen.values()].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
}

export const myWishes = action({
  name: 'wish.mine',
  summary: '我的心愿：我发布的、为我发布的和我认领的；认领的心愿附服务时长和积分',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ db, member }) {
    const me = member.membership._id
    const items = (await wishesOf(db, me)).map((w) => mineView(w, me))
    const served = items.filter((w) => w.role === 'claimer' && w.status === 'done')
    return { items, servedWishes: served.length, servedHours: served.reduce((n, w) => n + (w.hours ?? 0), 0) }
  },
})

export const wishQueue = action({
  name: 'wish.queue',
  summary: '心愿管理（居委会）：按状态列出，待审核的最早的在前；含受助人全名和同意方式',
  roles: ['committee', 'admin'],
  input: z.strictObject({ status: z.enum(['pending', 'open', 'claimed', 'fulfilled', 'done', 'rejected', 'withdrawn']).default('pending'), cursor, limit: limit(50, 20) }),
  async run({ db, input }) {
    const { page, nextCursor } = await findPage(db.collection<Wish>(WISHES), { status: input.status }, [['createdAt', input.status === 'pending' ? 'asc' : 'desc']], input)
    return {
      items: page.map((w) => ({ ...wallView(w), beneficiary: w.beneficiaryName, onBehalf: w.consent !== null, consent: w.consent ? consentMethodLabel(w.consent.method) : null, createdAt: iso(w.createdAt)! })),
      nextCursor,
    }
  },
})

/**
 * Claims past their time return to the wall ahead of the others (the volunteer is
 * told); a wish waiting on the wall long without a claim moves ahead once. A claim
 * arms the alarm for its due moment, an approval for the end of the wait.
 */
export const sweepWishes = timer({
  name: 'wish.sweep',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const { crossCommunity, clock } = services
    const now = clock.now()
    const _ = crossCommunity._
    const wishes = crossCommunity.collection<Wish>(WISHES)
    let returned = 0
    for (const w of await wishes.find({ status: 'claimed', claimDueAt: _.lte(now) }, { limit: 100 })) {
      const db = crossCommunity.in(w.communityId)
      if (!(await db.collection<Wish>(WISHES).update(w._id, returnToWall(db, now, w.claimerId!), { status: 'claimed', claimerId: w.claimerId }))) continue
      returned++
      await notify(services, db, [w.claimerId!], {
        kind: 'wish.returned',
        title: '认领的心愿已回到心愿墙',
        body: `「${w.title}」认领后 ${CLAIM_DAYS} 天未提交实现，已回到心愿墙，其他志愿者可以认领`,
        link: wishLink(w._id),
        key: `wish-lapsed-${w._id}-${new Date(w.claimedAt!).getTime()}`,
      })
    }
    const waited = new Date(now.getTime() - WAITING_DAYS * DAY)
    let raised = 0
    for (const w of await wishes.find({ status: 'open', priority: 0, openedAt: _.lte(waited) }, { limit: 100 })) {
      raised += await wishes.update(w._id, { priority: 1, updatedAt: now }, { status: 'open', priority: 0 })
    }
    return { returned, raised }
  },
})

registerPersonalData({
  name: 'wishes',
  async export(db, m) {
    const wishes = await wishesOf(db, m._id)
    return wishes.map((w) => ({ ...mineView(w, m._id), content: w.content, fulfilNote: w.claimerId === m._id ? w.fulfilNote : null, createdAt: iso(w.createdAt)! }))
  },
  // A wish for someone who left is withdrawn unless under way, and no longer carries their name;
  // a wish they had claimed goes back to the wall for another volunteer.
  async forget(db, m) {
    const wishes = db.collection<Wish>(WISHES)
    await wishes.updateWhere({ beneficiaryId: m._id, status: db._.in(['pending', 'open']) }, { status: 'withdrawn' })
    await wishes.updateWhere({ beneficiaryId: m._id }, { beneficiaryName: '已离开的居民' })
    await wishes.updateWhere(
      { claimerId: m._id, status: 'claimed' },
      { status: 'open', priority: db._.inc(1), returns: db._.inc(1), claimerId: null, claimedAt: null, claimDueAt: null },
    )
  },
})

export const actions = [createWish, reviewWish, claimWish, dropWish, fulfilWish, confirmWish, withdrawWish, wishWall, getWish, myWishes, wishQueue] as const
export const timers = [sweepWishes] as const
