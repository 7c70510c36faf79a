/**
 * 让邻知事: the public board. The committee (and the council's decisions and tasks)
 * publish notices, some with a 公示 period during which residents may object.
 */
import { z } from 'zod'
import { action, timer } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import { addOnce, type ScopedDb, type StoredDoc } from '../../platform/db'
import { conflict, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { NOTICE_CATEGORIES, type NoticeCategory } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { publicNames } from '../../platform/names'
import { notify } from '../../platform/notify'
import { payOwed, type OwingDoc } from '../../platform/owed'
import { committeeMembers } from '../../platform/recipients'
import { iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'

export interface Notice extends StoredDoc {
  title: string
  body: string
  summary?: string
  category: NoticeCategory
  status: 'draft' | 'published'
  publishedAt: Date | null
  /** end of the 公示 period; objections may be filed until then */
  publicUntil: Date | null
  publicityOpen: boolean
  /** what the notice reports on, when it was published by the system (a decision, a task) */
  source?: { kind: 'decision' | 'task' | 'activity'; id: string } | null
  /** the member who published it by hand; they answer objections, they do not file them */
  publishedBy?: string | null
}

/**
 * 异议: a resident's objection to a notice during its 公示 period, answered by the
 * committee in public. A notice's objections are counted from these documents, never
 * kept as a second number beside them that a crash could leave behind.
 */
export interface Objection extends OwingDoc {
  noticeId: string
  authorId: string
  text: string
  answer: string | null
  answeredAt: Date | null
  createdAt: Date
}

/** One objection per resident per notice: a second is a follow-up the committee's answer should address. */
export const objectionId = (noticeId: string, memberId: string) => `${noticeId}:obj:${memberId}`

const DAY = 86_400_000
const noticeLink = (noticeId: string) => pageLink('notice', { id: noticeId })

/** Publishes a notice at once, with a 公示 period of `publicDays` (0: none). A deterministic id publishes it once. */
export async function publishNotice(
  db: ScopedDb,
  now: Date,
  n: { _id?: string; title: string; body: string; category: Notice['category']; publicDays: number; source?: Notice['source']; publishedBy?: string },
): Promise<string> {
  const _id = n._id ?? newId(db, 'notice', now)
  const publicUntil = n.publicDays > 0 ? new Date(now.getTime() + n.publicDays * DAY) : null
  const notice = { _id, title: n.title, body: n.body, category: n.category, status: 'published' as const, publishedAt: now, publicUntil, publicityOpen: !!publicUntil, source: n.source ?? null, publishedBy: n.publishedBy ?? null }
  // Armed before the notice is written: a crash between leaves an extra sweep, never a period left open.
  if (publicUntil) await armAlarm(db, [publicUntil], now)
  await addOnce(db.collection<Notice>('notices'), notice)
  return _id
}

/** Objections are taken while the 公示 period runs, by the server's clock (the timer only tidies the flag). */
const inPublicity = (n: Notice, now: Date) => n.publicityOpen && !!n.publicUntil && new Date(n.publicUntil).getTime() > now.getTime()

const summarize = (n: Notice) => n.summary ?? (n.body.length > 60 ? `${n.body.slice(0, 60)}…` : n.body)

/** A notice as the board lists it (notice.list, and 首页's latest in home.today). */
export const noticeItem = (n: Notice, now: Date) => ({
  id: n._id,
  title: n.title,
  summary: summarize(n),
  category: n.category,
  publishedAt: n.publishedAt ? new Date(n.publishedAt).toISOString() : '',
  publicUntil: n.publicUntil ? new Date(n.publicUntil).toISOString() : null,
  publicityOpen: inPublicity(n, now),
})

export const listNotices = action({
  name: 'notice.list',
  summary: '公告栏（让邻知事）：本社区已发布的公告，最新在前',
  roles: ['resident', 'street'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input, clock }) {
    const now = clock.now()
    const offset = input.cursor ?? 0
    const rows = await db.collection<Notice>('notices').find(
      { status: 'published' },
      { orderBy: [['publishedAt', 'desc']], skip: offset, limit: input.limit + 1 },
    )
    const page = rows.slice(0, input.limit)
    return {
      items: page.map((n) => noticeItem(n, now)),
      nextCursor: rows.length > input.limit ? String(offset + input.limit) : null,
    }
  },
})

export const getNotice = action({
  name: 'notice.get',
  summary: '公告详情：正文、公示期、居民提出的异议和居委会的公开答复（提出人显示为打码的昵称）',
  roles: ['resident', 'street'],
  input: z.strictObject({ noticeId: id }),
  async run({ db, input, member, clock }) {
    assertOwnId(db, input.noticeId, '公告不存在')
    const n = await db.collection<Notice>('notices').require(input.noticeId, '公告不存在')
    if (n.status !== 'published') throw precondition('公告尚未发布')
    const objections = await db.collection<Objection>('objections').find({ noticeId: n._id }, { orderBy: [['createdAt', 'asc']], limit: 200 })
    const nameOf = await publicNames(db, objections.map((o) => o.authorId))
    const me = member.membership._id
    const now = clock.now()
    return {
      id: n._id,
      title: n.title,
      body: n.body,
      category: n.category,
      publishedAt: iso(n.publishedAt) ?? '',
      publicUntil: iso(n.publicUntil),
      publicityOpen: inPublicity(n, now),
      source: n.source ?? null,
      canObject: inPublicity(n, now) && member.roles.has('verified') && n.publishedBy !== me && !objections.some((o) => o.authorId === me),
      objections: objections.map((o) => ({ id: o._id, authorName: nameOf(o.authorId), isMine: o.authorId === me, text: o.text, answer: o.answer, answeredAt: iso(o.answeredAt), createdAt: iso(o.createdAt)! })),
    }
  },
})

export const publishNoticeAction = action({
  name: 'notice.publish',
  summary: '发布公告：决议、进度、收支或结果，可设公示期（天），公示期内居民可提出异议（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ title: text(60, 4), body: text(4000, 10), category: z.enum(NOTICE_CATEGORIES), publicDays: z.number().int().min(0).max(30).default(0) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const noticeId = await publishNotice(db, now, { ...input, publishedBy: ctx.member.membership._id })
    await ctx.audit({ action: 'notice.publish', target: { collection: 'notices', id: noticeId }, after: input })
    return { noticeId, publicUntil: input.publicDays ? new Date(now.getTime() + input.publicDays * DAY).toISOString() : null }
  },
})

/** The committee hears of an objection once, whoever delivers it. */
async function tellCommittee(ctx: Parameters<typeof notify>[0] & { db: ScopedDb }, n: Notice, o: Objection) {
  const { db } = ctx
  await payOwed(db, 'objections', o, async (key) => {
    if (key !== 'committee') return
    await notify(ctx, db, await committeeMembers(db), { kind: 'notice.objection', title: '公示收到异议', body: `「${n.title}」：${o.text.slice(0, 40)}`, link: noticeLink(n._id), key: `objection-${o._id}` })
  })
}

export const objectToNotice = action({
  name: 'notice.object',
  summary: '对公示提出异议（公示期内，每人每条一次）；居委会会公开答复（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ noticeId: id, text: text(500, 5) }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.noticeId, '公告不存在')
    const now = clock.now()
    const notices = db.collection<Notice>('notices')
    const n = await notices.require(input.noticeId, '公告不存在')
    if (!inPublicity(n, now)) throw precondition(n.publicUntil ? '公示期已结束，不能再提出异议' : '这条公告没有公示期，不接受异议')
    const me = member.membership._id
    if (n.publishedBy === me) throw precondition('这是你发布的公告：居民的异议会通知你，由你公开答复')
    const objId = objectionId(n._id, me)
    // One insert: the objection and the news it owes the committee (platform/owed).
    const objection = { _id: objId, noticeId: n._id, authorId: me, text: input.text, answer: null, answeredAt: null, createdAt: now, owes: ['committee'] }
    const objections = db.collection<Objection>('objections')
    if ((await addOnce(objections, objection)) === 'exists') {
      // Perhaps the retry of an objection whose answer was lost: the committee hears of it before the refusal.
      const stored = await objections.get(objId)
      if (stored) await tellCommittee(ctx, n, stored)
      throw conflict('你已对这条公示提出过异议，请等待居委会答复')
    }
    await tellCommittee(ctx, n, { ...objection, communityId: db.communityId })
    return { objectionId: objId, noticeId: n._id }
  },
})

export const answerObjection = action({
  name: 'notice.answerObjection',
  summary: '公开答复居民对公示的异议（每条答复一次；写入审计日志并通知提出人）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ objectionId: id, answer: text(1000, 5) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.objectionId, '异议不存在')
    const objections = db.collection<Objection>('objections')
    const o = await objections.require(input.objectionId, '异议不存在')
    const now = clock.now()
    if (!(await objections.update(o._id, { answer: input.answer, answeredAt: now }, { answer: null }))) throw conflict('这条异议已经答复过了')
    await ctx.audit({ action: 'notice.answerObjection', target: { collection: 'objections', id: o._id }, before: { answer: null }, after: { answer: input.answer } })
    await notify(ctx, db, [o.authorId], {
      kind: 'notice.answered',
      title: '你的异议已答复',
      body: input.answer.slice(0, 60),
      link: noticeLink(o.noticeId),
      template: 'reviewResult',
      key: `objection-answered-${o._id}`,
    })
    return { objectionId: o._id, answeredAt: now.toISOString() }
  },
})

/** Notices whose 公示 period has ended stop accepting objections (publishing one armed the alarm for its end). */
export const closePublicity = timer({
  name: 'notice.closePublicity',
  trigger: 'frequent',
  alarmed: true,
  async run({ crossCommunity, clock }) {
    const ended = { publicityOpen: true, publicUntil: crossCommunity._.lt(clock.now()) }
    return { closed: await crossCommunity.collection('notices').updateWhere(ended, { publicityOpen: false }) }
  },
})

export const actions = [listNotices, getNotice, publishNoticeAction, objectToNotice, answerObjection] as const
export const timers = [closePublicity] as const
