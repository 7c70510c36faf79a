/**
 * 帮邻办事 and 由邻评事: a decision becomes a task; progress with photos, 民生小实事
 * expenses in fen, escalation by tier, completion with its 公示 notices; neighbours
 * rate once each, and a rate below the community's bar reopens the task and tells
 * the committee exactly once, however many rate at once.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_DECISIONS, SEED_TASKS } from '../../../local/seed/decisions'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)
const member = (openid: string) => membershipId(C, openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
const audits = async (action: string) => ((await t.db.collection('auditLog').where({ communityId: C, action }).get()) as { data: Array<{ target: { id: string }; reason?: string }> }).data
const messagesOf = async (openid: string, kind: string) =>
  ((await t.db.collection('messages').where({ communityId: C, memberId: member(openid) }).get()) as { data: Array<{ kind: string; body: string }> }).data.filter((m) => m.kind === kind)

const newTask = (extra: Record<string, unknown> = {}) =>
  t.ok('demo-committee', 'council.task.create', { decisionId: SEED_DECISIONS.elevator, title: '电梯费用分摊收缴', description: '按楼层系数向 3 号楼二楼以上住户收缴电梯加装费用，专户管理。', ownerId: member('demo-lead3'), deadline: inDays(30), ...extra }, C)

describe('a task', () => {
  it('is created from a passed decision, tells its owner, and shows on the decision', async () => {
    const { taskId } = await newTask()
    expect(await messagesOf('demo-lead3', 'task.assigned')).toHaveLength(1)
    const decision = await t.ok('demo-resident', 'council.decision.get', { decisionId: SEED_DECISIONS.elevator }, C)
    expect(decision.tasks.map((x) => x.id)).toContain(taskId)
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ ownerName: '许*彬', tier: 1, status: 'open', progress: 0 })
    expect(await audits('council.task.create')).toHaveLength(1)
  })

  it('records progress with photos (never backwards), audited, and tells the owner', async () => {
    const { taskId } = await newTask()
    // Photos are uploaded first, into the poster's own place (they go to WeChat's image check by a download URL); a fileID not in storage is refused.
    const photos = await Promise.all(['a', 'b'].map((n) => t.upload('demo-committee', `progress photo ${n}`)))
    const neverUploaded = photos[0].replace(/[^/]+$/, 'never-uploaded.jpg')
    expect(await t.call('demo-committee', 'council.task.update', { taskId, text: '已收缴二楼住户费用', photos: [neverUploaded], progress: 20 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await t.ok('demo-committee', 'council.task.update', { taskId, text: '已收缴二楼至四楼住户费用', photos, progress: 40 }, C)
    expect(await t.call('demo-committee', 'council.task.update', { taskId, text: '写错了', progress: 30 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call('demo-committee', 'council.task.update', { taskId, text: '照片太多了', photos: Array(10).fill(photos[0]), progress: 50 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    // Neighbours see the photos once WeChat's check has passed them.
    await t.wechat.flushMediaChecks()
    const got = await t.ok('demo-resident', 'council.task.get', { taskId }, C)
    expect(got).toMatchObject({ progress: 40, updates: [{ photos, progress: 40 }] })
    expect(await messagesOf('demo-lead3', 'task.progress')).toHaveLength(1)
    expect(await audits('council.task.update')).toHaveLength(1)
  })

  it('lets its owner post progress with photos, audited, and tells the committee but not the owner', async () => {
    const { taskId } = await newTask()
    const photos = [await t.upload('demo-lead3', 'owner photo')]
    await t.ok('demo-lead3', 'council.task.update', { taskId, text: '已挨家挨户通知收缴标准', photos, progress: 20 }, C)
    await t.wechat.flushMediaChecks()
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ progress: 20, updates: [{ text: '已挨家挨户通知收缴标准', photos, progress: 20 }] })
    expect(await audits('council.task.update')).toEqual([expect.objectContaining({ actor: membershipId(C, 'demo-lead3'), target: expect.objectContaining({ id: taskId }), after: expect.objectContaining({ byOwner: true }) })])
    expect(await messagesOf('demo-committee', 'task.progress')).toHaveLength(1)
    expect(await messagesOf('demo-lead3', 'task.progress')).toHaveLength(0)
    // The owner sees the form, a neighbour does not; in the list the owner's filter finds it.
    expect(await t.ok('demo-lead3', 'council.task.get', { taskId }, C)).toMatchObject({ isMine: true, canPostProgress: true })
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ isMine: false, canPostProgress: false })
    const mine = await t.ok('demo-lead3', 'council.task.list', { mine: true }, C)
    expect(mine.items.map((x) => x.id)).toEqual(expect.arrayContaining([taskId, SEED_TASKS.elevatorWorks]))
    expect(mine.items.every((x) => x.isMine)).toBe(true)
    expect((await t.ok('demo-resident', 'council.task.list', { mine: true }, C)).items).toEqual([])
  })

  it('refuses progress from anyone but its owner and the committee, and changes nothing', async () => {
    const { taskId } = await newTask()
    for (const who of ['demo-resident', 'demo-volunteer', 'demo-lead']) {
      const res = await t.call(who, 'council.task.update', { taskId, text: '我也来更新一下进度', progress: 50 }, C)
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('负责人') } })
    }
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ progress: 0, updates: [] })
    expect(await audits('council.task.update')).toHaveLength(0)
    expect(await messagesOf('demo-lead3', 'task.progress')).toHaveLength(0)
  })

  it('leaves expenses, escalation and completion to the committee, even for the owner', async () => {
    const { taskId } = await newTask({ project: true, budgetFen: 100_000 })
    expect(await t.call('demo-lead3', 'council.task.addExpense', { taskId, item: '宣传单印刷', amountFen: 5_000 }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-lead3', 'council.task.escalate', { taskId, tier: 2, reason: '需要街道协调' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-lead3', 'council.task.complete', { taskId, summary: '我觉得办完了' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.ok('demo-lead3', 'council.task.get', { taskId }, C)).toMatchObject({ status: 'open', tier: 1, spentFen: 0 })
  })

  it('keeps a 民生小实事 budget and expenses in whole fen', async () => {
    const { taskId } = await newTask({ project: true, budgetFen: 1_000_000 })
    // Sums of small amounts in integer fen add up exactly to the budget.
    for (let i = 0; i < 5; i++) await t.ok('demo-committee', 'council.task.addExpense', { taskId, item: `材料第 ${i + 1} 批`, amountFen: 10 + 20 }, C)
    const big = await t.ok('demo-committee', 'council.task.addExpense', { taskId, item: '施工费', amountFen: 999_850 }, C)
    expect(big).toMatchObject({ spentFen: 1_000_000, budgetFen: 1_000_000, overBudget: false })
    expect(await t.call('demo-committee', 'council.task.addExpense', { taskId, item: '零头', amountFen: 0.5 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const got = await t.ok('demo-resident', 'council.task.get', { taskId }, C)
    expect(got).toMatchObject({ spentFen: 1_000_000, remainingFen: 0 })
    expect(got.expenses).toHaveLength(6)
    expect(await audits('council.task.addExpense')).toHaveLength(6)
  })

  it('escalates only upwards, with a reason, audited', async () => {
    const { taskId } = await newTask()
    await t.ok('demo-committee', 'council.task.escalate', { taskId, tier: 3, reason: '涉及规划许可，需要区住建局协调' }, C)
    expect(await t.call('demo-committee', 'council.task.escalate', { taskId, tier: 2, reason: '降级试试看' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.ok('demo-resident', 'council.task.get', { taskId }, C)).toMatchObject({ tier: 3, escalations: [{ from: 1, to: 3, reason: '涉及规划许可，需要区住建局协调' }] })
    expect((await audits('council.task.escalate'))[0]).toMatchObject({ reason: '涉及规划许可，需要区住建局协调' })
  })

  it('when done publishes its result and, for a project, its spending in 公示, and opens the rating', async () => {
    expect(await t.call('demo-resident', 'council.task.rate', { taskId: SEED_TASKS.westGateLights, rating: 'satisfied' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const done = await t.ok('demo-committee', 'council.task.complete', { taskId: SEED_TASKS.westGateLights, summary: '12 盏路灯全部安装通电' }, C)
    const spending = await t.ok('demo-resident', 'notice.get', { noticeId: done.spendingNoticeId! }, C)
    expect(spending).toMatchObject({ category: 'spending', publicityOpen: true })
    expect(spending.body).toContain('预算 20000.00 元，支出 12000.00 元，结余 8000.00 元')
    expect(spending.body).toContain('LED 路灯 8 盏 9600.00 元')
    expect(await t.ok('demo-resident', 'notice.get', { noticeId: done.noticeId }, C)).toMatchObject({ category: 'result' })
    expect(await t.ok('demo-resident', 'council.task.get', { taskId: SEED_TASKS.westGateLights }, C)).toMatchObject({ status: 'done', progress: 100, canRate: true })
    await t.ok('demo-resident', 'council.task.rate', { taskId: SEED_TASKS.westGateLights, rating: 'satisfied', comment: '晚上亮堂多了' }, C)
    expect(await t.call('demo-committee', 'council.task.update', { taskId: SEED_TASKS.westGateLights, text: '办结后还能更新吗', progress: 100 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})

describe('rating', () => {
  it('counts one rating per resident however many are sent at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.call('demo-resident', 'council.task.rate', { taskId: SEED_TASKS.sortingKiosk, rating: 'satisfied' }, C)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(19)
    const got = await t.ok('demo-resident', 'council.task.get', { taskId: SEED_TASKS.sortingKiosk }, C)
    expect(got).toMatchObject({ ratings: { satisfied: 5, basic: 1, unsatisfied: 1 }, myRating: 'satisfied', canRate: false })
    expect(got.satisfactionRate).toBeCloseTo(6 / 7)
    // neighbours who rated appear masked
    expect(got.reviews.every((r) => r.name.includes('*'))).toBe(true)
  })

  it('reopens the task below the bar and tells the committee exactly once, with many rating at once', async () => {
    const { taskId } = await newTask()
    await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '费用已全部收缴' }, C)
    const raters = NEIGHBOURS.slice(0, 12)
    const results = await Promise.all(raters.map((n) => t.call(n, 'council.task.rate', { taskId, rating: 'unsatisfied', comment: '收费标准没有讲清楚' }, C)))
    expect(results.filter((r) => r.ok && r.data.reopened)).toHaveLength(1)
    const after = await t.ok('demo-resident', 'council.task.get', { taskId }, C)
    expect(after.status).toBe('open')
    const stored = ((await t.db.collection('ratings').where({ communityId: C, taskId, round: 1 }).count()) as { total: number }).total
    expect(after.ratings.unsatisfied).toBe(stored)
    expect(stored).toBeGreaterThanOrEqual(5)
    expect(await audits('council.task.reopen')).toHaveLength(1)
    for (const c of ['demo-committee', 'demo-admin']) expect(await messagesOf(c, 'task.reopened')).toHaveLength(1)
    // done again: a new round of ratings, everyone may rate afresh
    await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '补充公布了收费标准' }, C)
    expect(await t.ok(raters[0], 'council.task.rate', { taskId, rating: 'basic' }, C)).toMatchObject({ ratings: { satisfied: 0, basic: 1, unsatisfied: 0 }, reopened: false })
  })

  it('does not apply the bar before 5 ratings', async () => {
    const { taskId } = await newTask()
    await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '费用已全部收缴' }, C)
    for (const n of NEIGHBOURS.slice(0, 4)) expect((await t.ok(n, 'council.task.rate', { taskId, rating: 'unsatisfied' }, C)).reopened).toBe(false)
    expect((await t.ok(NEIGHBOURS[4], 'council.task.rate', { taskId, rating: 'unsatisfied' }, C)).reopened).toBe(true)
  })

  it('refuses rejected text and stores nothing', async () => {
    expect(await t.call('demo-resident', 'council.task.rate', { taskId: SEED_TASKS.sortingKiosk, rating: 'basic', comment: '违禁测试词' }, C)).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect((await t.ok('demo-resident', 'council.task.get', { taskId: SEED_TASKS.sortingKiosk }, C)).myRating).toBeNull()
  })
})
