/**
 * A topic's discussion: comments and replies pass the content check first; three
 * distinct neighbours' reports hide a comment until the committee restores or
 * removes it, audited.
 */
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_COMMENTS, SEED_ISSUES } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const TOPIC = `${SEED_ISSUES.squareDance}:topic`

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const comments = () => t.ok('demo-newcomer', 'council.comment.list', { topicId: TOPIC }, C)
const audits = async (action: string) => ((await t.db.collection('auditLog').where({ communityId: C, action }).count()) as { total: number }).total
const post = (openid: string, text = '建议周末可以适当延长到九点半。') => t.ok(openid, 'council.comment.add', { topicId: TOPIC, text }, C)

it('posts comments and replies in order, author masked, the replied-to told', async () => {
  const { commentId } = await post('demo-resident')
  await t.ok('demo-volunteer', 'council.comment.add', { topicId: TOPIC, text: '同意，音箱我们来买。', replyTo: commentId }, C)
  const list = await comments()
  expect(list.items.slice(-2)).toEqual([
    expect.objectContaining({ id: commentId, authorName: '林*华', text: '建议周末可以适当延长到九点半。' }),
    expect.objectContaining({ replyTo: commentId, text: '同意，音箱我们来买。' }),
  ])
  const topics = await t.ok('demo-resident', 'council.topic.list', {}, C)
  expect(topics.items.find((x) => x.id === TOPIC)?.comments).toBe(6)
  const inbox = await t.ok('demo-resident', 'message.list', {}, C)
  expect(inbox.items.map((m) => m.kind)).toContain('comment.reply')
})

it('stores nothing when the content check rejects a comment', async () => {
  const before = (await comments()).items.length
  const res = await t.call('demo-resident', 'council.comment.add', { topicId: TOPIC, text: '这里有违禁测试词' }, C)
  expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
  expect((await comments()).items.length).toBe(before)
})

it('hides a comment at exactly the third distinct reporter, not before, and counts each reporter once', async () => {
  const { commentId } = await post('demo-resident', '广场舞队的人太自私了。')
  const status = async () => (await comments()).items.find((c) => c.id === commentId)!
  expect(await t.ok('demo-neighbour-01', 'council.comment.report', { commentId }, C)).toMatchObject({ reports: 1, hidden: false })
  expect(await t.call('demo-neighbour-01', 'council.comment.report', { commentId }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await t.ok('demo-neighbour-02', 'council.comment.report', { commentId }, C)).toMatchObject({ reports: 2, hidden: false })
  expect(await status()).toMatchObject({ status: 'visible', text: '广场舞队的人太自私了。' })
  expect(await t.ok('demo-neighbour-03', 'council.comment.report', { commentId, reason: '人身攻击' }, C)).toMatchObject({ reports: 3, hidden: true })
  expect(await status()).toMatchObject({ status: 'hidden', text: expect.stringContaining('已暂时隐藏') })
  // The committee sees what it has to decide on: where, how many reported and why, but not who.
  const pending = await t.ok('demo-committee', 'council.comment.pending', {}, C)
  const topic = (await t.ok('demo-resident', 'council.topic.list', {}, C)).items.find((x) => x.id === TOPIC)!
  expect(pending.items.find((c) => c.id === commentId)).toMatchObject({ text: '广场舞队的人太自私了。', reports: 3, topicTitle: topic.title, reasons: ['人身攻击'] })
  expect(pending.total).toBe(pending.items.length)
  expect(JSON.stringify(pending)).not.toContain('demo-neighbour-03')
  expect(await audits('council.comment.hide')).toBe(1)
})

it('hides once when many report at the same moment', async () => {
  const { commentId } = await post('demo-resident', '广场舞队的人太自私了。')
  const reporters = Array.from({ length: 8 }, (_, i) => `demo-neighbour-${String(i + 1).padStart(2, '0')}`)
  const results = await Promise.all(reporters.map((r) => t.call(r, 'council.comment.report', { commentId }, C)))
  expect(results.every((r) => r.ok)).toBe(true)
  expect((await comments()).items.find((c) => c.id === commentId)).toMatchObject({ status: 'hidden' })
  expect(await audits('council.comment.hide')).toBe(1)
})

it('refuses reporting one’s own comment', async () => {
  const { commentId } = await post('demo-resident')
  expect(await t.call('demo-resident', 'council.comment.report', { commentId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
})

it('lets the committee restore a hidden comment for good, or remove it and tell the author, audited', async () => {
  await t.ok('demo-committee', 'council.comment.review', { commentId: SEED_COMMENTS.hidden, decision: 'restore', reason: '经核实属于情绪化表达，予以恢复' }, C)
  expect((await comments()).items.find((c) => c.id === SEED_COMMENTS.hidden)).toMatchObject({ status: 'restored', text: expect.stringContaining('报警') })
  // Once the committee decided, more reports do not hide it again.
  expect(await t.call('demo-resident', 'council.comment.report', { commentId: SEED_COMMENTS.hidden }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  expect(await audits('council.comment.restore')).toBe(1)
  // Decided, it leaves the committee's queue.
  expect((await t.ok('demo-committee', 'council.comment.pending', {}, C)).items.map((c) => c.id)).not.toContain(SEED_COMMENTS.hidden)

  await t.ok('demo-admin', 'council.comment.review', { commentId: SEED_COMMENTS.hidden, decision: 'remove', reason: '人身攻击' }, C)
  expect((await comments()).items.find((c) => c.id === SEED_COMMENTS.hidden)).toMatchObject({ status: 'removed', text: '该评论已被居委会删除' })
  expect(await audits('council.comment.remove')).toBe(1)
  const inbox = await t.ok('demo-neighbour-29', 'message.list', {}, C)
  expect(inbox.items.map((m) => m.kind)).toContain('comment.removed')
})

it('shows the seeded discussion with one comment hidden by reports', async () => {
  const list = await comments()
  expect(list.items.filter((c) => c.status === 'hidden')).toHaveLength(1)
  expect(list.items.find((c) => c.id === SEED_COMMENTS.hidden)?.text).not.toContain('报警')
})
