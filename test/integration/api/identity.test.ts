import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const O = OTHER_COMMUNITY._id
let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

/* eslint-disable @typescript-eslint/no-explicit-any */
/** How many notices a community has published (the seed's areas publish theirs too). */
const publishedNotices = async (communityId: string) => (await docs('notices', { communityId, status: 'published' })).length
const docs = async (collection: string, where: Record<string, unknown>) =>
  ((await t.app.database().collection(collection).where(where).get()) as any).data as any[]

describe('joining a community', () => {
  it('a new user looks the community up by invite code, joins a household and waits for verification', async () => {
    const found = await t.ok('new-user', 'community.lookup', { inviteCode: 'lj2026' })
    expect(found).toMatchObject({ communityId: C, name: '鹭江社区', street: '鹭江街道' })
    expect(found.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼', '3号楼', '4号楼', '5号楼'])
    expect(found.buildings.flatMap((b) => b.households)).toHaveLength(40)

    const joined = await t.ok('new-user', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: '小周' })
    expect(joined).toEqual({ communityId: C, communityName: '鹭江社区', status: 'unverified', alreadyMember: false })

    const me = await t.ok('new-user', 'me.get')
    expect(me.current).toMatchObject({ communityId: C, status: 'unverified', roles: ['resident'], household: { id: `${C}:b4-2-401`, label: '4号楼2单元401' } })
    expect(me.user).toEqual({ nickname: '小周', avatarUrl: null, elderMode: null })
    // A member now, though unverified: the notice board opens.
    expect((await t.ok('new-user', 'notice.list', {})).items).toHaveLength(await publishedNotices(C))
  })

  it('refuses a wrong invite code and a household of another community, creating nothing', async () => {
    expect(await t.call('new-user', 'community.join', { inviteCode: 'NOPE99', householdId: `${C}:b1-1-101`, nickname: '小周' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '邀请码不正确，请向居委会或楼栋长确认' },
    })
    expect(await t.call('new-user', 'community.join', { inviteCode: 'LJ2026', householdId: `${O}:b1-1-101`, nickname: '小周' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '所选房号不在这个社区，请重新选择' },
    })
    expect(await docs('memberships', { openid: 'new-user' })).toEqual([])
    expect(await t.app.database().collection('users').doc('new-user').get()).toMatchObject({ data: [] })
  })

  it('refuses a nickname the content check flags, storing nothing', async () => {
    const res = await t.call('new-user', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b1-1-101`, nickname: '违禁测试词' })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(await docs('memberships', { openid: 'new-user' })).toEqual([])
  })

  it('joining twice, even at once, leaves exactly one membership', async () => {
    const input = { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: '小周' }
    const results = await Promise.all(Array.from({ length: 12 }, () => t.call('new-user', 'community.join', input)))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.data.alreadyMember)).toHaveLength(1)
    expect(await docs('memberships', { openid: 'new-user' })).toHaveLength(1)
    const again = await t.ok('new-user', 'community.join', input)
    expect(again).toMatchObject({ status: 'unverified', alreadyMember: true })
  })

  it('a member of one community can join another and switch; nothing of one shows in the other', async () => {
    await t.ok('demo-other', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: '雅琴' })
    const me = await t.ok('demo-other', 'me.get')
    expect(me.communities.map((c) => c.name).sort()).toEqual(['海韵社区', '鹭江社区'].sort())
    const here = await t.ok('demo-other', 'notice.list', {}, C)
    const there = await t.ok('demo-other', 'notice.list', {}, O)
    expect(here.items).toHaveLength(await publishedNotices(C))
    expect(there.items.map((n) => n.title)).toEqual(['海韵社区议事会通知'])
    await t.ok('demo-other', 'me.switchCommunity', { communityId: O })
    expect((await t.ok('demo-other', 'me.get')).current?.communityId).toBe(O)
    expect(await t.call('demo-resident', 'me.switchCommunity', { communityId: O })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('verification', () => {
  const newcomer = membershipId(C, 'demo-newcomer')

  it('the committee sees pending households first; a building lead only their buildings, with masked names', async () => {
    await t.ok('demo-newcomer', 'me.setContact', { realName: '陈小雨', phone: '13912345678' })
    const committee = await t.ok('demo-committee', 'member.list', { status: 'unverified' })
    expect(committee.items).toEqual([expect.objectContaining({ memberId: newcomer, nickname: '陈小雨', realName: '陈小雨', phone: '13912345678', household: '3号楼2单元301', status: 'unverified' })])
    const lead3 = await t.ok('demo-lead3', 'member.list', {})
    expect(new Set(lead3.items.map((m) => m.buildingId))).toEqual(new Set([`${C}:b3`]))
    expect(lead3.items[0]).toMatchObject({ memberId: newcomer, realName: '陈*雨', phone: null, hasPhone: true })
    expect(await t.call('demo-lead', 'member.list', { buildingId: `${C}:b3` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('the lead of the building verifies; the lead of another building cannot', async () => {
    expect(await t.call('demo-lead', 'member.verify', { memberId: newcomer, approve: true })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只能处理自己负责楼栋的住户' },
    })
    expect(await t.ok('demo-lead3', 'member.verify', { memberId: newcomer, approve: true })).toEqual({ memberId: newcomer, status: 'verified', changed: true })
    expect((await t.ok('demo-newcomer', 'me.get')).current?.status).toBe('verified')
    expect(await docs('auditLog', { communityId: C, actor: membershipId(C, 'demo-lead3') })).toEqual([
      expect.objectContaining({ action: 'member.verify', before: { status: 'unverified' }, after: { status: 'verified', reason: null } }),
    ])
    // Who decided is recorded by member id: an openid is never stored beside another person's record.
    expect(await docs('verifications', { communityId: C, memberId: newcomer })).toEqual([expect.objectContaining({ decision: 'verified', decidedBy: membershipId(C, 'demo-lead3') })])
  })

  it('two committee members verifying at once leave one verification record and one audit entry', async () => {
    const callers = ['demo-committee', 'demo-admin', 'demo-lead3']
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => t.call(callers[i % 3], 'member.verify', { memberId: newcomer, approve: true })))
    expect(results.every((r) => r.ok && r.data.status === 'verified')).toBe(true)
    expect(results.filter((r) => r.ok && r.data.changed)).toHaveLength(1)
    expect(await docs('verifications', { communityId: C, memberId: newcomer })).toHaveLength(1)
    expect((await docs('auditLog', { communityId: C, action: 'member.verify' })).length).toBe(1)
  })

  it('a declined resident sees the reason and can register again', async () => {
    expect(await t.call('demo-committee', 'member.verify', { memberId: newcomer, approve: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '「reason」驳回时请写明理由' },
    })
    await t.ok('demo-committee', 'member.verify', { memberId: newcomer, approve: false, reason: '房号与物业登记不符，请核对' })
    const me = await t.ok('demo-newcomer', 'me.get')
    expect(me.current).toMatchObject({ status: 'declined', declineReason: '房号与物业登记不符，请核对' })
    const again = await t.ok('demo-newcomer', 'me.registerHousehold', { householdId: `${C}:b3-2-401` })
    expect(again).toEqual({ status: 'unverified', household: { id: `${C}:b3-2-401`, label: '3号楼2单元401' } })
    expect((await t.ok('demo-newcomer', 'me.get')).current).toMatchObject({ status: 'unverified', declineReason: null })
  })

  it('refuses verifying oneself and an unknown member', async () => {
    expect(await t.call('demo-committee', 'member.verify', { memberId: membershipId(C, 'demo-committee'), approve: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await t.call('demo-committee', 'member.verify', { memberId: `${C}:m-0000`, approve: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('demo-committee', 'member.verify', { memberId: membershipId(O, 'demo-other'), approve: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})

describe('the verification loop is closed by messages', () => {
  const message = async (openid: string, key: string) =>
    ((await t.app.database().collection('messages').doc(`${membershipId(C, openid)}:msg:${key}`).get()) as any).data[0] as { title: string; body: string; link: string } | undefined

  it('tells the building’s lead of a new neighbour once however many joins race, and the resident of the decision', async () => {
    const input = { inviteCode: 'LJ2026', householdId: `${C}:b1-1-101`, nickname: '小周' }
    await Promise.all(Array.from({ length: 12 }, () => t.call('new-user', 'community.join', input)))
    const newcomer = (await t.ok('new-user', 'me.get')).current!.memberId
    const leadNews = await message('demo-lead', `joined-${newcomer}`)
    expect(leadNews).toMatchObject({ title: '新邻居待认证', body: '有新邻居登记了1号楼1单元101，请核对后确认或驳回', link: 'packages/admin/members/index' })
    const allLead = (await docs('messages', { communityId: C, memberId: membershipId(C, 'demo-lead') })).filter((m) => m.kind === 'member.joined').length
    expect(allLead).toBe(1)
    // The lead of another building, and the committee (the building has a lead), hear nothing.
    expect(await message('demo-lead3', `joined-${newcomer}`)).toBeUndefined()
    expect(await message('demo-committee', `joined-${newcomer}`)).toBeUndefined()

    await Promise.all([t.call('demo-lead', 'member.verify', { memberId: newcomer, approve: true }), t.call('demo-lead', 'member.verify', { memberId: newcomer, approve: true })])
    const told = (await docs('messages', { communityId: C, memberId: newcomer })).filter((m) => m.kind === 'member.verified')
    expect(told).toEqual([expect.objectContaining({ title: '住户认证已通过', body: '你登记的住户已确认，现在可以附议、投票和报名参加活动了。' })])
  })

  it('tells the committee when the building has no lead, and a declined resident why', async () => {
    await t.ok('new-user', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b5-1-101`, nickname: '小周' })
    const newcomer = (await t.ok('new-user', 'me.get')).current!.memberId
    expect(await message('demo-committee', `joined-${newcomer}`)).toMatchObject({ title: '新邻居待认证' })
    await t.ok('demo-committee', 'member.verify', { memberId: newcomer, approve: false, reason: '房号与登记的业主不符' })
    const told = (await docs('messages', { communityId: C, memberId: newcomer })).filter((m) => m.kind === 'member.verified')
    expect(told).toEqual([expect.objectContaining({ title: '住户认证未通过', body: '理由：房号与登记的业主不符。请核对房号后重新登记，或联系楼栋长。' })])
  })
})

describe('roles', () => {
  const newcomer = membershipId(C, 'demo-newcomer')

  it('an admin makes a resident a volunteer and takes it back, both audited', async () => {
    expect(await t.ok('demo-admin', 'member.grantRole', { memberId: newcomer, role: 'volunteer' })).toEqual({ memberId: newcomer, roles: ['volunteer'], buildingIds: [] })
    expect((await t.ok('demo-newcomer', 'me.get')).current?.roles).toEqual(['resident', 'volunteer'])
    await t.ok('demo-admin', 'member.revokeRole', { memberId: newcomer, role: 'volunteer' })
    expect((await t.ok('demo-newcomer', 'me.get')).current?.roles).toEqual(['resident'])
    const admin = membershipId(C, 'demo-admin')
    const audit = await docs('auditLog', { communityId: C, actor: admin })
    expect(audit.map((a) => [a.action, a.before.roles, a.after.roles])).toEqual(
      expect.arrayContaining([
        ['member.grantRole', [], ['volunteer']],
        ['member.revokeRole', ['volunteer'], []],
      ]),
    )
    expect(audit.every((a) => a.at instanceof Date && a.actor === admin)).toBe(true)
  })

  it('a building lead needs buildings of this community', async () => {
    expect(await t.call('demo-admin', 'member.grantRole', { memberId: newcomer, role: 'buildingLead' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call('demo-admin', 'member.grantRole', { memberId: newcomer, role: 'buildingLead', buildingIds: [`${O}:b1`] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    await t.ok('demo-admin', 'member.grantRole', { memberId: newcomer, role: 'buildingLead', buildingIds: [`${C}:b3`] })
    expect((await t.ok('demo-newcomer', 'me.get')).current).toMatchObject({ roles: ['resident', 'buildingLead'], buildingIds: [`${C}:b3`] })
  })

  it('the last admin cannot be removed or leave', async () => {
    const admin = membershipId(C, 'demo-admin')
    expect(await t.call('demo-admin', 'member.revokeRole', { memberId: admin, role: 'admin' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call('demo-admin', 'me.leave', { communityId: C })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})

describe('settings and buildings', () => {
  it('a new community reads sensible defaults; an admin changes them, audited', async () => {
    const before = await t.ok('demo-resident', 'community.settings.get')
    expect(before.settings).toEqual({
      cosignThreshold: 10,
      satisfactionBar: 0.8,
      starHours: [100, 300, 600, 1000, 1500],
      points: { perServiceHour: 10, perAttendance: 5, perDeliberation: 2, dailyCap: { service: 80, attendance: 20, deliberation: 10 } },
      honourHoursCapPerYear: 20,
      serviceShare: 0.6,
      certificateHead: null,
    })
    const after = await t.ok('demo-admin', 'community.settings.update', { settings: { cosignThreshold: 15, points: { perServiceHour: 8, dailyCap: { service: 64 } } } })
    expect(after.settings).toMatchObject({ cosignThreshold: 15, satisfactionBar: 0.8, points: { perServiceHour: 8, perAttendance: 5, dailyCap: { service: 64, attendance: 20 } } })
    expect((await t.ok('demo-resident', 'community.settings.get')).settings.cosignThreshold).toBe(15)
    expect(await docs('auditLog', { communityId: C, action: 'community.settings.update' })).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ settings: expect.objectContaining({ cosignThreshold: 10 }) }), after: expect.objectContaining({ settings: expect.objectContaining({ cosignThreshold: 15 }) }) }),
    ])
  })

  it('refuses star levels that do not rise', async () => {
    const res = await t.call('demo-admin', 'community.settings.update', { settings: { starHours: [10, 5, 60, 100, 150] } })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '「settings.starHours」星级时长须逐级递增' } })
  })

  it('an admin adds a building and its households appear for joiners', async () => {
    const saved = await t.ok('demo-admin', 'community.building.save', { name: '6号楼', units: 1, floors: 3, roomsPerFloor: 2 })
    expect(saved).toMatchObject({ households: 6, added: 6 })
    const found = await t.ok('new-user', 'community.lookup', { inviteCode: 'LJ2026' })
    expect(found.buildings.at(-1)).toMatchObject({ name: '6号楼' })
    expect(found.buildings.at(-1)!.households.map((h) => h.label)).toEqual(['6号楼1单元101', '6号楼1单元102', '6号楼1单元201', '6号楼1单元202', '6号楼1单元301', '6号楼1单元302'])
    const grown = await t.ok('demo-admin', 'community.building.save', { buildingId: saved.buildingId, name: '海景楼', units: 1, floors: 4, roomsPerFloor: 2 })
    expect(grown).toMatchObject({ households: 8, added: 2 })
    const renamed = (await t.ok('new-user', 'community.lookup', { inviteCode: 'LJ2026' })).buildings.at(-1)!
    expect(renamed).toMatchObject({ name: '海景楼', units: 1, floors: 4, roomsPerFloor: 2 })
    expect(renamed.households[0].label).toBe('海景楼1单元101')
  })

  it('gives the committee the invite code and a scannable code image', async () => {
    const qr = await t.ok('demo-committee', 'community.inviteQr')
    expect(qr.inviteCode).toBe('LJ2026')
    expect((await t.ok('demo-admin', 'community.inviteQr')).fileID).toBe(qr.fileID)
    const png = Buffer.from(await (await fetch(qr.url)).arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  })
})

describe('the street office', () => {
  it('sees counts of its communities and nothing personal', async () => {
    const res = await t.ok('demo-street', 'street.overview')
    const lujiang = res.communities.find((c) => c.communityId === C)!
    expect(lujiang).toEqual({
      communityId: C,
      name: '鹭江社区',
      members: 37,
      verifiedMembers: 36,
      verifiedHouseholds: 36,
      pendingVerifications: 1,
      noticesLast30Days: (await docs('notices', { communityId: C, status: 'published' })).filter((n) => new Date(n.publishedAt).getTime() >= t.clock.now().getTime() - 30 * 86_400_000).length,
    })
    expect(res.communities.map((c) => c.name).sort()).toEqual(['海韵社区', '鹭江社区'].sort())
    expect(await t.call('demo-street', 'member.list', {}, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Nor is the street office listed among residents, or given roles.
    const members = await t.ok('demo-committee', 'member.list', { limit: 100 }, C)
    expect(members.total).toBe(37)
    expect(members.items.some((m) => m.nickname === '鹭江街道办')).toBe(false)
    const streetMember = membershipId(C, 'demo-street')
    expect(await t.call('demo-admin', 'member.grantRole', { memberId: streetMember, role: 'committee' }, C)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('my data', () => {
  it('exports what the app holds about me', async () => {
    await t.ok('demo-newcomer', 'me.setContact', { realName: '陈小雨', phone: '13912345678' })
    await t.ok('demo-lead3', 'member.verify', { memberId: membershipId(C, 'demo-newcomer'), approve: true })
    const data = await t.ok('demo-newcomer', 'me.export')
    expect(data.profile).toMatchObject({ nickname: '陈小雨' })
    expect(data.communities).toEqual([
      expect.objectContaining({
        communityId: C,
        communityName: '鹭江社区',
        membership: expect.objectContaining({ realName: '陈小雨', phone: '13912345678', status: 'verified' }),
        verifications: [expect.objectContaining({ decision: 'verified' })],
      }),
    ])
  })

  it('leaving erases name, phone and household; contributions keep an anonymous name', async () => {
    await t.ok('demo-resident', 'me.setContact', { realName: '林秀华', phone: '13912345678' })
    expect(await t.ok('demo-resident', 'me.leave', { communityId: C })).toEqual({ left: C, currentCommunityId: null })
    const [m] = await docs('memberships', { _id: membershipId(C, 'demo-resident') })
    expect(m).toMatchObject({ status: 'left', nickname: '已离开的居民', realName: null, phone: null, householdId: null, roles: [] })
    expect(await t.call('demo-resident', 'notice.list', {}, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Coming back starts over, unverified, as a new member (forgetting.test.ts: nothing of the old one follows).
    await t.ok('demo-resident', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b1-1-101`, nickname: '秀华' })
    expect(await docs('memberships', { openid: 'demo-resident' })).toEqual([expect.objectContaining({ status: 'unverified', nickname: '秀华' })])
  })

  it('deleting the account removes the profile and anonymises every membership', async () => {
    expect(await t.call('demo-resident', 'me.delete', { confirm: '删除' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.ok('demo-resident', 'me.delete', { confirm: '注销' })).toEqual({ deleted: true, communitiesLeft: 1 })
    expect(await t.ok('demo-resident', 'me.get')).toMatchObject({ user: null, current: null, communities: [] })
    expect(await docs('memberships', { openid: 'demo-resident' })).toEqual([])
    expect(await docs('memberships', { _id: membershipId(C, 'demo-resident') })).toEqual([expect.objectContaining({ status: 'left', nickname: '已注销用户', realName: null })])
  })

  it('remembers elder mode and privacy consent', async () => {
    await t.ok('demo-resident', 'me.setPreferences', { elderMode: true })
    await t.ok('demo-resident', 'me.consent', { version: '2026-11' })
    const me = await t.ok('demo-resident', 'me.get')
    expect(me.user?.elderMode).toBe(true)
    expect(me.privacy).toEqual({ currentVersion: '2026-11', consentedVersion: '2026-11' })
    expect(await t.call('demo-resident', 'me.consent', { version: '2020-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
