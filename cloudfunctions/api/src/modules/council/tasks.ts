/**
 * 帮邻办事 and 由邻评事: a decision becomes tasks with an owner, a deadline and a
 * tier (一级 residents themselves, 二级 community/street, 三级 district); the
 * owner (or the committee) posts progress with photos, 民生小实事 projects keep a budget and
 * line-item expenses in whole fen, a task may be escalated with a reason, and
 * once done neighbours rate it. Below the community's bar the task reopens.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { assistLine, consentInput, recordAssist, residentToAssist, type Assist } from '../../platform/assist'
import type { ScopedDb, StoredDoc } from '../../platform/db'
import { auditRecord } from '../../platform/audit'
import { owe, payOwed, type OwingDoc } from '../../platform/owed'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import type { MemberCaller } from '../../platform/action'
import { assertOwnId, newId } from '../../platform/ids'
import { RATING_LABELS, RATINGS, type Rating } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { publicNames } from '../../platform/names'
import { notify } from '../../platform/notify'
import { findPage } from '../../platform/paging'
import { committeeMembers } from '../../platform/recipients'
import { isCommittee, type Membership } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { photosFor, unpublishedPhotos, type PhotoHolder } from '../../platform/media'
import { cursor, id, limit, ownFileId, text } from '../../platform/validation'
import { publishNotice } from '../notice'
import { issueIdOf, type Issue } from './model'
import type { Decision } from './motions'
import { noteOnIssue } from './timeline'
import { belowBar, MIN_RATINGS_FOR_BAR, satisfactionRate, type RatingCounts } from './rules'

/** A sentence without its closing mark, for text that adds its own. */
const sentence = (s: string) => s.trim().replace(/[。．.!！?？;；,，、\s]+$/u, '')

export const TIERS = [1, 2, 3] as const
export const TIER_LABELS: Record<number, string> = { 1: '一级：居民自治解决', 2: '二级：社区/街道协助', 3: '三级：区级部门协助' }

export interface Task extends OwingDoc {
  decisionId: string | null
  /** the matter the decision came from, whose timeline follows the task (null for work not raised as a matter) */
  issueId: string | null
  title: string
  description: string
  ownerId: string
  deadline: Date
  tier: 1 | 2 | 3
  escalations: Array<{ from: number; to: number; reason: string; at: Date }>
  status: 'open' | 'done'
  progress: number
  /** 民生小实事: a project with a budget and line-item expenses, all in fen (分) */
  project: boolean
  budgetFen: number
  spentFen: number
  /** each completion starts a new round of ratings; a reopened task is rated afresh */
  round: number
  ratings: RatingCounts
  reopened: number
  doneAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface TaskUpdate extends StoredDoc, PhotoHolder {
  taskId: string
  /** who posted it (the committee or the task's owner); absent on the system's own lines */
  authorId?: string
  text: string
  progress: number
  createdAt: Date
}

export interface Expense extends StoredDoc {
  taskId: string
  item: string
  amountFen: number
  createdAt: Date
}

export interface RatingDoc extends StoredDoc {
  taskId: string
  round: number
  memberId: string
  rating: Rating
  comment: string | null
  /** rated for this resident by their building lead, with their consent (platform/assist.ts) */
  assist?: Assist
  createdAt: Date
}

/** One rating per resident per round of completion: the database refuses a second. */
export const ratingId = (taskId: string, round: number, memberId: string) => `${taskId}:r${round}:${memberId}`

const taskLink = (taskId: string) => pageLink('task', { id: taskId })
const when = z.iso.datetime({ offset: true, message: '时间格式不对' })
/** Money in whole fen (分): no float ever touches an amount. Up to ¥10,000,000. */
const fen = z.number().int().min(0).max(1_000_000_000)
export function yuan(fen: number): string {
  const a = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')} 元`
}
const EMPTY: RatingCounts = { satisfied: 0, basic: 0, unsatisfied: 0 }

/** Those a task's news concerns: its owner, and the neighbour whose matter led to it. */
async function concerned(db: ScopedDb, t: Task): Promise<string[]> {
  const people = [t.ownerId]
  if (t.decisionId) {
    const d = await db.collection<Decision>('decisions').get(t.decisionId)
    const issue = d?.topicId ? await db.collection<Issue>('issues').get(issueIdOf(d.topicId)) : null
    if (issue) people.push(issue.authorId)
  }
  return people
}

/** 帮邻办事: the one who does the work reports its progress; the committee may too, and alone decides the rest. */
const mayPostProgress = (t: Task, member: MemberCaller) => isCommittee(member) || t.ownerId === member.membership._id

function taskCard(t: Task, nameOf: (id: string) => string, me: string) {
  return {
    id: t._id,
    title: t.title,
    decisionId: t.decisionId,
    ownerName: nameOf(t.ownerId),
    ownerId: t.ownerId,
    isMine: t.ownerId === me,
    deadline: iso(t.deadline)!,
    tier: t.tier,
    tierLabel: TIER_LABELS[t.tier],
    status: t.status,
    progress: t.progress,
    project: t.project,
    budgetFen: t.budgetFen,
    spentFen: t.spentFen,
    satisfactionRate: satisfactionRate(t.ratings),
    ratings: t.ratings,
  }
}

async function openTask(db: ScopedDb, taskId: string): Promise<Task> {
  assertOwnId(db, taskId, '办事项目不存在')
  const t = await db.collection<Task>('tasks').require(taskId, '办事项目不存在')
  if (t.status !== 'open') throw precondition('这件事已经办结')
  return t
}

export const createTask = action({
  name: 'council.task.create',
  summary: '把决议落实为办事项目：负责人（本社区成员）、截止日期、三级分类；民生小实事可设预算（分）（居委会；写入审计日志并通知负责人）',
  roles: ['committee', 'admin'],
  input: z.strictObject({
    decisionId: id.optional(),
    title: text(40, 4),
    description: text(2000, 10),
    ownerId: id,
    deadline: when,
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
    project: z.boolean().default(false),
    budgetFen: fen.optional(),
  }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    if (input.decisionId) assertOwnId(db, input.decisionId, '决议不存在')
    assertOwnId(db, input.ownerId, '负责人不是本社区成员')
    if (input.budgetFen !== undefined && !input.project) throw invalid('只有民生小实事项目需要预算')
    const deadline = new Date(input.deadline)
    if (deadline.getTime() <= now.getTime()) throw invalid('截止日期须在将来')
    const [owner, decision] = await Promise.all([
      db.collection<Membership>('memberships').get(input.ownerId),
      input.decisionId ? db.collection<Decision>('decisions').get(input.decisionId) : null,
    ])
    if (!owner || owner.status === 'left') throw notFound('负责人不是本社区成员')
    if (input.decisionId && !decision) throw notFound('决议不存在')
    if (decision && decision.outcome !== 'passed') throw precondition('只有通过的决议才能落实为办事项目')
    const taskId = newId(db, 'task', now)
    const issueId = decision?.topicId ? issueIdOf(decision.topicId) : null
    const task: Omit<Task, 'communityId'> = {
      _id: taskId,
      decisionId: input.decisionId ?? null,
      issueId,
      title: input.title,
      description: input.description,
      ownerId: owner._id,
      deadline,
      tier: input.tier,
      escalations: [],
      status: 'open',
      progress: 0,
      project: input.project,
      budgetFen: input.budgetFen ?? 0,
      spentFen: 0,
      round: 0,
      ratings: EMPTY,
      reopened: 0,
      doneAt: null,
      createdAt: now,
      updatedAt: now,
    }
    await db.collection<Task>('tasks').add(task)
    await noteOnIssue(db, issueId, { kind: 'tasked', at: now, by: '居委会', note: `落实为办事项目「${task.title}」，${chinaTime(deadline)}前完成`, link: { page: 'task', id: taskId } })
    await ctx.audit({ action: 'council.task.create', target: { collection: 'tasks', id: taskId }, after: { title: task.title, ownerId: task.ownerId, deadline, tier: task.tier, project: task.project, budgetFen: task.budgetFen, decisionId: task.decisionId } })
    await notify(ctx, db, [owner._id], {
      kind: 'task.assigned',
      title: '你负责一件办事项目',
      body: `「${task.title}」${chinaTime(deadline)}前完成`,
      link: taskLink(taskId),
      template: 'taskProgress',
      key: `task-assigned-${taskId}`,
    })
    return { taskId }
  },
})

export const listTasks = action({
  name: 'council.task.list',
  summary: '办事项目列表：进行中或已办结，可只看我负责的；含负责人（打码）、进度、三级分类、预算与支出、满意率',
  roles: ['resident', 'street'],
  input: z.strictObject({ status: z.enum(['open', 'done']).default('open'), mine: z.boolean().default(false), limit: limit(50, 20), cursor }),
  async run({ db, input, member }) {
    const me = member.membership._id
    const query = input.mine ? { ownerId: me, status: input.status } : { status: input.status }
    const { page, nextCursor } = await findPage(db.collection<Task>('tasks'), query, [['updatedAt', 'desc']], input)
    const nameOf = await publicNames(db, page.map((t) => t.ownerId))
    return { items: page.map((t) => taskCard(t, nameOf, me)), nextCursor }
  },
})

export const getTask = action({
  name: 'council.task.get',
  summary: '办事项目详情：进度记录和照片、升级记录、收支明细、满意率和评价（评价人打码）；我能否评价',
  roles: ['resident', 'street'],
  input: z.strictObject({ taskId: id }),
  async run(ctx) {
    const { db, input, member } = ctx
    assertOwnId(db, input.taskId, '办事项目不存在')
    const t = await db.collection<Task>('tasks').require(input.taskId, '办事项目不存在')
    const me = member.membership._id
    const [updates, expenses, ratings, mine] = await Promise.all([
      db.collection<TaskUpdate>('taskUpdates').find({ taskId: t._id }, { orderBy: [['createdAt', 'desc']], limit: 100 }),
      t.project ? db.collection<Expense>('taskExpenses').find({ taskId: t._id }, { orderBy: [['createdAt', 'asc']], limit: 500 }) : [],
      db.collection<RatingDoc>('ratings').find({ taskId: t._id, round: t.round }, { orderBy: [['createdAt', 'desc']], limit: 100 }),
      t.round ? db.collection<RatingDoc>('ratings').get(ratingId(t._id, t.round, me)) : null,
    ])
    const nameOf = await publicNames(db, [t.ownerId, ...ratings.map((r) => r.memberId)])
    const reader = { memberId: me, committee: isCommittee(member) }
    return {
      ...taskCard(t, nameOf, me),
      description: t.description,
      escalations: t.escalations.map((e) => ({ from: e.from, to: e.to, reason: e.reason, at: iso(e.at)! })),
      updates: updates.map((u) => ({ id: u._id, text: u.text, ...photosFor(u, u.authorId, reader), progress: u.progress, createdAt: iso(u.createdAt)! })),
      expenses: expenses.map((e) => ({ id: e._id, item: e.item, amountFen: e.amountFen, createdAt: iso(e.createdAt)! })),
      remainingFen: t.project ? t.budgetFen - t.spentFen : null,
      reviews: ratings.map((r) => ({ name: nameOf(r.memberId), rating: r.rating, ratingLabel: RATING_LABELS[r.rating], comment: r.comment, createdAt: iso(r.createdAt)! })),
      myRating: mine?.rating ?? null,
      /** 「由楼栋长 X 代办」 when a building lead rated it for me */
      myRatingAssist: await assistLine(ctx, mine?.assist),
      canRate: t.status === 'done' && !mine && member.roles.has('verified'),
      canPostProgress: t.status === 'open' && mayPostProgress(t, member),
      doneAt: iso(t.doneAt),
      minRatingsForBar: MIN_RATINGS_FOR_BAR,
    }
  },
})

export const updateTask = action({
  name: 'council.task.update',
  summary: '记录办事进度：说明、最多 9 张已上传的照片（经微信安全检测，违规的随后移除）、完成百分比（不能倒退）；通知负责人和提出这件事的居民（居委会或这件事的负责人；写入审计日志）',
  // Any member may be a task's owner; the handler lets through the committee and this task's owner only.
  roles: ['resident'],
  input: z.strictObject({ taskId: id, text: text(1000, 4), photos: z.array(ownFileId).max(9).default([]), progress: z.number().int().min(0).max(100) }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    const t = await openTask(db, input.taskId)
    if (!mayPostProgress(t, member)) throw forbidden('只有这件事的负责人或居委会可以记录办事进度')
    const now = clock.now()
    if (input.progress < t.progress) throw invalid(`进度不能低于已记录的 ${t.progress}%`)
    // Photos go to WeChat's image check before anything is written; its verdict arrives later (platform/media.ts).
    const submitted = await ctx.photos.submit(input.photos, 3)
    if (!(await db.collection<Task>('tasks').update(t._id, { progress: input.progress, updatedAt: now }, { status: 'open', progress: db._.lte(input.progress) }))) throw conflict('进度刚被其他人更新了，请刷新后再试')
    const updateId = newId(db, 'tupd', now)
    const taskUpdate = { _id: updateId, taskId: t._id, authorId: member.membership._id, text: input.text, ...unpublishedPhotos(input.photos), progress: input.progress, createdAt: now }
    await db.collection<TaskUpdate>('taskUpdates').add(taskUpdate)
    const byOwner = t.ownerId === member.membership._id
    const place = { collection: 'taskUpdates' as const, docId: updateId, field: 'photos' as const, authorId: member.membership._id, label: `「${t.title}」的办事进度`, link: taskLink(t._id) }
    await ctx.photos.record(place, submitted)
    await ctx.audit({ action: 'council.task.update', target: { collection: 'tasks', id: t._id }, before: { progress: t.progress }, after: { progress: input.progress, text: input.text, photos: input.photos.length, byOwner } })
    // The poster needs no news of their own update; when the owner reports, the committee follows it.
    const told = (await concerned(db, t)).filter((memberId) => memberId !== member.membership._id)
    const alsoCommittee = byOwner && !isCommittee(member) ? await committeeMembers(db) : []
    await notify(ctx, db, [...told, ...alsoCommittee], {
      kind: 'task.progress',
      title: '办事进度更新',
      body: `「${t.title}」进度 ${input.progress}%：${input.text.slice(0, 30)}`,
      link: taskLink(t._id),
      template: 'taskProgress',
      key: `task-progress-${updateId}`,
    })
    return { taskId: t._id, updateId, progress: input.progress }
  },
})

export const addExpense = action({
  name: 'council.task.addExpense',
  summary: '民生小实事记一笔支出：事项和金额（分），累计支出随之更新（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ taskId: id, item: text(60, 2), amountFen: fen.min(1) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const t = await openTask(db, input.taskId)
    if (!t.project) throw precondition('只有民生小实事项目记录收支')
    const now = clock.now()
    const expenseId = newId(db, 'exp', now)
    await db.collection<Expense>('taskExpenses').add({ _id: expenseId, taskId: t._id, item: input.item, amountFen: input.amountFen, createdAt: now })
    const after = await db.collection<Task>('tasks').updateAndReturn(t._id, { spentFen: db._.inc(input.amountFen), updatedAt: now })
    await ctx.audit({ action: 'council.task.addExpense', target: { collection: 'tasks', id: t._id }, before: { spentFen: t.spentFen }, after: { spentFen: after?.spentFen, item: input.item, amountFen: input.amountFen } })
    return { expenseId, spentFen: after?.spentFen ?? t.spentFen + input.amountFen, budgetFen: t.budgetFen, overBudget: (after?.spentFen ?? 0) > t.budgetFen }
  },
})

export const escalateTask = action({
  name: 'council.task.escalate',
  summary: '办事升级：一级 → 二级（社区/街道协助）→ 三级（区级部门协助），须写明原因（居委会；写入审计日志并通知负责人）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ taskId: id, tier: z.union([z.literal(2), z.literal(3)]), reason: text(500, 4) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const t = await openTask(db, input.taskId)
    if (input.tier <= t.tier) throw precondition(`这件事已是${TIER_LABELS[t.tier]}，只能往上升级`)
    const now = clock.now()
    const step = { from: t.tier, to: input.tier, reason: input.reason, at: now }
    if (!(await db.collection<Task>('tasks').update(t._id, { tier: input.tier, escalations: db._.push([step]), updatedAt: now }, { tier: t.tier, status: 'open' }))) throw conflict('这件事刚被其他人处理了，请刷新')
    await ctx.audit({ action: 'council.task.escalate', target: { collection: 'tasks', id: t._id }, before: { tier: t.tier }, after: { tier: input.tier }, reason: input.reason })
    await notify(ctx, db, await concerned(db, t), { kind: 'task.escalated', title: '办事项目已升级', body: `「${t.title}」升为${TIER_LABELS[input.tier]}：${input.reason.slice(0, 30)}`, link: taskLink(t._id), template: 'taskProgress', key: `task-escalated-${t._id}-${input.tier}` })
    return { taskId: t._id, tier: input.tier }
  },
})

export const completeTask = action({
  name: 'council.task.complete',
  summary: '办结：进度记为 100%，公示办理结果（民生小实事附收支明细），居民可以评价（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ taskId: id, summary: text(1000, 4) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const t = await openTask(db, input.taskId)
    const now = clock.now()
    const round = t.round + 1
    if (!(await db.collection<Task>('tasks').update(t._id, { status: 'done', progress: 100, round, ratings: db._.set(EMPTY), doneAt: now, updatedAt: now }, { status: 'open', round: t.round }))) throw conflict('这件事刚被其他人办结了')
    await db.collection<TaskUpdate>('taskUpdates').add({ _id: newId(db, 'tupd', now), taskId: t._id, text: `已办结：${input.summary}`, photos: [], progress: 100, createdAt: now })
    const result = sentence(input.summary)
    const noticeId = await publishNotice(db, now, { _id: `${t._id}:done${round}`, title: `办理结果公示：${t.title}`, body: `${result}。欢迎居民在办事项目中评价（满意 / 基本满意 / 不满意）。`, category: 'result', publicDays: 7, source: { kind: 'task', id: t._id } })
    let spendingNoticeId: string | null = null
    if (t.project) {
      const expenses = await db.collection<Expense>('taskExpenses').find({ taskId: t._id }, { orderBy: [['createdAt', 'asc']], limit: 500 })
      const lines = expenses.map((e) => `${e.item} ${yuan(e.amountFen)}`).join('；')
      // The published total is the sum of the published lines, whatever the running counter says.
      const spent = expenses.reduce((sum, e) => sum + e.amountFen, 0)
      if (spent !== t.spentFen) await db.collection<Task>('tasks').update(t._id, { spentFen: spent })
      spendingNoticeId = await publishNotice(db, now, { _id: `${t._id}:spending${round}`, title: `民生小实事收支公示：${t.title}`, body: `预算 ${yuan(t.budgetFen)}，支出 ${yuan(spent)}，结余 ${yuan(t.budgetFen - spent)}。明细：${lines || '无'}。`, category: 'spending', publicDays: 7, source: { kind: 'task', id: t._id } })
    }
    await noteOnIssue(db, t.issueId ?? null, { kind: 'done', at: now, by: '居委会', note: `「${t.title}」已办结：${result}。请评价`, link: { page: 'task', id: t._id } })
    await ctx.audit({ action: 'council.task.complete', target: { collection: 'tasks', id: t._id }, before: { status: 'open', progress: t.progress }, after: { status: 'done', round, noticeId, spendingNoticeId }, reason: input.summary })
    await notify(ctx, db, await concerned(db, t), { kind: 'task.done', title: '办事项目已办结', body: `「${t.title}」已办结，欢迎评价`, link: taskLink(t._id), template: 'taskProgress', key: `task-done-${t._id}-${round}` })
    return { taskId: t._id, status: 'done' as const, noticeId, spendingNoticeId }
  },
})

/**
 * News a reopened task owes the committee (platform/owed), told once. Only while the
 * task is still in the round that reopened it: a later completion has moved on.
 */
async function tellReopened(ctx: Pick<ActionContext<unknown>, 'db' | 'clock' | 'wechat' | 'log'>, t: Task) {
  const { db } = ctx
  await payOwed(db, 'tasks', t, async (key) => {
    if (key !== `reopened:${t.round}`) return
    const pct = `${Math.round((satisfactionRate(t.ratings) ?? 0) * 1000) / 10}%`
    await notify(ctx, db, await committeeMembers(db), { kind: 'task.reopened', title: '办事项目满意率低于底线', body: `「${t.title}」满意率 ${pct}，已重新打开，请研究处理`, link: taskLink(t._id), template: 'taskProgress', key: `task-reopened-${t._id}-${t.round}` })
  })
}

export const rateTask = action({
  name: 'council.task.rate',
  summary: '评价办结的事：满意 / 基本满意 / 不满意，可附一句话（每人一次）；满意率低于社区底线时事项重新打开并通知居委会（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ taskId: id, rating: z.enum(RATINGS), comment: text(300).optional() }),
  run: (ctx) => rate(ctx, ctx.member.membership._id, ctx.input, null),
})

export const rateForAction = action({
  name: 'council.task.rateFor',
  summary: '代评价：楼栋长为自己楼栋的已认证居民评价办结的事，须记录居民如何同意（当面、电话、书面或家属）及时间；居民收到消息，在事项里看到「由楼栋长代办」（写入审计日志）',
  roles: ['buildingLead'],
  input: z.strictObject({ taskId: id, memberId: id, rating: z.enum(RATINGS), comment: text(300).optional(), consent: consentInput }),
  async run(ctx) {
    const { input } = ctx
    const { who, assist } = await residentToAssist(ctx, input.memberId, input.consent, { verified: true })
    const res = await rate(ctx, who._id, input, assist)
    await recordAssist(ctx, who, assist, {
      kind: 'task.rate',
      action: 'council.task.rateFor',
      target: { collection: 'ratings', id: res.ratingId },
      what: `评价了「${res.title}」：${RATING_LABELS[input.rating]}`,
      link: taskLink(input.taskId),
      key: res.ratingId,
      after: { rating: input.rating },
    })
    const { title: _title, ratingId: _rid, ...out } = res
    return out
  },
})

/** One rating by `me` (or for them, `assist` saying by whom) of the task's current round. */
async function rate(ctx: ActionContext<unknown>, me: string, input: { taskId: string; rating: Rating; comment?: string }, assist: Assist | null) {
  const { db, clock } = ctx
  assertOwnId(db, input.taskId, '办事项目不存在')
  const now = clock.now()
  const _ = db._
  // The rating, its tally and — when it sinks the task below the bar — the reopening with its progress line,
  // timeline step and audit entry land together or not at all; the committee's news is owed in the same write.
  const outcome = await db.transaction(async (tx) => {
    const t = await tx.get<Task>('tasks', input.taskId)
    if (!t) throw notFound('办事项目不存在')
    const rid = ratingId(t._id, t.round, me)
    // A rating this round already stands (perhaps this call's own, its answer lost): nothing more to write.
    if (t.round > 0 && (await tx.get<RatingDoc>('ratings', rid))) return { task: t, rated: false, reopened: false }
    if (t.status !== 'done') throw precondition(t.round > 0 ? '这件事已重新办理，请办结后再评价' : '这件事还没办结，办结后才能评价')
    const ratings: RatingCounts = { ...t.ratings, [input.rating]: t.ratings[input.rating] + 1 }
    await tx.add('ratings', { _id: rid, taskId: t._id, round: t.round, memberId: me, rating: input.rating, comment: input.comment ?? null, ...(assist ? { assist } : {}), createdAt: now })
    const rated = { ...t, ratings }
    const enough = ratings.satisfied + ratings.basic + ratings.unsatisfied >= MIN_RATINGS_FOR_BAR
    const bar = enough ? (await ctx.settings).satisfactionBar : 0
    if (!enough || !belowBar(ratings, bar)) {
      await tx.update('tasks', t._id, { [`ratings.${input.rating}`]: _.inc(1) })
      return { task: rated, rated: true, reopened: false }
    }
    const rateNow = satisfactionRate(ratings)!
    const pct = `${Math.round(rateNow * 1000) / 10}%`
    const key = `reopened:${t.round}`
    await tx.update('tasks', t._id, { [`ratings.${input.rating}`]: _.inc(1), status: 'open', reopened: _.inc(1), doneAt: null, updatedAt: now, ...owe(db, key) })
    await tx.add('taskUpdates', { _id: newId(db, 'tupd', now), taskId: t._id, text: `居民满意率 ${pct}，低于社区底线 ${Math.round(bar * 100)}%，重新办理`, photos: [], progress: t.progress, createdAt: now })
    // The matter is this community's: the task that names it was read in this transaction.
    if (t.issueId) await tx.update('issues', t.issueId, { updatedAt: now, timeline: _.push([{ kind: 'reopened', at: now, by: '系统', note: `「${t.title}」居民满意率 ${pct}，低于社区底线，重新办理`, link: { page: 'task', id: t._id } }]) })
    await tx.add('auditLog', auditRecord(ctx.member.membership._id, ctx.requestId, now, { action: 'council.task.reopen', target: { collection: 'tasks', id: t._id }, before: { status: 'done', round: t.round }, after: { status: 'open', satisfactionRate: rateNow, bar } }))
    return { task: { ...rated, status: 'open' as const, owes: [...(t.owes ?? []), key] }, rated: true, reopened: true }
  })
  // Told after the write, owed until told: the retry of a rating whose answer was lost tells it too.
  await tellReopened(ctx, outcome.task)
  if (!outcome.rated) throw conflict(assist ? '这位居民已经评价过这件事了' : '你已经评价过这件事了')
  const t = outcome.task
  return { taskId: t._id, title: t.title, ratingId: ratingId(t._id, t.round, me), satisfactionRate: satisfactionRate(t.ratings), ratings: t.ratings, reopened: outcome.reopened }
}
