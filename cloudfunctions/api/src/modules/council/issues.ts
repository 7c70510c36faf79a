/**
 * 听邻说事: residents raise matters, neighbours co-sign them, and at the
 * community's threshold a matter becomes a candidate topic; the committee accepts
 * it as a topic, answers it, merges it into another or declines it in public.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, invalid, notFound, precondition, rateLimited } from '../../platform/errors'
import { notify, type Notification } from '../../platform/notify'
import { assertOwnId, existingAmong, newId } from '../../platform/ids'
import { publicNames } from '../../platform/names'
import { findPage } from '../../platform/paging'
import { committeeMembers } from '../../platform/recipients'
import { iso } from '../../platform/time'
import { cursor, fileId, id, limit, text } from '../../platform/validation'
import type { Meeting } from './model'
import {
  CATEGORY_LABELS,
  COSIGNABLE,
  cosignId,
  reachedThreshold,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  MERGE_TARGETS,
  nextStatus,
  STATUS_LABELS,
  topicIdOf,
  type Cosign,
  type Issue,
  type TimelineEntry,
  type Topic,
  type TriageDecision,
} from './model'

const MAX_ISSUES_PER_DAY = 5

const issueLink = (issueId: string) => `packages/council/issue/index?id=${encodeURIComponent(issueId)}`

const entry = (kind: TimelineEntry['kind'], at: Date, by: string, note: string | null = null): TimelineEntry => ({ kind, at, by, note })

/** What anyone in the community may see of a matter: the author by member id and masked name. */
function issueCard(i: Issue, me: string, nameOf: (memberId: string) => string) {
  return {
    id: i._id,
    title: i.title,
    category: i.category,
    categoryLabel: CATEGORY_LABELS[i.category],
    status: i.status,
    statusLabel: STATUS_LABELS[i.status],
    cosigns: i.cosigns,
    cosignThreshold: i.cosignThreshold,
    authorId: i.authorId,
    authorName: nameOf(i.authorId),
    isMine: i.authorId === me,
    buildingId: i.buildingId,
    cover: i.photos[0] ?? null,
    createdAt: iso(i.createdAt)!,
    updatedAt: iso(i.updatedAt)!,
  }
}

export const createIssue = action({
  name: 'council.issue.create',
  summary: '说事：提出一件事（标题、内容、类别、最多 9 张已上传的图片、所在楼栋）；图片经微信安全检测，违规的随后移除并告知；邻居附议达到社区门槛即成为候选议题（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({
    title: text(40, 4),
    body: text(1000, 10),
    category: z.enum(ISSUE_CATEGORIES),
    photos: z.array(fileId).max(9).default([]),
    buildingId: id.optional(),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    // A resident raises a handful of matters a day at most; more is a flood the committee cannot hear.
    const since = new Date(clock.now().getTime() - 86_400_000)
    if ((await db.collection('issues').count({ authorId: member.membership._id, createdAt: db._.gte(since) })) >= MAX_ISSUES_PER_DAY) {
      throw rateLimited(`每人每天最多提出 ${MAX_ISSUES_PER_DAY} 件事，请明天再来`)
    }
    await ctx.moderate(input.title, input.body)
    if (input.buildingId && !(await db.collection('buildings').get(input.buildingId))) throw notFound('所选楼栋不存在')
    // Photos go to WeChat's image check before the matter is stored; its verdict arrives later (platform/media.ts).
    const submitted = await ctx.photos.submit(input.photos, 3)
    const threshold = (await ctx.settings).cosignThreshold
    const now = clock.now()
    const issueId = newId(db, 'issue', now)
    await db.collection<Issue>('issues').add({
      _id: issueId,
      title: input.title,
      body: input.body,
      category: input.category,
      photos: input.photos,
      buildingId: input.buildingId ?? member.membership.buildingId ?? null,
      authorId: member.membership._id,
      status: 'open',
      cosigns: 0,
      cosignThreshold: threshold,
      answer: null,
      declineReason: null,
      mergedInto: null,
      topicId: null,
      meetingId: null,
      timeline: [entry('raised', now, '居民')],
      createdAt: now,
      updatedAt: now,
    })
    const place = { collection: 'issues' as const, docId: issueId, field: 'photos' as const, authorId: member.membership._id, label: `说事「${input.title}」`, link: issueLink(issueId) }
    await ctx.photos.record(place, submitted)
    return { issueId, status: 'open' as const, cosignThreshold: threshold }
  },
})

export const listIssues = action({
  name: 'council.issue.list',
  summary: '议事厅的事项：可按状态、类别筛选，或只看我提出的；最新在前或附议最多在前，作者显示为打码的昵称',
  roles: ['resident', 'street'],
  input: z.strictObject({
    status: z.enum(ISSUE_STATUSES).optional(),
    category: z.enum(ISSUE_CATEGORIES).optional(),
    mine: z.boolean().default(false),
    /** latest first, or most co-signed first (热议) */
    sort: z.enum(['latest', 'popular']).default('latest'),
    limit: limit(50, 20),
    cursor,
  }),
  async run({ db, input, member }) {
    const me = member.membership._id
    const query: Record<string, unknown> = {}
    if (input.status) query.status = input.status
    if (input.category) query.category = input.category
    if (input.mine) query.authorId = me
    const orderBy: Array<[string, 'asc' | 'desc']> = input.sort === 'popular' ? [['cosigns', 'desc'], ['createdAt', 'desc']] : [['createdAt', 'desc']]
    const { page, nextCursor } = await findPage(db.collection<Issue>('issues'), query, orderBy, input)
    const [signed, nameOf] = await Promise.all([existingAmong(db, 'cosigns', page.map((i) => cosignId(i._id, me)), 'issueId'), publicNames(db, page.map((i) => i.authorId))])
    return {
      items: page.map((i) => ({ ...issueCard(i, me, nameOf), cosignedByMe: signed.has(i._id) })),
      nextCursor,
    }
  },
})

export const getIssue = action({
  name: 'council.issue.get',
  summary: '一件事的详情和全部进展（时间线）：附议数、答复或未受理理由、合并去向、议题与议事会',
  roles: ['resident', 'street'],
  input: z.strictObject({ issueId: id }),
  async run({ db, input, member }) {
    assertOwnId(db, input.issueId, '这件事不存在或已被删除')
    const me = member.membership._id
    const issue = await db.collection<Issue>('issues').require(input.issueId, '这件事不存在或已被删除')
    const [mine, merged, meeting, nameOf] = await Promise.all([
      db.collection<Cosign>('cosigns').get(cosignId(issue._id, me)),
      issue.mergedInto ? db.collection<Issue>('issues').get(issue.mergedInto) : null,
      issue.meetingId ? db.collection<Meeting>('meetings').get(issue.meetingId) : null,
      publicNames(db, [issue.authorId]),
    ])
    return {
      ...issueCard(issue, me, nameOf),
      body: issue.body,
      photos: issue.photos,
      cosignedByMe: !!mine,
      canCosign: COSIGNABLE.includes(issue.status) && issue.authorId !== me && !mine,
      answer: issue.answer,
      declineReason: issue.declineReason,
      mergedInto: merged ? { id: merged._id, title: merged.title, status: merged.status } : null,
      topicId: issue.topicId,
      meeting: meeting ? { id: meeting._id, title: meeting.title, startAt: iso(meeting.startAt) } : null,
      timeline: issue.timeline.map((t) => ({ kind: t.kind, at: iso(t.at)!, by: t.by, note: t.note, link: t.link ?? null })),
    }
  },
})

/** Why a conditional co-sign matched nothing, read only on that (rare) path. */
async function whyNotCosignable(db: ScopedDb, issueId: string, me: string) {
  const issue = await db.collection<Issue>('issues').get(issueId)
  if (!issue) return notFound('这件事不存在或已被删除')
  if (issue.authorId === me) return precondition('不能附议自己提出的事')
  return precondition(`这件事${STATUS_LABELS[issue.status]}，不再接受附议`)
}

/**
 * The matter reached its threshold: open → candidate (conditionally, so a matter
 * the committee has meanwhile decided on stays decided), and the committee hears of it once.
 */
async function promoteToCandidate(ctx: Pick<ActionContext<unknown>, 'db' | 'clock' | 'wechat' | 'log'>, issue: Issue): Promise<boolean> {
  const { db } = ctx
  const now = ctx.clock.now()
  const moved = await db.collection<Issue>('issues').update(
    issue._id,
    { status: 'candidate', updatedAt: now, timeline: db._.push([entry('candidate', now, '系统', `附议达到 ${issue.cosignThreshold} 人，成为候选议题`)]) },
    { status: 'open' },
  )
  if (!moved) return false
  const tell = (n: Omit<Notification, 'link' | 'template'>) => ({ ...n, link: issueLink(issue._id), template: 'issueUpdate' as const })
  const reached = `「${issue.title}」附议已达 ${issue.cosignThreshold} 人`
  await notify(ctx, db, await committeeMembers(db), tell({ kind: 'issue.candidate', title: '新的候选议题', body: `${reached}，请居委会研究处理`, key: `issue-candidate-${issue._id}` }))
  await notify(ctx, db, [issue.authorId], tell({ kind: 'issue.candidate', title: '你说的事成为候选议题', body: `${reached}，等待居委会处理`, key: `issue-candidate-author-${issue._id}` }))
  return true
}

export const cosignIssue = action({
  name: 'council.issue.cosign',
  summary: '附议别人提出的事（每人一次，不能附议自己的）；达到社区门槛时成为候选议题并通知居委会（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ issueId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.issueId, '这件事不存在或已被删除')
    const me = member.membership._id
    const now = clock.now()
    const cosigns = db.collection<Cosign>('cosigns')
    const signId = cosignId(input.issueId, me)
    // The deterministic id makes "once per resident" the database's rule, not a read-then-write race.
    const cosign = { _id: signId, issueId: input.issueId, memberId: me, at: now, via: null }
    if ((await addOnce(cosigns, cosign)) === 'exists') throw conflict('你已经附议过这件事了')
    const issue = await db.collection<Issue>('issues').updateAndReturn(
      input.issueId,
      { cosigns: db._.inc(1), updatedAt: now },
      { status: db._.in([...COSIGNABLE]), authorId: db._.neq(me) },
    )
    if (!issue) {
      await cosigns.remove(signId)
      throw await whyNotCosignable(db, input.issueId, me)
    }
    // The co-sign that reaches the threshold promotes. A later one still seeing `open` tries too, so a promotion
    // lost to a crash between the two writes heals with the next co-sign; the conditional update lets one win.
    const promoted = issue.status === 'open' && reachedThreshold(issue.cosigns, issue.cosignThreshold) ? await promoteToCandidate(ctx, issue) : false
    return { issueId: issue._id, cosigns: issue.cosigns, cosignThreshold: issue.cosignThreshold, status: promoted ? ('candidate' as const) : issue.status, promoted }
  },
})

const TRIAGE_LABEL: Record<TriageDecision, string> = { accept: '列为议题', answer: '直接答复', merge: '合并', decline: '不予受理' }

/** Carries the source's co-signers (and its author) over to the target, each at most once; returns how many were new. */
async function carryCosigners(db: ScopedDb, source: Issue, target: Issue, now: Date): Promise<number> {
  const cosigns = db.collection<Cosign>('cosigns')
  const signers = (await cosigns.find({ issueId: source._id }, { limit: 1000, fields: { memberId: true } })).map((c) => c.memberId)
  const people = [...new Set([source.authorId, ...signers])].filter((m) => m !== target.authorId)
  let added = 0
  for (let i = 0; i < people.length; i += 50) {
    await Promise.all(
      people.slice(i, i + 50).map(async (memberId) => {
        const cosign = { _id: cosignId(target._id, memberId), issueId: target._id, memberId, at: now, via: source._id }
        if ((await addOnce(cosigns, cosign)) === 'added') added++
      }),
    )
  }
  return added
}

export const triageIssue = action({
  name: 'council.issue.triage',
  summary: '居委会处理事项：列为议题、直接答复（公开）、合并到另一件事（附议随之合并）或写明理由不予受理；写入审计日志并通知提出人',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({
      issueId: id,
      decision: z.enum(['accept', 'answer', 'merge', 'decline']),
      /** the public reply (answer), the reason (decline), or a note (accept, merge) */
      reply: text(1000).optional(),
      intoIssueId: id.optional(),
    })
    .refine((v) => !(v.decision === 'answer' || v.decision === 'decline') || !!v.reply, { message: '答复或不予受理时请写明内容', path: ['reply'] })
    .refine((v) => v.decision !== 'merge' || !!v.intoIssueId, { message: '请选择合并到哪件事', path: ['intoIssueId'] }),
  async run(ctx) {
    const { db, input, clock } = ctx
    assertOwnId(db, input.issueId, '这件事不存在或已被删除')
    if (input.intoIssueId) assertOwnId(db, input.intoIssueId, '要合并到的事不存在')
    await ctx.moderate(input.reply)
    const issues = db.collection<Issue>('issues')
    const issue = await issues.require(input.issueId, '这件事不存在或已被删除')
    const next = nextStatus(issue.status, { kind: 'triage', decision: input.decision })
    if (!next) throw precondition(`这件事${STATUS_LABELS[issue.status]}，不能再处理`)
    let target: Issue | null = null
    if (input.decision === 'merge') {
      if (input.intoIssueId === issue._id) throw invalid('不能合并到自己')
      target = await issues.require(input.intoIssueId!, '要合并到的事不存在')
      if (!MERGE_TARGETS.includes(target.status)) throw precondition(`要合并到的事${STATUS_LABELS[target.status]}，请选择仍在处理中的事`)
    }

    const now = clock.now()
    const note = input.decision === 'merge' ? `合并到「${target!.title}」${input.reply ? `：${input.reply}` : ''}` : (input.reply ?? null)
    const patch: Record<string, unknown> = { status: next, updatedAt: now, timeline: db._.push([entry(decisionEntry[input.decision], now, '居委会', note)]) }
    if (input.decision === 'accept') patch.topicId = topicIdOf(issue._id)
    if (input.decision === 'answer') patch.answer = input.reply
    if (input.decision === 'decline') patch.declineReason = input.reply
    if (input.decision === 'merge') patch.mergedInto = target!._id
    // Conditional on the status read above: two committee members at once decide once.
    const changed = await issues.update(issue._id, patch, { status: issue.status })
    if (!changed) throw conflict('这件事刚被其他人处理了，请刷新后查看')

    let carried = 0
    if (input.decision === 'accept') {
      await db.collection<Topic>('topics').add({ _id: topicIdOf(issue._id), issueId: issue._id, title: issue.title, summary: issue.body.slice(0, 200), status: 'pending', meetingId: null, comments: 0, createdAt: now })
    }
    if (target) {
      carried = await carryCosigners(db, issue, target, now)
      const after = await issues.updateAndReturn(target._id, {
        cosigns: db._.inc(carried),
        updatedAt: now,
        timeline: db._.push([entry('absorbed', now, '居委会', `合并了「${issue.title}」，带来 ${carried} 位附议`)]),
      })
      if (after && after.status === 'open' && reachedThreshold(after.cosigns, after.cosignThreshold)) await promoteToCandidate(ctx, after)
    }

    const status = next
    await ctx.audit({
      action: 'council.issue.triage',
      target: { collection: 'issues', id: issue._id },
      before: { status: issue.status },
      after: { status, decision: input.decision, mergedInto: target?._id ?? null, carriedCosigns: carried },
      reason: input.reply,
    })
    const body = `「${issue.title}」${note ? `：${note}` : ''}`
    const news = { kind: `issue.${input.decision}`, body, link: issueLink(issue._id), template: 'issueUpdate' as const, key: `issue-${input.decision}-${issue._id}` }
    await notify(ctx, db, [issue.authorId], { ...news, title: `你说的事已${TRIAGE_LABEL[input.decision]}` })
    // Those who co-signed follow the matter too (in the message centre; their subscribe-message consents are kept for their own matters).
    const signers = (await db.collection<Cosign>('cosigns').find({ issueId: issue._id }, { limit: 1000, fields: { memberId: true } })).map((c) => c.memberId)
    await notify(ctx, db, signers.filter((m) => m !== issue.authorId), { ...news, template: undefined, title: `你附议的事已${TRIAGE_LABEL[input.decision]}` })
    return { issueId: issue._id, status, topicId: input.decision === 'accept' ? topicIdOf(issue._id) : null, mergedInto: target?._id ?? null, carriedCosigns: carried }
  },
})

const decisionEntry: Record<TriageDecision, TimelineEntry['kind']> = { accept: 'accepted', answer: 'answered', merge: 'merged', decline: 'declined' }
