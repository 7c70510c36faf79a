/**
 * 让邻知事: the committee publishes notices with a 公示 period; residents read them
 * and object while the period runs (refused after, by the server clock); the
 * committee answers in public, once, audited, and the objector hears of it.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_NOTICES, SEED_OBJECTIONS } from '../../../local/seed/decisions'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const publish = (publicDays = 3) => t.ok('demo-committee', 'notice.publish', { title: '自行车棚改造方案公示', body: '自行车棚顶棚改为阳光板，预算 8000 元，由公共收益列支。', category: 'decision', publicDays }, C)

it('publishes a notice in 公示, audited, listed first', async () => {
  const { noticeId, publicUntil } = await publish(3)
  expect(publicUntil).toBe('2026-11-26T02:00:00.000Z')
  expect((await t.ok('demo-resident', 'notice.list', {}, C)).items[0]).toMatchObject({ id: noticeId, publicityOpen: true })
  expect(await t.ok('demo-resident', 'notice.get', { noticeId }, C)).toMatchObject({ title: '自行车棚改造方案公示', canObject: true, objections: [] })
  const audits = ((await t.db.collection('auditLog').where({ communityId: C, action: 'notice.publish' }).get()) as { data: unknown[] }).data
  expect(audits).toHaveLength(1)
})

it('takes one objection per resident during 公示, refuses after it, and tells the committee', async () => {
  const { noticeId } = await publish(3)
  const { objectionId } = await t.ok('demo-resident', 'notice.object', { noticeId, text: '阳光板夏天会不会太晒？' }, C)
  expect(await t.call('demo-resident', 'notice.object', { noticeId, text: '再补充一句意见' }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const seen = await t.ok('demo-volunteer', 'notice.get', { noticeId }, C)
  expect(seen.objections).toEqual([expect.objectContaining({ id: objectionId, authorName: '林*华', isMine: false, text: '阳光板夏天会不会太晒？', answer: null })])
  const committee = ((await t.db.collection('messages').where({ communityId: C, memberId: membershipId(C, 'demo-committee') }).get()) as { data: Array<{ kind: string }> }).data
  expect(committee.filter((m) => m.kind === 'notice.objection')).toHaveLength(1)
  t.clock.advance(3 * 86_400_000 + 1)
  expect(await t.call('demo-volunteer', 'notice.object', { noticeId, text: '公示结束后才看到' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '公示期已结束，不能再提出异议' } })
  expect(await t.ok('demo-volunteer', 'notice.get', { noticeId }, C)).toMatchObject({ publicityOpen: false, canObject: false })
  // The list says so too, before the hourly timer has marked the notice.
  expect((await t.ok('demo-volunteer', 'notice.list', { limit: 50 }, C)).items.find((n) => n.id === noticeId)).toMatchObject({ publicityOpen: false })
})

it('refuses an objection to a notice without 公示 and rejected text, storing nothing', async () => {
  const { noticeId } = await publish(0)
  expect(await t.call('demo-resident', 'notice.object', { noticeId, text: '我有意见要提' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  expect(await t.call('demo-resident', 'notice.object', { noticeId: SEED_NOTICES.elevator, text: '违禁测试词意见' }, C)).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
  expect((await t.ok('demo-resident', 'notice.get', { noticeId: SEED_NOTICES.elevator }, C)).objections.filter((o) => o.isMine)).toHaveLength(0)
})

it('answers an objection in public once, audited, and the objector hears of it', async () => {
  await t.ok('demo-committee', 'notice.answerObjection', { objectionId: SEED_OBJECTIONS.pending, answer: '明细已附在公告后，分为灭火器更换和消防栓检修两项。' }, C)
  expect(await t.call('demo-admin', 'notice.answerObjection', { objectionId: SEED_OBJECTIONS.pending, answer: '再答复一次试试' }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const got = await t.ok('demo-resident', 'notice.get', { noticeId: SEED_NOTICES.spending }, C)
  expect(got.objections[0]).toMatchObject({ answer: '明细已附在公告后，分为灭火器更换和消防栓检修两项。' })
  const audits = ((await t.db.collection('auditLog').where({ communityId: C, action: 'notice.answerObjection' }).get()) as { data: unknown[] }).data
  expect(audits).toHaveLength(1)
  const objector = (await t.db.collection('objections').doc(SEED_OBJECTIONS.pending).get()) as { data: Array<{ authorId: string }> }
  const msgs = ((await t.db.collection('messages').where({ communityId: C, memberId: objector.data[0].authorId }).get()) as { data: Array<{ kind: string }> }).data
  expect(msgs.filter((m) => m.kind === 'notice.answered')).toHaveLength(1)
})

it('does not let the member who published a notice object to it: they answer objections', async () => {
  const { noticeId } = await publish(3)
  expect(await t.ok('demo-committee', 'notice.get', { noticeId }, C)).toMatchObject({ canObject: false })
  expect(await t.call('demo-committee', 'notice.object', { noticeId, text: '自己对自己的公示有异议' }, C)).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: '这是你发布的公告：居民的异议会通知你，由你公开答复' },
  })
  const objections = ((await t.db.collection('objections').where({ communityId: C, noticeId }).get()) as { data: unknown[] }).data
  expect(objections).toHaveLength(0)
  expect(await t.ok('demo-resident', 'notice.get', { noticeId }, C)).toMatchObject({ canObject: true })
})
