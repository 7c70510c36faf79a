/**
 * Leaving a community and deleting the account really forget: afterwards nothing in
 * the database names the person's WeChat account or an id computed from it, their
 * check-in locations are gone, and coming back — with the same account or a new one —
 * starts a fresh membership that sees nothing of the old one, while what they wrote
 * stays under 已注销用户 / 已离开的居民.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { SCHEMA } from '../../../cloudfunctions/api/src/platform/schema'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES, SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const TOPIC = `${SEED_ISSUES.squareDance}:topic`
const HOME = `${C}:b4-2-401`

/* eslint-disable @typescript-eslint/no-explicit-any */
let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

/** Everything the database holds, as someone with access reads it. */
async function everything(): Promise<string> {
  const parts: unknown[] = []
  for (const { name, indexes } of SCHEMA) {
    const scoped = indexes.some((i) => Object.keys(i.keys)[0] === 'communityId')
    for (let skip = 0; ; skip += 1000) {
      const query = scoped ? t.db.collection(name).where({ communityId: t._.in([C, 'c_haiyun']) }) : t.db.collection(name).where({ _id: t._.exists(true) })
      const page = ((await query.skip(skip).limit(1000).get().catch(() => ({ data: [] }))) as { data: unknown[] }).data
      parts.push(...page)
      if (page.length < 1000) break
    }
  }
  return JSON.stringify(parts)
}

/** Which of these traces the stored text still holds, each with a little of what surrounds it. */
function traces(stored: string, needles: string[]): string[] {
  return needles.filter((n) => stored.includes(n)).map((n) => {
    const at = stored.indexOf(n)
    return `${n} in …${stored.slice(Math.max(0, at - 80), at + n.length + 40)}…`
  })
}

/** A resident with a life in the community: verified, contact details, a matter, a comment, a check-in with location. */
async function settleIn(openid: string) {
  await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: HOME, nickname: '周小周' })
  const memberId = (await t.ok(openid, 'me.get', {}, C)).current!.memberId
  await t.ok('demo-committee', 'member.verify', { memberId, approve: true }, C)
  await t.ok(openid, 'me.setContact', { realName: '周晓舟', phone: '13912345678' }, C)
  const { issueId } = await t.ok(openid, 'council.issue.create', { title: '单元门禁经常失灵', body: '4号楼 2 单元门禁刷卡经常没反应，老人进出不方便。', category: 'facility' }, C)
  const { commentId } = await t.ok(openid, 'council.comment.add', { topicId: TOPIC, text: '建议周末可以适当延长到九点半。' }, C)
  const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.upcoming }, C)
  await t.ok(openid, 'checkin.scan', { token, location: { lat: 24.4501, lng: 118.0812 } }, C)
  return { memberId, issueId, commentId }
}

async function seesNothingOld(openid: string, old: { memberId: string; issueId: string; commentId: string }, placeholder: string) {
  const me = await t.ok(openid, 'me.get', {}, C)
  expect(me.current).toMatchObject({ status: 'unverified', realName: null, phone: null })
  expect(me.current!.memberId).not.toBe(old.memberId)
  expect((await t.ok(openid, 'council.issue.list', { mine: true }, C)).items).toEqual([])
  expect(await t.ok(openid, 'council.issue.get', { issueId: old.issueId }, C)).toMatchObject({ isMine: false, authorName: placeholder })
  const comment = (await t.ok(openid, 'council.comment.list', { topicId: TOPIC }, C)).items.find((c) => c.id === old.commentId)
  expect(comment).toMatchObject({ isMine: false, authorName: placeholder })
  expect((await t.ok(openid, 'council.meeting.get', { meetingId: SEED_MEETINGS.upcoming }, C)).attendedByMe).toBe(false)
  expect((await t.ok(openid, 'message.list', {}, C)).items).toEqual([])
  const exported = JSON.stringify(await t.ok(openid, 'me.export'))
  for (const trace of [old.memberId, '周晓舟', '13912345678', '24.4501']) expect(exported).not.toContain(trace)
}

it('deleting the account leaves nothing that names the account; the same WeChat user coming back starts afresh', async () => {
  const openid = 'forget-me'
  const old = await settleIn(openid)
  expect(await t.ok(openid, 'me.delete', { confirm: '注销' })).toMatchObject({ deleted: true })

  const stored = await everything()
  expect(traces(stored, [openid, membershipId(C, openid), '周晓舟', '13912345678', '周小周'])).toEqual([])
  const attendance = ((await t.db.collection('attendance').where({ communityId: C, memberId: old.memberId }).get()) as { data: any[] }).data
  expect(attendance).toHaveLength(1)
  expect(attendance[0].location ?? null).toBeNull()
  expect(await t.ok('demo-resident', 'council.issue.get', { issueId: old.issueId }, C)).toMatchObject({ authorName: '已注销用户' })

  await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: HOME, nickname: '小周' })
  await seesNothingOld(openid, old, '已注销用户')
})

it('leaving a community forgets the person there; rejoining does not re-link what they left behind', async () => {
  const openid = 'leave-me'
  const old = await settleIn(openid)
  await t.ok(openid, 'me.leave', { communityId: C })

  const stored = await everything()
  expect(traces(stored, [membershipId(C, openid), '周晓舟', '13912345678'])).toEqual([])
  const left = ((await t.db.collection('memberships').doc(old.memberId).get()) as { data: any[] }).data[0]
  expect(left).toMatchObject({ status: 'left', nickname: '已离开的居民', realName: null, phone: null, householdId: null })
  expect(left.openid).not.toBe(openid)
  expect(JSON.stringify(left)).not.toContain(openid)
  const attendance = ((await t.db.collection('attendance').where({ communityId: C, memberId: old.memberId }).get()) as { data: any[] }).data
  expect(attendance.map((a) => a.location ?? null)).toEqual([null])

  await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: HOME, nickname: '小周' }, C)
  await seesNothingOld(openid, old, '已离开的居民')
  // The person, not their past, is a member again: one active membership, found by their account.
  const active = ((await t.db.collection('memberships').where({ openid, communityId: C }).get()) as { data: any[] }).data
  expect(active).toEqual([expect.objectContaining({ status: 'unverified', nickname: '小周' })])
})

it('keeps a 街道 account in the communities it oversees: leaving one is refused, deleting the account is not', async () => {
  expect(await t.call('demo-street', 'me.leave', { communityId: C })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: '街道账号联系的社区由街道统一设置，不能在这里退出；如需调整请联系街道管理员' },
  })
  expect((await t.ok('demo-street', 'street.overview', {})).communities.length).toBeGreaterThan(1)
  expect(await t.ok('demo-street', 'me.delete', { confirm: '注销' })).toMatchObject({ deleted: true })
})
