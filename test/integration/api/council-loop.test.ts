/**
 * One matter through the whole loop by the api alone: its public timeline tells every
 * step, from 说事 to 评事, each step about a motion or a task linking to it, so the
 * resident who raised it can follow it to the end.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString()
const timelineOf = async (issueId: string) => (await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).timeline

it("a matter's timeline follows it through meeting, vote, task, completion and reopening", async () => {
  const { issueId } = await t.ok('demo-resident', 'council.issue.create', { title: '4号楼单元门门禁经常失灵', body: '门禁一周坏了三次，门一直敞着，晚上外人随便进出。', category: 'facility' }, C)
  for (const openid of NEIGHBOURS.slice(0, 10)) await t.ok(openid, 'council.issue.cosign', { issueId }, C)
  await t.ok('demo-committee', 'council.issue.triage', { issueId, decision: 'accept', reply: '列入议事会' }, C)
  const topicId = `${issueId}:topic`
  const { meetingId } = await t.ok('demo-committee', 'council.meeting.schedule', { title: '门禁专题议事会', startAt: inDays(1), endAt: inDays(1.05), place: '社区活动室', capacity: 30, topicIds: [topicId] }, C)
  t.clock.advance(1.01 * 86_400_000)
  await t.ok('demo-committee', 'council.meeting.minutes', { meetingId, minutes: '议定：更换门禁，交全体居民表决。' }, C)

  const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '更换4号楼单元门门禁', description: '两个单元门各换一套门禁，约 1.2 万元。', topicId, closesAt: inDays(3) }, C)
  for (const openid of NEIGHBOURS.slice(0, 6)) await t.ok(openid, 'council.motion.vote', { motionId, option: 0 }, C)
  const { decisionId, outcome } = await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
  expect(outcome).toBe('passed')

  const member = membershipId(C, 'demo-volunteer')
  const { taskId } = await t.ok('demo-committee', 'council.task.create', { decisionId, title: '4号楼门禁更换', description: '采购安装两套门禁，录入门卡和人脸。', ownerId: member, deadline: inDays(30) }, C)
  await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '两套门禁已更换并投入使用。' }, C)
  // Five neighbours are unhappy: below the bar the task reopens, and the matter says so.
  for (const openid of NEIGHBOURS.slice(0, 5)) await t.ok(openid, 'council.task.rate', { taskId, rating: 'unsatisfied' }, C)

  const timeline = await timelineOf(issueId)
  expect(timeline.map((s) => s.kind)).toEqual(['raised', 'candidate', 'accepted', 'scheduled', 'discussed', 'voting', 'decided', 'tasked', 'done', 'reopened'])
  const byKind = Object.fromEntries(timeline.map((s) => [s.kind, s]))
  expect(byKind.voting.link).toEqual({ page: 'motion', id: motionId })
  expect(byKind.decided).toMatchObject({ by: '系统', link: { page: 'motion', id: motionId } })
  expect(byKind.decided.note).toContain('通过')
  expect(byKind.tasked.link).toEqual({ page: 'task', id: taskId })
  // The result's closing mark is not doubled by the sentence that follows it.
  expect(byKind.done.note).toBe('「4号楼门禁更换」已办结：两套门禁已更换并投入使用。请评价')
  expect(byKind.reopened.note).toContain('满意率 0%')
  expect(byKind.raised.link).toBeNull()
  const notice = await t.ok('demo-resident', 'notice.list', { limit: 20 }, C)
  const result = notice.items.find((n) => n.title === '办理结果公示：4号楼门禁更换')
  expect(result).toBeDefined()
})

it('work that did not start from a matter touches no timeline', async () => {
  const before = await timelineOf(SEED_ISSUES.elevator)
  const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '社区春节联欢会时间', description: '选一个大家方便的时间。', closesAt: inDays(3) }, C)
  await t.ok('demo-resident', 'council.motion.vote', { motionId, option: 0 }, C)
  await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
  const { taskId } = await t.ok('demo-committee', 'council.task.create', { title: '楼道堆物清理', description: '清理各楼楼道堆放的杂物，张贴提示。', ownerId: membershipId(C, 'demo-lead'), deadline: inDays(7) }, C)
  await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '已清理完毕' }, C)
  expect(await timelineOf(SEED_ISSUES.elevator)).toEqual(before)
  // The seeded lift matter carries its vote and task on, as a newcomer would expect.
  expect(before.map((s) => s.kind).slice(-3)).toEqual(['voting', 'decided', 'tasked'])
})
