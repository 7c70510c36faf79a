/**
 * Each topic's online discussion: comments and replies, reported by neighbours and
 * hidden after three distinct verified neighbours' reports until the committee restores or removes it.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, notFound, precondition } from '../../platform/errors'
import { notify } from '../../platform/notify'
import { assertOwnId, newId } from '../../platform/ids'
import { pageLink } from '../../platform/links'
import { publicNames } from '../../platform/names'
import { findPage } from '../../platform/paging'
import { isCommittee } from '../../platform/roles'
import { iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'
import { HIDE_AFTER_REPORTS, reportId, type Comment, type Report, type Topic } from './model'

const HIDDEN_TEXT = '该评论被多位邻居举报，已暂时隐藏，等待居委会处理'
const REMOVED_TEXT = '该评论已被居委会删除'

function commentView(c: Comment, me: string, committee: boolean, nameOf: (memberId: string) => string) {
  const shown = c.status === 'visible' || c.status === 'restored'
  return {
    id: c._id,
    topicId: c.topicId,
    replyTo: c.replyTo,
    authorId: c.authorId,
    authorName: nameOf(c.authorId),
    isMine: c.authorId === me,
    status: c.status,
    // The committee sees what it must decide on; neighbours see a placeholder.
    text: shown || (committee && c.status === 'hidden') ? c.text : c.status === 'hidden' ? HIDDEN_TEXT : REMOVED_TEXT,
    reports: committee ? c.reports : undefined,
    createdAt: iso(c.createdAt)!,
  }
}

export const addComment = action({
  name: 'council.comment.add',
  summary: '在议题下发表评论或回复（内容先经安全检测；已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ topicId: id, text: text(500, 2), replyTo: id.optional() }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.topicId, '议题不存在')
    if (input.replyTo) assertOwnId(db, input.replyTo, '要回复的评论不存在')
    const topic = await db.collection<Topic>('topics').require(input.topicId, '议题不存在')
    const parent = input.replyTo ? await db.collection<Comment>('comments').get(input.replyTo) : null
    if (input.replyTo && (!parent || parent.topicId !== topic._id)) throw notFound('要回复的评论不存在')
    const now = clock.now()
    const commentId = newId(db, 'comment', now)
    await db.collection<Comment>('comments').add({
      _id: commentId,
      topicId: topic._id,
      authorId: member.membership._id,
      text: input.text,
      replyTo: parent?._id ?? null,
      status: 'visible',
      reports: 0,
      createdAt: now,
    })
    await db.collection<Topic>('topics').update(topic._id, { comments: db._.inc(1) })
    if (parent && parent.authorId !== member.membership._id) {
      await notify(ctx, db, [parent.authorId], {
        kind: 'comment.reply',
        title: '有邻居回复了你',
        body: `在「${topic.title}」中：${input.text.slice(0, 40)}`,
        link: pageLink('topic', { id: topic._id }),
        key: `reply-${commentId}`,
      })
    }
    return { commentId }
  },
})

export const listComments = action({
  name: 'council.comment.list',
  summary: '议题的讨论：评论和回复，按时间先后；被举报隐藏的评论只显示提示',
  roles: ['resident', 'street'],
  input: z.strictObject({ topicId: id, limit: limit(100, 50), cursor }),
  async run({ db, input, member }) {
    assertOwnId(db, input.topicId, '议题不存在')
    const { page, nextCursor } = await findPage(db.collection<Comment>('comments'), { topicId: input.topicId }, [['createdAt', 'asc']], input)
    const committee = isCommittee(member)
    const nameOf = await publicNames(db, page.map((c) => c.authorId))
    return {
      items: page.map((c) => commentView(c, member.membership._id, committee, nameOf)),
      nextCursor,
    }
  },
})

async function whyNotReportable(db: ScopedDb, commentId: string, me: string) {
  const c = await db.collection<Comment>('comments').get(commentId)
  if (!c) return notFound('评论不存在')
  if (c.authorId === me) return precondition('不能举报自己的评论')
  return precondition('这条评论已由居委会处理')
}

export const reportComment = action({
  name: 'council.comment.report',
  summary: `举报评论（每人一次）；${HIDE_AFTER_REPORTS} 位已认证的邻居举报后自动隐藏，等待居委会决定恢复或删除；未认证居民的举报只供居委会参考`,
  roles: ['resident'],
  input: z.strictObject({ commentId: id, reason: text(100).optional() }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.commentId, '评论不存在')
    const me = member.membership._id
    const now = clock.now()
    const reports = db.collection<Report>('commentReports')
    const rid = reportId(input.commentId, me)
    // New accounts are cheap: a report of a member nobody has verified is kept for the committee, reason and all,
    // but does not count towards hiding the comment.
    const counted = member.membership.status === 'verified'
    const report = { _id: rid, commentId: input.commentId, memberId: me, reason: input.reason ?? null, counted, at: now }
    if ((await addOnce(reports, report)) === 'exists') throw conflict('你已经举报过这条评论了')
    const _ = db._
    const comments = db.collection<Comment>('comments')
    // Reports count only while the committee has not decided; a restored comment stays restored.
    const reportable = { status: _.in(['visible', 'hidden']), authorId: _.neq(me) }
    const c = counted
      ? await comments.updateAndReturn(input.commentId, { reports: _.inc(1) }, reportable)
      : ((await comments.find({ _id: input.commentId, ...reportable }, { limit: 1 }))[0] ?? null)
    if (!c) {
      await reports.remove(rid)
      throw await whyNotReportable(db, input.commentId, me)
    }
    let hidden = c.status === 'hidden'
    if (counted && !hidden && c.reports >= HIDE_AFTER_REPORTS) {
      hidden = (await comments.update(c._id, { status: 'hidden' }, { status: 'visible' })) === 1 || hidden
      if (hidden) {
        await ctx.audit({ action: 'council.comment.hide', target: { collection: 'comments', id: c._id }, before: { status: 'visible' }, after: { status: 'hidden', reports: c.reports }, reason: `${HIDE_AFTER_REPORTS} 位居民举报，自动隐藏` })
      }
    }
    return { commentId: c._id, reports: c.reports, hidden }
  },
})

export const pendingComments = action({
  name: 'council.comment.pending',
  summary: '待处理的被举报评论（居委会）：已隐藏、等待恢复或删除的评论，含所在议题、举报人数和举报理由（举报人不显示），以及待处理总数',
  roles: ['committee', 'admin'],
  input: z.strictObject({ limit: limit(100, 50) }),
  async run({ db, input, member }) {
    const comments = db.collection<Comment>('comments')
    const [rows, total] = await Promise.all([comments.find({ status: 'hidden' }, { orderBy: [['createdAt', 'asc']], limit: input.limit }), comments.count({ status: 'hidden' })])
    const [nameOf, titleOf, reasonsOf] = await Promise.all([
      publicNames(db, rows.map((c) => c.authorId)),
      topicTitles(db, rows.map((c) => c.topicId)),
      reportReasons(db, rows.map((c) => c._id)),
    ])
    return {
      items: rows.map((c) => ({ ...commentView(c, member.membership._id, true, nameOf), topicTitle: titleOf(c.topicId), reasons: reasonsOf(c._id) })),
      total,
    }
  },
})

async function topicTitles(db: ScopedDb, topicIds: string[]): Promise<(topicId: string) => string> {
  const ids = [...new Set(topicIds)]
  const rows = ids.length ? await db.collection<Topic>('topics').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { title: true } }) : []
  const titles = new Map(rows.map((t) => [t._id, t.title]))
  return (topicId) => titles.get(topicId) ?? '议题已不存在'
}

/** The reasons neighbours gave, distinct, without who gave them: the committee judges the words, not the reporters. */
async function reportReasons(db: ScopedDb, commentIds: string[]): Promise<(commentId: string) => string[]> {
  const rows = commentIds.length
    ? await db.collection<Report>('commentReports').find({ commentId: db._.in(commentIds) }, { orderBy: [['at', 'asc']], limit: 1000, fields: { commentId: true, reason: true } })
    : []
  const reasons = new Map<string, Set<string>>()
  for (const r of rows) {
    if (!r.reason) continue
    if (!reasons.has(r.commentId)) reasons.set(r.commentId, new Set())
    reasons.get(r.commentId)!.add(r.reason)
  }
  return (commentId) => [...(reasons.get(commentId) ?? [])]
}

export const reviewComment = action({
  name: 'council.comment.review',
  summary: '居委会处理被举报的评论：恢复显示或删除（写入审计日志，删除时通知作者）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ commentId: id, decision: z.enum(['restore', 'remove']), reason: text(200).optional() }),
  async run(ctx) {
    const { db, input } = ctx
    assertOwnId(db, input.commentId, '评论不存在')
    const comments = db.collection<Comment>('comments')
    const c = await comments.require(input.commentId, '评论不存在')
    const status = input.decision === 'restore' ? ('restored' as const) : ('removed' as const)
    if (c.status === status) return { commentId: c._id, status }
    if (c.status === 'removed') throw precondition('这条评论已被删除')
    if (!(await comments.update(c._id, { status }, { status: c.status }))) throw conflict('这条评论刚被其他人处理了，请刷新')
    await ctx.audit({ action: `council.comment.${input.decision}`, target: { collection: 'comments', id: c._id }, before: { status: c.status, reports: c.reports }, after: { status }, reason: input.reason })
    if (status === 'removed') {
      await notify(ctx, db, [c.authorId], {
        kind: 'comment.removed',
        title: '你的评论已被删除',
        body: input.reason ? `原因：${input.reason}` : '经居委会核实，该评论不适宜公开',
        link: pageLink('topic', { id: c.topicId }),
        template: 'reviewResult',
        key: `comment-removed-${c._id}`,
      })
    }
    return { commentId: c._id, status }
  },
})
