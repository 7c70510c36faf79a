import { ScopedDb } from '../../../cloudfunctions/api/src/platform/db'
import { notify } from '../../../cloudfunctions/api/src/platform/notify'
import { silentLogger } from '../../../cloudfunctions/api/src/platform/log'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

/** Notifies demo personas, addressed as the app addresses people: by member id. */
const send = (personas: string[], extra: Record<string, unknown> = {}) =>
  notify({ wechat: t.wechat, clock: t.clock, log: silentLogger }, new ScopedDb(t.app.database(), C), personas.map((p) => membershipId(C, p)), {
    kind: 'issue',
    title: '你的议题已被受理',
    body: '「楼道灯坏了」已列入议事会议程',
    link: 'packages/council/index',
    ...extra,
  })

it('puts every notice in the message centre, unread first counted', async () => {
  await send(['demo-resident'])
  await send(['demo-resident'], { title: '议事会明天召开' })
  const list = await t.ok('demo-resident', 'message.list', {}, C)
  expect(list.unread).toBe(2)
  expect(list.items.map((m) => m.title)).toEqual(expect.arrayContaining(['你的议题已被受理', '议事会明天召开']))
  await t.ok('demo-resident', 'message.markRead', { messageId: list.items[0].id }, C)
  expect((await t.ok('demo-resident', 'message.list', {}, C)).unread).toBe(1)
  await t.ok('demo-resident', 'message.markRead', {}, C)
  expect((await t.ok('demo-resident', 'message.list', { unreadOnly: true }, C)).items).toEqual([])
  // Nobody else sees them, nor can mark them.
  expect((await t.ok('demo-volunteer', 'message.list', {}, C)).items).toEqual([])
  expect(await t.call('demo-volunteer', 'message.markRead', { messageId: list.items[0].id }, C)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

it('sends one subscribe message per consent granted, never more, even at once', async () => {
  await t.ok('demo-resident', 'subscription.record', { accepted: ['issueUpdate'] }, C)
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => send(['demo-resident'], { template: 'issueUpdate', title: `进展 ${i}` })))
  expect(results.reduce((n, r) => n + r.pushed, 0)).toBe(1)
  expect(t.wechat.outbox().filter((m) => m.touser === 'demo-resident')).toHaveLength(1)
  expect((await t.ok('demo-resident', 'message.list', {}, C)).unread).toBe(6)
  const status = await t.ok('demo-resident', 'subscription.status', {}, C)
  expect(status.templates.find((x) => x.key === 'issueUpdate')).toMatchObject({ remaining: 0, title: '议题进展通知' })
})

it('tries no consent of a member who never granted one; one granted after joining is used, as is one of a membership older than the mark', async () => {
  t.emulator.resetStats()
  expect(await send(['demo-resident', 'demo-volunteer'], { template: 'issueUpdate' })).toEqual({ messages: 2, pushed: 0 })
  expect(t.emulator.stats.writes.subscriptions ?? 0).toBe(0)
  // Granting marks the membership first; from then on notify uses the consent.
  await t.ok('demo-resident', 'subscription.record', { accepted: ['issueUpdate'] }, C)
  const memberships = t.app.database().collection('memberships')
  expect((await memberships.doc(membershipId(C, 'demo-resident')).get()).data[0].consents).toBe(true)
  // A membership from before the mark (no field) holding a consent is still reached.
  await memberships.doc(membershipId(C, 'demo-volunteer')).update({ consents: t.app.database().command.remove() })
  await t.app.database().collection('subscriptions').add({ _id: `${membershipId(C, 'demo-volunteer')}:sub:issueUpdate`, communityId: C, memberId: membershipId(C, 'demo-volunteer'), template: 'issueUpdate', remaining: 1, updatedAt: new Date() })
  expect(await send(['demo-resident', 'demo-volunteer'], { template: 'issueUpdate', title: '又有进展' })).toEqual({ messages: 2, pushed: 2 })
  expect(t.wechat.outbox().map((m) => m.touser).sort()).toEqual(['demo-resident', 'demo-volunteer'])
})

it('a stable key notifies each person once', async () => {
  const first = await send(['demo-resident', 'demo-volunteer'], { key: 'issue-1-accepted' })
  const again = await send(['demo-resident', 'demo-volunteer'], { key: 'issue-1-accepted' })
  expect([first.messages, again.messages]).toEqual([2, 0])
})

it('a member who left hears nothing; the subscribe message reaches the member’s own WeChat', async () => {
  await t.ok('demo-volunteer', 'me.leave', { communityId: C })
  await t.ok('demo-resident', 'subscription.record', { accepted: ['issueUpdate'] }, C)
  expect(await send(['demo-resident', 'demo-volunteer'], { template: 'issueUpdate' })).toEqual({ messages: 1, pushed: 1 })
  expect(t.wechat.outbox().map((m) => m.touser)).toEqual(['demo-resident'])
})
