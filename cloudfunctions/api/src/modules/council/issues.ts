/**
 * 听邻说事: residents raise matters, neighbours co-sign them, and at the
 * community's threshold a matter becomes a candidate topic; the committee accepts
 * it as a topic, answers it, merges it into another or declines it in public.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { assistLine, consentInput, recordAssist, residentToAssist, type Assist } from '../../platform/assist'
import type { ScopedDb } from '../../platform/db'
import { conflict, invalid, notFound, precondition, rateLimited } from '../../platform/errors'
import { notify, type Notification } from '../../platform/notify'
import { assertOwnId, newId } from '../../platform/ids'
import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { publicNames } from '../../platform/names'
import { owe, payOwed } from '../../platform/owed'
import { findPage } from '../../platform/paging'
import { committeeMembers } from '../../platform/recipients'
import { iso } from '../../platform/time'
import { photosFor, unpublishedPhotos, type PhotoReader } from '../../platform/media'
import { maskName } from '../../platform/privacy'
import { isCommittee, markCosigner, type Membership } from '../../platform/roles'
import { cursor, id, limit, ownFileId, text } from '../../platform/validation'
import type { Meeting } from './model'
import {
  COSIGNABLE,
  cosignedBy,
  reachedThreshold,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  MERGE_TARGETS,
  nextStatus,
  topicIdOf,
  type CosignEntry,
  type Issue,
  type TimelineEntry,
  type Topic,
  type TriageDecision,
} from './model'

const MAX_ISSUES_PER_DAY = 5

const issueLink = (issueId: string) => pageLink('issue', { id: issueId })

const entry = (kind: TimelineEntry['kind'], at: Date, by: string, note: string | null = null): TimelineEntry => ({ kind, at, by, note })

/**
 * The authors' public names: the copy each matter carries, read from the memberships
 * only for matters without one (raised before the copy existed, or mid-change of name).
 */
async function authorNames(db: ScopedDb, issues: Issue[]): Promise<(i: Issue) => string> {
  const nameOf = await publicNames(db, issues.filter((i) => !i.authorName).map((i) => i.authorId))
  return (i) => i.authorName || nameOf(i.authorId)
}

/** What anyone in the community may see of a matter: the author by member id and masked name, the cover only once published (or to its author). */
function issueCard(i: Issue, reader: PhotoReader, nameOf: (i: Issue) => string) {
  const me = reader.memberId
  return {
    id: i._id,
    title: i.title,
    category: i.category,
    categoryLabel: ISSUE_CATEGORY_LABELS[i.category],
    status: i.status,
    statusLabel: ISSUE_STATUS_LABELS[i.status],
    cosigns: i.cosigns,
    cosignThreshold: i.cosignThreshold,
    authorId: i.authorId,
    authorName: nameOf(i),
    isMine: i.authorId === me,
    buildingId: i.buildingId,
    cover: photosFor(i, i.authorId, reader).photos[0] ?? null,
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
    photos: z.array(ownFileId).max(9).default([]),
    buildingId: id.optional(),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    // A resident raises a handful of matters a day at most; more is a flood the committee cannot hear.
    const since = new Date(clock.now().getTime() - 86_400_000)
    if ((await db.collection('issues').count({ authorId: member.membership._id, createdAt: db._.gte(since) })) >= MAX_ISSUES_PER_DAY) {
      throw rateLimited(`每人每天最多提出 ${MAX_ISSUES_PER_DAY} 件事，请明天再来`)
    }
    if (input.buildingId && !(await db.collection('buildings').get(input.buildingId))) throw notFound('所选楼栋不存在')
    // Photos go to WeChat's image check before the matter is stored; its verdict arrives later (platform/media.ts).
    const submitted = await ctx.photos.submit(input.photos, 3)
    const threshold = (await ctx.settings).cosignThreshold
    const now = clock.now()
    const issueId = newId(db, 'issue', now)
    // Before the matter, so a crash between leaves 首页 asking for matters there are none of, never missing one (home/today).
    if (member.membership.raisedIssues !== true) await db.collection('memberships').update(member.membership._id, { raisedIssues: true })
    await db.collection<Issue>('issues').add({
      _id: issueId,
      title: input.title,
      body: input.body,
      category: input.category,
      ...unpublishedPhotos(input.photos),
      buildingId: input.buildingId ?? member.membership.buildingId ?? null,
      authorId: member.membership._id,
      // Only the masked name: the full nickname stays on the membership.
      authorName: maskName(member.membership.nickname),
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
    const reader = { memberId: me, committee: isCommittee(member) }
    const query: Record<string, unknown> = {}
    if (input.status) query.status = input.status
    if (input.category) query.category = input.category
    if (input.mine) query.authorId = me
    const orderBy: Array<[string, 'asc' | 'desc']> = input.sort === 'popular' ? [['cosigns', 'desc'], ['createdAt', 'desc']] : [['createdAt', 'desc']]
    const issues = db.collection<Issue>('issues')
    // A page leaves the co-signers behind (hundreds on a popular matter) and asks only which of its matters I co-signed,
    // unless I never co-signed anything (platform/roles cosignedIssues).
    const { page, nextCursor } = await findPage(issues, query, orderBy, input, { cosigners: false, owes: false })
    const ids = page.map((i) => i._id)
    const ask = ids.length > 0 && member.membership.cosignedIssues !== false
    const [signed, nameOf] = await Promise.all([
      ask ? issues.find({ _id: db._.in(ids), 'cosigners.memberId': me }, { limit: ids.length, fields: { _id: true } }) : [],
      authorNames(db, page),
    ])
    const mine = new Set(signed.map((i) => i._id))
    return {
      items: page.map((i) => ({ ...issueCard(i, reader, nameOf), cosignedByMe: mine.has(i._id) })),
      nextCursor,
    }
  },
})

export const getIssue = action({
  name: 'council.issue.get',
  summary: '一件事的详情和全部进展（时间线）：附议数、答复或未受理理由、合并去向、议题与议事会',
  roles: ['resident', 'street'],
  input: z.strictObject({ issueId: id }),
  async run(ctx) {
    const { db, input, member } = ctx
    assertOwnId(db, input.issueId, '这件事不存在或已被删除')
    const me = member.membership._id
    const issue = await db.collection<Issue>('issues').require(input.issueId, '这件事不存在或已被删除')
    const mine = cosignedBy(issue, me)
    const myCosign = (issue.cosigners ?? []).find((c) => c.memberId === me)
    const [merged, meeting, nameOf] = await Promise.all([
      issue.mergedInto ? db.collection<Issue>('issues').get(issue.mergedInto) : null,
      issue.meetingId ? db.collection<Meeting>('meetings').get(issue.meetingId) : null,
      authorNames(db, [issue]),
    ])
    const reader = { memberId: me, committee: isCommittee(member) }
    return {
      ...issueCard(issue, reader, nameOf),
      body: issue.body,
      ...photosFor(issue, issue.authorId, reader),
      cosignedByMe: mine,
      /** 「由楼栋长 X 代办」 when a building lead co-signed for me */
      myCosignAssist: await assistLine(ctx, myCosign?.assist),
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

/**
 * What a matter owes once its co-signs reach the threshold: open → candidate
 * (conditionally, so a matter the committee has meanwhile decided on stays decided),
 * recorded in the same update with the news it owes the committee and the author;
 * then the news, told once (platform/owed). Any co-sign that finds the matter due —
 * the crossing one, its retry, a later one — settles it, so a crash anywhere
 * between heals. Returns whether this call made it a candidate.
 */
async function settleCandidacy(ctx: Pick<ActionContext<unknown>, 'db' | 'clock' | 'wechat' | 'log'>, issue: Issue): Promise<boolean> {
  const { db } = ctx
  let promoted = false
  let owing = issue
  if (issue.status === 'open' && reachedThreshold(issue.cosigns, issue.cosignThreshold)) {
    const now = ctx.clock.now()
    const step = entry('candidate', now, '系统', `附议达到 ${issue.cosignThreshold} 人，成为候选议题`)
    promoted = (await db.collection<Issue>('issues').update(issue._id, { status: 'candidate', updatedAt: now, timeline: db._.push([step]), ...owe(db, 'candidate') }, { status: 'open' })) === 1
    if (promoted) owing = { ...issue, status: 'candidate', owes: [...(issue.owes ?? []), 'candidate'] }
  }
  await payOwed(db, 'issues', owing, async (key) => {
    // News of a candidacy the committee has already acted on would only confuse.
    if (key !== 'candidate' || owing.status !== 'candidate') return
    const tell = (n: Omit<Notification, 'link' | 'template'>) => ({ ...n, link: issueLink(issue._id), template: 'issueUpdate' as const })
    const reached = `「${issue.title}」附议已达 ${issue.cosignThreshold} 人`
    await notify(ctx, db, await committeeMembers(db), tell({ kind: 'issue.candidate', title: '新的候选议题', body: `${reached}，请居委会研究处理`, key: `issue-candidate-${issue._id}` }))
    await notify(ctx, db, [issue.authorId], tell({ kind: 'issue.candidate', title: '你说的事成为候选议题', body: `${reached}，等待居委会处理`, key: `issue-candidate-author-${issue._id}` }))
  })
  return promoted
}

export const cosignIssue = action({
  name: 'council.issue.cosign',
  summary: '附议别人提出的事（每人一次，不能附议自己的）；达到社区门槛时成为候选议题并通知居委会（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ issueId: id }),
  run: (ctx) => cosign(ctx, ctx.input.issueId, ctx.member.membership, null),
})

export const cosignForAction = action({
  name: 'council.issue.cosignFor',
  summary: '代附议：楼栋长为自己楼栋的已认证居民附议一件事，须记录居民如何同意（当面、电话、书面或家属）及时间；居民收到消息，在这件事里看到「由楼栋长代办」（写入审计日志）',
  roles: ['buildingLead'],
  input: z.strictObject({ issueId: id, memberId: id, consent: consentInput }),
  async run(ctx) {
    const { input } = ctx
    const { who, assist } = await residentToAssist(ctx, input.memberId, input.consent, { verified: true })
    const res = await cosign(ctx, input.issueId, who, assist)
    await recordAssist(ctx, who, assist, {
      kind: 'issue.cosign',
      action: 'council.issue.cosignFor',
      target: { collection: 'issues', id: input.issueId },
      what: `附议了「${res.title}」`,
      link: issueLink(input.issueId),
      key: `${input.issueId}-${who._id}`,
      after: { cosigns: res.cosigns },
    })
    const { title: _title, ...out } = res
    return out
  },
})

/** One co-sign by `signer` (or for them, `assist` saying by whom): one conditional update records and counts it, or nothing. */
async function cosign(ctx: ActionContext<unknown>, issueId: string, signer: Membership, assist: Assist | null) {
  const { db, clock } = ctx
  assertOwnId(db, issueId, '这件事不存在或已被删除')
  const me = signer._id
  await markCosigner(db, me, signer)
  const now = clock.now()
  const issues = db.collection<Issue>('issues')
  const entry: CosignEntry = { memberId: me, at: now, via: null, ...(assist ? { assist } : {}) }
  const self = !assist
  // One conditional update records the co-signer and counts them, or does nothing: never one without the other.
  const issue = await issues.updateAndReturn(
    issueId,
    { cosigns: db._.inc(1), cosigners: db._.push([entry]), updatedAt: now },
    { status: db._.in([...COSIGNABLE]), authorId: db._.neq(me), 'cosigners.memberId': db._.neq(me) },
  )
  if (!issue) {
    // Read only on this (rare) path: why nothing matched.
    const current = await issues.get(issueId)
    if (!current) throw notFound('这件事不存在或已被删除')
    if (cosignedBy(current, me)) {
      // Perhaps the retry of a co-sign whose answer was lost: what it set in motion is finished first.
      await settleCandidacy(ctx, current)
      throw conflict(self ? '你已经附议过这件事了' : '这位居民已经附议过这件事了')
    }
    if (current.authorId === me) throw precondition(self ? '不能附议自己提出的事' : '这件事是这位居民自己提出的，不能附议')
    throw precondition(`这件事${ISSUE_STATUS_LABELS[current.status]}，不再接受附议`)
  }
  const promoted = await settleCandidacy(ctx, issue)
  return { issueId: issue._id, title: issue.title, cosigns: issue.cosigns, cosignThreshold: issue.cosignThreshold, status: promoted ? ('candidate' as const) : issue.status, promoted }
}

const TRIAGE_LABEL: Record<TriageDecision, string> = { accept: '列为议题', answer: '直接答复', merge: '合并', decline: '不予受理' }

/**
 * Carries the source's co-signers (and its author) over to the target, each at most
 * once, in one conditional update that also counts them and notes it on the target's
 * timeline. The update holds only while the target's count is the one read, so a
 * co-sign arriving meanwhile makes it read again rather than count someone twice.
 */
async function carryCosigners(db: ScopedDb, source: Issue, targetId: string, now: Date): Promise<{ carried: number; after: Issue | null }> {
  const issues = db.collection<Issue>('issues')
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = await issues.get(targetId)
    if (!target || !MERGE_TARGETS.includes(target.status)) return { carried: 0, after: null }
    const present = new Set([target.authorId, ...(target.cosigners ?? []).map((c) => c.memberId)])
    const people = [...new Set([source.authorId, ...(source.cosigners ?? []).map((c) => c.memberId)])].filter((m) => !present.has(m))
    const after = await issues.updateAndReturn(
      target._id,
      {
        cosigns: db._.inc(people.length),
        cosigners: db._.push(people.map((memberId): CosignEntry => ({ memberId, at: now, via: source._id }))),
        updatedAt: now,
        timeline: db._.push([entry('absorbed', now, '居委会', `合并了「${source.title}」，带来 ${people.length} 位附议`)]),
      },
      { cosigns: target.cosigns, status: db._.in([...MERGE_TARGETS]) },
    )
    if (after) return { carried: people.length, after }
  }
  throw conflict('要合并到的事正有很多人附议，请稍后再合并')
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
    const issues = db.collection<Issue>('issues')
    const issue = await issues.require(input.issueId, '这件事不存在或已被删除')
    const next = nextStatus(issue.status, { kind: 'triage', decision: input.decision })
    if (!next) throw precondition(`这件事${ISSUE_STATUS_LABELS[issue.status]}，不能再处理`)
    let target: Issue | null = null
    if (input.decision === 'merge') {
      if (input.intoIssueId === issue._id) throw invalid('不能合并到自己')
      target = await issues.require(input.intoIssueId!, '要合并到的事不存在')
      if (!MERGE_TARGETS.includes(target.status)) throw precondition(`要合并到的事${ISSUE_STATUS_LABELS[target.status]}，请选择仍在处理中的事`)
    }

    const now = clock.now()
    const note = input.decision === 'merge' ? `合并到「${target!.title}」${input.reply ? `：${input.reply}` : ''}` : (input.reply ?? null)
    const patch: Record<string, unknown> = { status: next, updatedAt: now, timeline: db._.push([entry(decisionEntry[input.decision], now, '居委会', note)]) }
    if (input.decision === 'accept') patch.topicId = topicIdOf(issue._id)
    if (input.decision === 'answer') patch.answer = input.reply
    if (input.decision === 'decline') patch.declineReason = input.reply
    if (input.decision === 'merge') patch.mergedInto = target!._id
    // A merge carries the author over among the target's co-signers: marked before, as a co-sign is.
    if (target) await markCosigner(db, issue.authorId)
    // Conditional on the status read above: two committee members at once decide once.
    const changed = await issues.update(issue._id, patch, { status: issue.status })
    if (!changed) throw conflict('这件事刚被其他人处理了，请刷新后查看')

    let carried = 0
    if (input.decision === 'accept') {
      await db.collection<Topic>('topics').add({ _id: topicIdOf(issue._id), issueId: issue._id, title: issue.title, summary: issue.body.slice(0, 200), status: 'pending', meetingId: null, comments: 0, createdAt: now })
    }
    if (target) {
      const merge = await carryCosigners(db, issue, target._id, now)
      carried = merge.carried
      if (merge.after) await settleCandidacy(ctx, merge.after)
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
    const signers = (issue.cosigners ?? []).map((c) => c.memberId)
    await notify(ctx, db, signers.filter((m) => m !== issue.authorId), { ...news, template: undefined, title: `你附议的事已${TRIAGE_LABEL[input.decision]}` })
    return { issueId: issue._id, status, topicId: input.decision === 'accept' ? topicIdOf(issue._id) : null, mergedInto: target?._id ?? null, carriedCosigns: carried }
  },
})

const decisionEntry: Record<TriageDecision, TimelineEntry['kind']> = { accept: 'accepted', answer: 'answered', merge: 'merged', decline: 'declined' }
