/**
 * 首页 (home.today) and 我参与的 (home.participation) per role, on the demo community:
 * what waits for each person is theirs and right, and which option anyone chose never
 * comes back through either.
 */
import { NOW, startTestApi, type TestApi } from '../../helpers/api'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { SEED_MOTIONS } from '../../../local/seed/decisions'
import { DIGESTS, digestId } from '../../../cloudfunctions/api/src/modules/home/digest'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
}, 120_000)
afterAll(() => t?.close())

const today = async (openid: string) => {
  const res = await t.ok(openid, 'home.today', {})
  if (res.kind !== 'member') throw new Error(`${openid} is ${res.kind}`)
  return res
}

test('a visitor is asked to join; the 街道 gets a read-only overview and nothing to act on', async () => {
  expect(await t.ok('demo-visitor', 'home.today', {})).toEqual({ kind: 'visitor' })
  const street = await t.ok('demo-street', 'home.today', {})
  expect(street.kind).toBe('street')
  if (street.kind !== 'street') return
  const open = await t.ok('demo-street', 'council.motion.list', { status: 'open' })
  expect(street.overview.motions).toBe(open.items.length)
  expect(Object.keys(street)).not.toContain('toVote')
  const refused = await t.call('demo-street', 'home.participation', {})
  expect(refused.ok).toBe(false)
})

test('an unverified newcomer has no ballot waiting and sees their status; a verified resident has the open motion', async () => {
  const newcomer = await today('demo-newcomer')
  expect(newcomer.status).toBe('unverified')
  expect(newcomer.toVote.count).toBe(0)
  expect(newcomer.review).toBeNull()
  const resident = await today('demo-resident')
  expect(resident.toVote.items.map((m) => m.id)).toContain(SEED_MOTIONS.chargers)
  // Their own matter still gathering co-signs, with its figure to share.
  expect(resident.matters[0]).toMatchObject({ title: '小区西门晚上太暗', cosigns: 3, threshold: 10, news: null })
  // The activity they signed up for comes first.
  expect(resident.activities[0]).toMatchObject({ title: '垃圾分类小课堂', myStatus: 'registered' })
})

test('a volunteer sees the next shift, the registered meeting and the wish they claimed', async () => {
  const v = await today('demo-volunteer')
  expect(v.shift).toMatchObject({ title: '关爱独居老人' })
  expect(new Date(v.shift!.startAt).getTime()).toBeGreaterThan(new Date(NOW).getTime())
  expect(v.meeting).toMatchObject({ title: expect.stringMatching(/^\d+ 月 \d+ 日居民议事会$/) })
  expect(v.wish).toMatchObject({ title: '想请人陪同去社区医院复诊', statusLabel: '已认领' })
  // Not a volunteer: no shift is read.
  expect((await today('demo-resident')).shift).toBeNull()
})

test('the committee and a building lead see what waits for their review, as the lists count it', async () => {
  const committee = await today('demo-committee')
  const unverified = await t.ok('demo-committee', 'member.list', { status: 'unverified', limit: 1 })
  const candidates = await t.ok('demo-committee', 'council.issue.list', { status: 'candidate', limit: 50 })
  expect(committee.review).toMatchObject({ committee: true, members: unverified.total, candidates: candidates.items.length })
  const lead = await today('demo-lead')
  const theirs = await t.ok('demo-lead', 'member.list', { status: 'unverified', limit: 1 })
  expect(lead.review).toMatchObject({ committee: false, members: theirs.total, candidates: 0, reports: 0 })
  expect((await today('demo-resident')).review).toBeNull()
})

test('a ballot cast leaves 待你投票 and appears in 我参与的 without the choice, secret or open', async () => {
  const closesAt = new Date(new Date(NOW).getTime() + 2 * 86_400_000).toISOString()
  const open = await t.ok('demo-committee', 'council.motion.create', {
    title: '儿童游乐区改造方案',
    description: '两个方案请大家选择，记名表决。',
    options: ['方案甲保留沙池', '方案乙改为塑胶'],
    secret: false,
    hideResults: false,
    closesAt,
  })
  const before = await today('demo-resident')
  expect(before.toVote.items.map((m) => m.id)).toEqual(expect.arrayContaining([SEED_MOTIONS.chargers, open.motionId]))
  await t.ok('demo-resident', 'council.motion.vote', { motionId: SEED_MOTIONS.chargers, option: 1 })
  await t.ok('demo-resident', 'council.motion.vote', { motionId: open.motionId, option: 1 })
  const after = await today('demo-resident')
  expect(after.toVote.count).toBe(before.toVote.count - 2)

  const votes = await t.ok('demo-resident', 'home.participation', { kind: 'votes' })
  expect(votes.items.map((i) => i.id).sort()).toEqual([SEED_MOTIONS.chargers, open.motionId].sort())
  expect(votes.items.every((i) => i.state.includes('已投票 · 投票中'))).toBe(true)
  const seen = JSON.stringify([after, votes])
  for (const option of ['方案甲保留沙池', '方案乙改为塑胶', '赞成', '反对', '弃权']) expect(seen).not.toContain(option)
  expect(seen).not.toMatch(/"(choice|option|picks?|counts)"/)
  // Someone else's 我参与的 does not list these ballots.
  expect((await t.ok('demo-volunteer', 'home.participation', { kind: 'votes' })).items).toEqual([])
})

test('an answered matter is news on its author\'s home, without a co-sign figure', async () => {
  const [mine] = (await today('demo-resident')).matters
  await t.ok('demo-committee', 'council.issue.triage', { issueId: mine.id, decision: 'answer', reply: '已安排物业本周加装两盏路灯。' })
  const [answered] = (await today('demo-resident')).matters
  expect(answered).toMatchObject({ id: mine.id, status: 'answered', cosigns: null, threshold: null, news: { label: '居委会答复', note: expect.stringContaining('路灯') } })
})

test('我参与的 lists only the kinds a person can have, pages through a kind, and refuses an unknown kind', async () => {
  const first = await t.ok('demo-volunteer', 'home.participation', {})
  expect(first.kinds.map((k) => k.kind)).toEqual(['issues', 'cosigns', 'meetings', 'votes', 'ratings', 'activities', 'shifts', 'wishes'])
  expect(first.summary).toEqual({ points: expect.any(Number), volunteerMinutes: expect.any(Number) })
  const newcomer = await t.ok('demo-newcomer', 'home.participation', {})
  expect(newcomer.kinds.map((k) => k.kind)).not.toContain('votes')
  expect(newcomer.kinds.map((k) => k.kind)).not.toContain('shifts')

  const p1 = await t.ok('demo-volunteer', 'home.participation', { kind: 'wishes', limit: 1 })
  expect(p1.items).toHaveLength(1)
  expect(p1.nextCursor).not.toBeNull()
  const p2 = await t.ok('demo-volunteer', 'home.participation', { kind: 'wishes', limit: 1, cursor: p1.nextCursor! })
  expect(p2.items).toHaveLength(1)
  expect(p2.items[0].id).not.toBe(p1.items[0].id)
  expect(p2.summary).toBeNull()
  expect([p1.items[0].state, p2.items[0].state].sort()).toEqual(['已实现待确认', '已认领'])
  expect(p1.items[0].link).toMatch(/^packages\/mall\/wish\/index\?id=/)

  const unknown = await t.call('demo-volunteer', 'home.participation', { kind: 'nothing' })
  expect(unknown.ok ? null : unknown.error.code).toBe('INVALID_ARGUMENT')
  const notForThem = await t.call('demo-newcomer', 'home.participation', { kind: 'votes' })
  expect(notForThem.ok).toBe(false)
})

describe('a poster’s mini-program code (share.code → share.open)', () => {
  it('names any shareable page in a scene of at most 32 characters, made once, and leads a stranger to it with its community', async () => {
    const motion = await t.ok('demo-resident', 'share.code', { page: 'motion', id: SEED_MOTIONS.chargers })
    expect(motion.scene).toMatch(/^s=[0-9a-z]{12}$/)
    expect(motion.page).toBe('pages/home/index')
    expect(motion.url).toMatch(/^http/)
    const again = await t.ok('demo-committee', 'share.code', { page: 'motion', id: SEED_MOTIONS.chargers })
    expect(again).toMatchObject({ scene: motion.scene, fileID: motion.fileID })
    // The local port, as WeChat, refuses a scene over 32 characters: a longer key would fail here.
    await expect(t.wechat.getUnlimitedQrCode({ scene: `s=${'x'.repeat(31)}`, page: 'pages/home/index' })).rejects.toThrow(/40169/)

    // Someone who belongs to no community scans it: the page of the motion, in 鹭江社区, for them to join.
    const opened = await t.ok('demo-visitor', 'share.open', { scene: encodeURIComponent(motion.scene) })
    expect(opened).toEqual({
      communityId: 'c_lujiang',
      communityName: '鹭江社区',
      path: `/packages/council/motion/index?id=${encodeURIComponent(SEED_MOTIONS.chargers)}&c=c_lujiang`,
    })
    expect(await t.call('demo-visitor', 'share.open', { scene: 's=zzzzzzzzzzzz' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('demo-visitor', 'share.open', { scene: 'invite=LJ2026' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('refuses an item of another community or one that does not exist, and names the community of a shared link', async () => {
    expect(await t.call('demo-other', 'share.code', { page: 'issue', id: 'c_lujiang:issue-s2' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('demo-resident', 'share.code', { page: 'wish', id: 'c_lujiang:wish-none' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.ok('demo-visitor', 'share.community', { communityId: 'c_lujiang' })).toEqual({ communityId: 'c_lujiang', name: '鹭江社区', street: '鹭江街道' })
  })
})

test('首页 takes the newest notices and the unread count in the same call: what notice.list and message.list say', async () => {
  const resident = await t.ok('demo-resident', 'home.today', { notices: 5, unread: true })
  if (resident.kind !== 'member') throw new Error(resident.kind)
  expect(resident.notices).toEqual((await t.ok('demo-resident', 'notice.list', { limit: 5 })).items)
  expect(resident.unread).toBe((await t.ok('demo-resident', 'message.list', { limit: 1, unreadOnly: true })).unread)
  expect(resident.unread).toBeGreaterThan(0)
  // Not asked (the 议事 tab): neither is read.
  expect(await today('demo-resident')).toMatchObject({ notices: null, unread: null })
  const street = await t.ok('demo-street', 'home.today', { notices: 3, unread: true })
  expect(street).toMatchObject({ kind: 'street', unread: null })
  if (street.kind === 'street') expect(street.notices).toEqual((await t.ok('demo-street', 'notice.list', { limit: 3 })).items)
})

test('a 首页 open is home.today alone: the membership, one digest document for the community-wide parts, and queries only for what is the caller\'s own', async () => {
  // As the app calls: naming the community it shows. The first open after a change builds the digest.
  const open = async (openid: string) => {
    t.emulator.resetStats()
    const res = await t.ok(openid, 'home.today', { notices: 5, unread: true }, DEMO_COMMUNITY._id)
    return { res, requests: t.emulator.stats.requests }
  }
  t.clock.advance(2 * 60_000)
  const building = await open('demo-newcomer')
  const again = await open('demo-newcomer')
  expect(again.res).toEqual(building.res)
  // The membership, the digest, their matters, the activities starting this week (their own places with them), the unread count.
  expect(again.requests).toBeLessThanOrEqual(5)
  expect(again.requests).toBeLessThan(building.requests)
  // It reports the membership as me.get does, for 首页 to keep the phone's me.get answer without asking again.
  const me = await t.ok('demo-newcomer', 'me.get', {}, DEMO_COMMUNITY._id)
  if (again.res.kind !== 'member') throw new Error(again.res.kind)
  expect(again.res.me).toMatchObject({ communityId: me.current!.communityId, memberId: me.current!.memberId, status: me.current!.status, roles: me.current!.roles, householdId: me.current!.household?.id ?? null })
})

test('the digest stays right after the writes that change it: a notice, a meeting and its registrations, a motion closed', async () => {
  const home = async (openid = 'demo-resident') => {
    const res = await t.ok(openid, 'home.today', { notices: 5, unread: true }, DEMO_COMMUNITY._id)
    if (res.kind !== 'member') throw new Error(res.kind)
    return res
  }
  const settle = async () => {
    // Past the dirty lease: the next open rebuilds the digest, and the one after reads it.
    t.clock.advance(2 * 60_000)
    await home('demo-newcomer')
  }
  await settle()
  const { noticeId } = await t.ok('demo-committee', 'notice.publish', { title: '停水通知（二号楼）', body: '周三上午九点至十二点二号楼停水检修，请提前储水。', category: 'announcement', publicDays: 0 }, DEMO_COMMUNITY._id)
  expect((await home()).notices![0].id).toBe(noticeId)
  await settle()
  expect((await home()).notices![0].id).toBe(noticeId)

  const startAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString()
  const endAt = new Date(t.clock.now().getTime() + 86_400_000 + 2 * 3_600_000).toISOString()
  const { meetingId } = await t.ok('demo-committee', 'council.meeting.schedule', { title: '电梯加装议事会', startAt, endAt, place: '社区活动室', capacity: 30, topicIds: [`${SEED_ISSUES.bikeShed}:topic`] }, DEMO_COMMUNITY._id)
  await settle()
  const volunteerBefore = await home('demo-volunteer')
  await t.ok('demo-volunteer', 'council.meeting.cancelRegistration', { meetingId: volunteerBefore.meeting!.id }, DEMO_COMMUNITY._id).catch(() => undefined)
  await t.ok('demo-volunteer', 'council.meeting.register', { meetingId }, DEMO_COMMUNITY._id)
  await settle()
  expect((await home('demo-volunteer')).meeting).toMatchObject({ id: meetingId, title: '电梯加装议事会' })
  await t.ok('demo-committee', 'council.meeting.cancel', { meetingId, reason: '场地临时占用，改期另行通知' }, DEMO_COMMUNITY._id)
  await settle()
  expect((await home('demo-volunteer')).meeting?.id).not.toBe(meetingId)

  const closesAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString()
  const motion = await t.ok('demo-committee', 'council.motion.create', { title: '车棚加装雨棚', description: '是否用公共收益加装雨棚，请投票。', options: ['同意', '不同意'], secret: false, hideResults: false, closesAt }, DEMO_COMMUNITY._id)
  await settle()
  expect((await home()).toVote.items.map((m) => m.id)).toContain(motion.motionId)
  await t.ok('demo-committee', 'council.motion.close', { motionId: motion.motionId }, DEMO_COMMUNITY._id)
  await settle()
  expect((await home()).toVote.items.map((m) => m.id)).not.toContain(motion.motionId)
})

// Last in this file: it moves the clock past everything the demo has coming.
test('on a quiet day a newcomer\'s 首页 open costs the invocation and three reads: the membership, the digest, the unread count', async () => {
  const joined = await t.ok('home-quiet', 'community.join', { inviteCode: 'LJ2026', nickname: '新邻居', householdId: (await t.ok('demo-resident', 'me.get', {}, DEMO_COMMUNITY._id)).current!.household!.id }, DEMO_COMMUNITY._id)
  expect(joined).toMatchObject({ communityId: DEMO_COMMUNITY._id })
  t.clock.advance(90 * 86_400_000)
  await t.ok('home-quiet', 'home.today', { notices: 5, unread: true }, DEMO_COMMUNITY._id)
  t.emulator.resetStats()
  const open = await t.ok('home-quiet', 'home.today', { notices: 5, unread: true }, DEMO_COMMUNITY._id)
  expect(t.emulator.stats.requests).toBeLessThanOrEqual(3)
  expect(open).toMatchObject({ kind: 'member', notices: expect.arrayContaining([expect.objectContaining({ title: expect.any(String) })]), toVote: { count: 0 }, matters: [], activities: [] })
  // Their first matter (once verified): from then on 首页 reads their matters.
  await t.ok('demo-committee', 'member.verify', { memberId: open.kind === 'member' ? open.me.memberId : '', approve: true }, DEMO_COMMUNITY._id)
  await t.ok('home-quiet', 'council.issue.create', { title: '楼下垃圾桶满了没人清', body: '三号楼下的垃圾桶已经满了两天，请物业安排清运。', category: 'environment' }, DEMO_COMMUNITY._id)
  const after = await t.ok('home-quiet', 'home.today', {}, DEMO_COMMUNITY._id)
  if (after.kind !== 'member') throw new Error(after.kind)
  expect(after.matters.map((m) => m.title)).toEqual(['楼下垃圾桶满了没人清'])
})

test('an activity on 首页 says one\'s own place as the activity lists it: waiting, offered a freed seat, or gone after cancelling', async () => {
  const at = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000).toISOString()
  const { activityId } = await t.ok('demo-committee', 'activity.create', { title: '社区义诊', place: '社区卫生服务站', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 1, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions: 0, claimWindowMinutes: 30 })
  const mine = async (openid: string) => (await today(openid)).activities.find((a) => a.id === activityId)?.myStatus
  await t.ok('demo-resident', 'activity.signup', { activityId })
  await t.ok('demo-volunteer', 'activity.signup', { activityId })
  expect([await mine('demo-resident'), await mine('demo-volunteer'), await mine('demo-lead')]).toEqual(['registered', 'waitlisted', null])
  await t.ok('demo-resident', 'activity.cancel', { activityId })
  expect([await mine('demo-resident'), await mine('demo-volunteer')]).toEqual([null, 'offered'])
})

describe('a digest serves a day without writes, and shows what time alone brings as the queries would', () => {
  const HOUR = 3_600_000
  const open = async (openid = 'demo-resident') => {
    t.emulator.resetStats()
    const res = await t.ok(openid, 'home.today', { notices: 5, unread: true }, DEMO_COMMUNITY._id)
    if (res.kind !== 'member') throw new Error(res.kind)
    // Building it ends in saving it (the dirty lease being over): a write to the digests.
    return { res, requests: t.emulator.stats.requests, rebuilt: (t.emulator.stats.writes[DIGESTS] ?? 0) > 0 }
  }
  const at = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString()
  // Past all the demo and the tests before have coming: what 首页 shows then is this test's alone.
  const quiet = () => t.clock.advance(90 * 24 * HOUR)

  test('an open 23 hours after a rebuild, with no write between, reads the digest and not the queries, and answers as they do', async () => {
    // A day on: whatever the tests before left is past its validity, so this open rebuilds.
    t.clock.advance(24 * HOUR + 2 * 60_000)
    const building = await open()
    expect(building.rebuilt).toBe(true)
    const fresh = await open()
    expect(fresh.rebuilt).toBe(false)
    t.clock.advance(23 * HOUR)
    const later = await open()
    expect(later.rebuilt).toBe(false)
    expect(later.requests).toBe(fresh.requests)
    expect(later.requests).toBeLessThan(building.requests)
    // The same moment, from the queries: the digest gone, the next open builds it again.
    await t.app.database().collection(DIGESTS).doc(digestId(DEMO_COMMUNITY._id)).remove()
    const queried = await open()
    expect(queried.rebuilt).toBe(true)
    expect(later.res).toEqual(queried.res)
  })

  test('an activity 7.5 days out appears on 首页 once it starts within the week, 13 hours on, with no write between', async () => {
    quiet()
    const { activityId } = await t.ok('demo-committee', 'activity.create', { title: '社区读书会', place: '社区图书室', startAt: at(7.5 * 24), endAt: at(7.5 * 24 + 2), signupEndAt: at(7 * 24), capacity: 20, waitlist: false, cancelPolicy: 'beforeStart', maxCompanions: 0, claimWindowMinutes: 30 })
    t.clock.advance(2 * 60_000)
    const before = await open()
    expect(before.rebuilt).toBe(true)
    expect(before.res.activities).toEqual([])
    t.clock.advance(13 * HOUR)
    const after = await open()
    expect(after.res.activities.map((a) => a.id)).toEqual([activityId])
    // From the digest built 13 hours before: its list reached past the week of this open.
    expect(after.rebuilt).toBe(false)
  })

  test('a motion whose voting opens later joins 待你投票 once open, with no write between', async () => {
    quiet()
    const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '楼道加装感应灯', description: '是否用公共收益给各楼道加装感应灯，请投票。', options: ['同意', '不同意'], secret: false, hideResults: false, opensAt: at(5), closesAt: at(48) }, DEMO_COMMUNITY._id)
    t.clock.advance(2 * 60_000)
    const before = await open()
    expect(before.rebuilt).toBe(true)
    expect(before.res.toVote).toEqual({ count: 0, items: [] })
    t.clock.advance(5 * HOUR)
    const after = await open()
    expect(after.res.toVote.items.map((m) => m.id)).toEqual([motionId])
    // From the digest built before the voting opened: it holds the motions still to open.
    expect(after.rebuilt).toBe(false)
  })
})
