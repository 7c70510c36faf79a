/**
 * The demo's 志愿服务 history (local/seed/volunteers.ts), read through the api as
 * its people would: volunteers at different star levels whose hours are the sum
 * of their records, points that are the sum of their ledger entries, projects
 * with past and upcoming shifts on the days their texts name, and numbers that
 * follow on from the server's own seed.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { neighbours } from '../../../local/seed/data'
import { SEED_PROJECTS, SEED_VETERANS } from '../../../local/seed/volunteers'
import { startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(120_000)

const C = 'c_lujiang'
let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const n = (i: number) => neighbours()[i - 1].openid
const V = SEED_VETERANS

it('gives its volunteers different star levels under the national thresholds, each the sum of their credited records', async () => {
  const expected: Array<[number, number, number]> = [
    [V.twoStars, 312, 2],
    [V.oneStar, 124, 1],
    [V.almostOneStar, 99, 0],
    [V.newer, 12, 0],
  ]
  for (const [who, hours, star] of expected) {
    const mine = await t.ok(n(who), 'volunteer.record.mine', {}, C)
    expect({ who, hours: mine.creditedHours, star: mine.star }).toEqual({ who, hours, star })
    expect(mine.thresholds).toEqual([100, 300, 600, 1000, 1500])
    expect(mine.records.reduce((sum, r) => sum + r.creditedMinutes, 0)).toBe(hours * 60)
    expect(mine.starAwards.map((a) => a.level)).toEqual(Array.from({ length: star }, (_, i) => i + 1))
  }
  expect(await t.ok(n(V.almostOneStar), 'volunteer.record.mine', {}, C)).toMatchObject({ nextStar: { level: 1, hours: 100 }, honourHours: 0 })
  expect((await t.ok(n(V.oneStar), 'volunteer.record.mine', {}, C)).honourHours).toBe(1)
})

it('keeps every volunteer’s points balance the sum of their ledger entries, meeting points included', async () => {
  for (const who of Object.values(V)) {
    const memberId = membershipId(C, n(who))
    const entries = (await t.db.collection('pointEntries').where({ communityId: C, memberId }).limit(1000).get()) as { data: Array<{ amount: number }> }
    const { balance } = await t.ok(n(who), 'points.mine', {}, C)
    expect({ who, balance }).toEqual({ who, balance: entries.data.reduce((s, e) => s + e.amount, 0) })
  }
  // 12 h of service at 10 points an hour, after the 议事会 attendance of the council seed (5).
  expect((await t.ok(n(V.newer), 'points.mine', {}, C)).balance).toBe(125)
})

it('has projects with past weeks of shifts and two to come, on the weekday and hour their texts name', async () => {
  const project = await t.ok(n(V.almostOneStar), 'volunteer.project.get', { projectId: SEED_PROJECTS.meals }, C)
  expect(project).toMatchObject({ title: '长者助餐送餐', team: { name: '鹭江志愿服务队' }, canManage: false })
  expect(project.shifts.filter((s) => s.upcoming)).toHaveLength(2)
  expect(project.shifts.filter((s) => !s.upcoming)).toHaveLength(8)
  const china = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000)
  for (const s of project.shifts) expect({ day: china(s.startAt).getUTCDay(), time: china(s.startAt).toISOString().slice(11, 16) }).toEqual({ day: 6, time: '10:30' })
  const patrol = await t.ok('demo-lead', 'volunteer.project.get', { projectId: SEED_PROJECTS.patrol }, C)
  expect(patrol).toMatchObject({ canManage: true })
  // The next Friday is full; the one after has seats.
  const [next, after] = patrol.shifts.filter((s) => s.upcoming).sort((a, b) => a.startAt.localeCompare(b.startAt))
  expect([next.seatsLeft, after.seatsLeft]).toEqual([0, 5])
  expect((await t.ok(n(V.almostOneStar), 'volunteer.shift.mine', {}, C)).items).toEqual([])
})

it('numbers a new volunteer after every seeded one', async () => {
  const pending = (await t.ok('demo-committee', 'volunteer.application.list', {}, C)).items
  expect(pending).toHaveLength(1)
  const numbers = (await t.ok('demo-committee', 'volunteer.application.list', { status: 'approved' }, C)).items.map((a) => a.number).sort()
  expect(numbers).toEqual(['ZY000001', 'ZY000002', 'ZY000003', 'ZY000004', 'ZY000005', 'ZY000006'])
  expect(await t.ok('demo-committee', 'volunteer.application.decide', { memberId: pending[0].memberId, approve: true }, C)).toMatchObject({ number: 'ZY000007' })
})
