/**
 * Becoming a volunteer: the real name and identity number are asked here only,
 * with the reason shown; the number itself is never stored nor returned (only its
 * masked form and a keyed hash, which refuses a second registration of one
 * person); the committee approves (a unique volunteer number, the volunteer role)
 * or declines with a reason. Teams have leads, and `leadsTeam` answers for them.
 */
import { leadsTeam } from '../../../cloudfunctions/api/src/modules/volunteer'
import { CrossCommunityDb } from '../../../cloudfunctions/api/src/platform/db'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { neighbours } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { C, idNumber } from '../../helpers/volunteer'

jest.setTimeout(120_000)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const ID = idNumber('35020319850612342')
const application = (idNo = ID, realName = '林秀华') => ({ realName, idNumber: idNo, skills: ['陪伴聊天', '电脑维修'], categories: ['elderly', 'children'], consent: true })

it('shows why the identity number is asked, keeps only its masked form, and never returns the number', async () => {
  const me = await t.ok('demo-resident', 'volunteer.me', {}, C)
  expect(me).toMatchObject({ application: null, isVolunteer: false, identityReason: expect.stringContaining('志愿服务记录证明') })
  const applied = await t.ok('demo-resident', 'volunteer.apply', application(), C)
  expect(applied).toEqual({ status: 'pending', idMasked: '3502**********' + ID.slice(-4) })
  const stored = await t.db.collection('volunteers').doc(`${membershipId(C, 'demo-resident')}:volunteer`).get()
  expect(JSON.stringify(stored.data)).not.toContain(ID)
  expect(JSON.stringify(stored.data)).not.toContain(ID.slice(4, 14))
  const answers = [
    await t.ok('demo-resident', 'volunteer.me', {}, C),
    await t.ok('demo-committee', 'volunteer.application.list', {}, C),
    await t.ok('demo-resident', 'me.export', {}, C),
  ]
  for (const a of answers) expect(JSON.stringify(a)).not.toContain(ID)
  expect(JSON.stringify(answers[2])).toContain('3502**********')
})

it('refuses a malformed identity number and one without the consent, changing nothing', async () => {
  const bad = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1')
  expect(await t.call('demo-resident', 'volunteer.apply', application(bad), C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('身份证号') } })
  expect(await t.call('demo-resident', 'volunteer.apply', { ...application(), consent: false }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect((await t.ok('demo-resident', 'volunteer.me', {}, C)).application).toBeNull()
})

it('refuses a second registration of one identity number by another member', async () => {
  await t.ok('demo-resident', 'volunteer.apply', application(), C)
  expect(await t.call('demo-lead', 'volunteer.apply', application(ID.toLowerCase(), '吴丽娟'), C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已在本社区登记') } })
  // The same person may correct their own application.
  expect(await t.ok('demo-resident', 'volunteer.apply', { ...application(), skills: ['理发'] }, C)).toMatchObject({ status: 'pending' })
})

it('approves with a volunteer number and the volunteer role, or declines with a reason the applicant reads', async () => {
  await t.ok('demo-resident', 'volunteer.apply', application(), C)
  await t.ok('demo-lead', 'volunteer.apply', application(idNumber('35020319900101123'), '吴丽娟'), C)
  expect(await t.call('demo-resident', 'volunteer.application.decide', { memberId: membershipId(C, 'demo-resident'), approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await t.ok('demo-committee', 'volunteer.application.decide', { memberId: membershipId(C, 'demo-resident'), approve: true }, C)).toMatchObject({ status: 'approved', number: 'ZY000007' })
  expect(await t.call('demo-committee', 'volunteer.application.decide', { memberId: membershipId(C, 'demo-lead'), approve: false }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect(await t.ok('demo-committee', 'volunteer.application.decide', { memberId: membershipId(C, 'demo-lead'), approve: false, reason: '请先参加一次志愿者培训' }, C)).toMatchObject({ status: 'declined' })
  expect(await t.ok('demo-resident', 'volunteer.me', {}, C)).toMatchObject({ isVolunteer: true, application: { status: 'approved', number: 'ZY000007' } })
  expect(await t.ok('demo-lead', 'volunteer.me', {}, C)).toMatchObject({ isVolunteer: false, application: { status: 'declined', declineReason: '请先参加一次志愿者培训' } })
  const messages = await t.ok('demo-resident', 'message.list', {}, C)
  expect(messages.items[0]).toMatchObject({ title: '志愿者申请已通过' })
})

it('gives 20 applicants approved at once 20 different numbers, after those the demo already gave', async () => {
  // The demo's own volunteers hold ZY000001 to ZY000006 (local/seed/volunteer.ts and volunteers.ts).
  const people = neighbours().slice(10, 30)
  await Promise.all(people.map((p, i) => t.ok(p.openid, 'volunteer.apply', application(idNumber(`350203199001${String(i + 10).padStart(2, '0')}123`), p.name), C)))
  const decided = await Promise.all(people.map((p, i) => t.ok(i % 2 ? 'demo-committee' : 'demo-admin', 'volunteer.application.decide', { memberId: membershipId(C, p.openid), approve: true }, C)))
  const numbers = decided.map((d) => d.number)
  expect(new Set(numbers).size).toBe(20)
  expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ZY${String(i + 7).padStart(6, '0')}`))
})

it('lets the committee form teams with leads, whom leadsTeam recognises', async () => {
  const lead = membershipId(C, 'demo-lead')
  const { teamId } = await t.ok('demo-committee', 'volunteer.team.create', { name: '平安巡防队', description: '夜间巡逻', leadIds: [lead] }, C)
  expect(await t.call('demo-lead', 'volunteer.team.create', { name: '我的队', leadIds: [lead] }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const list = await t.ok('demo-lead', 'volunteer.team.list', {}, C)
  expect(list.items.filter((x) => x.id === teamId)).toEqual([expect.objectContaining({ name: '平安巡防队', leads: ['吴*娟'], ledByMe: true })])
  expect((await t.ok('demo-lead', 'volunteer.me', {}, C)).leads).toEqual(expect.arrayContaining([{ teamId, name: '平安巡防队' }]))
  // What the activities area asks: does this member lead this team?
  const db = new CrossCommunityDb(t.app.database()).in(C)
  const as = (openid: string) => ({ db, member: { membership: { _id: membershipId(C, openid) } } }) as unknown as Parameters<typeof leadsTeam>[0]
  expect(await leadsTeam(as('demo-lead'), teamId)).toBe(true)
  expect(await leadsTeam(as('demo-lead3'), teamId)).toBe(false)
  expect(await leadsTeam(as('demo-lead'), 'c_haiyun:vteam-x')).toBe(false)
  // A lead of one team only.
  const other = await t.ok('demo-committee', 'volunteer.team.create', { name: '环保队', leadIds: [membershipId(C, 'demo-lead3')] }, C)
  expect(await t.call('demo-lead', 'volunteer.project.create', { title: '垃圾分类宣传', description: '周末在小区门口宣传垃圾分类', teamId: other.teamId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await t.call('demo-lead', 'volunteer.project.create', { title: '夜间巡逻', description: '每晚九点巡逻小区', teamId }, C)).toMatchObject({ ok: true })
})
