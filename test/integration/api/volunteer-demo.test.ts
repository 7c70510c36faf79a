/**
 * The demo's 志愿服务 (local/seed/volunteers.ts), read through the api as its
 * people would: a team with a lead, projects with past and upcoming shifts,
 * volunteers at different star levels whose hours are the sum of their records,
 * points that are the sum of their ledger entries, and the work waiting for the
 * lead and the committee.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { neighbours } from '../../../local/seed/data'
import { SEED_PROJECTS } from '../../../local/seed/volunteers'
import { startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(120_000)

const C = 'c_lujiang'
let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const n = (i: number) => neighbours()[i - 1].openid

it('gives its volunteers different star levels, each the sum of their credited records, under the small-community thresholds', async () => {
  const expected: Array<[string, number, number]> = [
    ['demo-volunteer', 9, 0],
    [n(21), 52, 5],
    [n(22), 31, 3],
    [n(23), 10.5, 1],
    [n(24), 21, 2],
  ]
  for (const [openid, hours, star] of expected) {
    const mine = await t.ok(openid, 'volunteer.record.mine', {}, C)
    expect({ openid, hours: mine.creditedHours, star: mine.star }).toEqual({ openid, hours, star })
    expect(mine.thresholds).toEqual([10, 20, 30, 40, 50])
    expect(mine.records.reduce((sum, r) => sum + r.creditedMinutes, 0)).toBe(hours * 60)
    for (const r of mine.records) expect(r.content.length).toBeGreaterThan(0)
  }
  // 黄志明 is one hour short of his first star.
  expect(await t.ok('demo-volunteer', 'volunteer.record.mine', {}, C)).toMatchObject({ nextStar: { level: 1, hours: 10 }, honourHours: 0 })
  expect((await t.ok(n(22), 'volunteer.record.mine', {}, C)).honourHours).toBe(1)
})

it('keeps every volunteer’s points balance the sum of their ledger entries', async () => {
  for (const openid of ['demo-volunteer', n(21), n(22), n(23), n(24)]) {
    const memberId = membershipId(C, openid)
    const entries = (await t.db.collection('pointEntries').where({ communityId: C, memberId }).limit(1000).get()) as { data: Array<{ amount: number }> }
    const { balance } = await t.ok(openid, 'points.mine', {}, C)
    expect({ openid, balance }).toEqual({ openid, balance: entries.data.reduce((s, e) => s + e.amount, 0) })
  }
  // 9 h of service at 10 points an hour.
  expect((await t.ok('demo-volunteer', 'points.mine', {}, C)).balance).toBe(90)
})

it('has projects with eight past weeks of shifts and two to come, the next patrol full, none of them his yet', async () => {
  const project = await t.ok('demo-volunteer', 'volunteer.project.get', { projectId: SEED_PROJECTS.meals }, C)
  expect(project).toMatchObject({ title: '长者助餐送餐', team: { name: '鹭江志愿服务队' }, canManage: false })
  expect(project.shifts.filter((s) => s.upcoming)).toHaveLength(2)
  expect(project.shifts.filter((s) => !s.upcoming)).toHaveLength(8)
  // The seed's Monday: the shifts fall on Saturdays at 10:30, China time.
  for (const s of project.shifts) expect(new Date(new Date(s.startAt).getTime() + 8 * 3_600_000).toISOString()).toMatch(/T10:30/)
  const upcoming = await t.ok('demo-volunteer', 'volunteer.shift.list', { when: 'upcoming' }, C)
  expect(upcoming.items.length).toBeGreaterThanOrEqual(6)
  expect(upcoming.items.some((s) => s.title === '夜间平安巡逻' && s.seatsLeft === 0)).toBe(true)
  expect((await t.ok('demo-volunteer', 'volunteer.shift.mine', {}, C)).items).toEqual([])
})

it('leaves work for the lead and the committee: an open check-in, a correction, honour hours and an application', async () => {
  expect(await t.ok('demo-lead', 'volunteer.me', {}, C)).toMatchObject({ leads: [{ name: '鹭江志愿服务队' }] })
  const shifts = await t.ok('demo-lead', 'volunteer.shift.list', { when: 'past', limit: 50 }, C)
  const sorting = shifts.items.find((s) => s.title === '垃圾分类桶边督导')!
  const roster = await t.ok('demo-lead', 'volunteer.shift.roster', { shiftId: sorting.id }, C)
  expect(roster.items.filter((p) => p.open)).toHaveLength(1)
  expect((await t.ok('demo-lead', 'volunteer.record.corrections', {}, C)).items).toEqual([expect.objectContaining({ minutesBefore: 0, maxMinutes: 180 })])
  expect((await t.ok('demo-committee', 'volunteer.honour.pending', {}, C)).items).toEqual([expect.objectContaining({ minutes: 90, canConfirm: true })])
  expect((await t.ok('demo-committee', 'volunteer.application.list', {}, C)).items).toEqual([expect.objectContaining({ status: 'pending' })])
  // A sixth approval takes the next number after the five seeded.
  const pending = (await t.ok('demo-committee', 'volunteer.application.list', {}, C)).items[0]
  expect(await t.ok('demo-committee', 'volunteer.application.decide', { memberId: pending.memberId, approve: true }, C)).toMatchObject({ number: 'ZY000006' })
})
