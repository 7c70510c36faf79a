/**
 * 统计 (stats.overview) and the monthly report (月报) against a scenario built here,
 * figure by figure: November 2026 against October, two communities of one 街道 and a
 * third that is not its. Every figure about fewer than five people must read 「<5」.
 */
import ExcelJS from 'exceljs'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { startTestApi, type TestApi } from '../../helpers/api'

const A = 'c_stats_a'
const B = 'c_stats_b'
const X = 'c_stats_x'
const at = (iso: string) => new Date(`${iso}+08:00`)
const m = (c: string, who: string) => membershipId(c, who)
const R = Array.from({ length: 9 }, (_, i) => `r${i + 1}`)

let t: TestApi

async function seed() {
  const db = t.app.database()
  const add = (collection: string, docs: Array<Record<string, unknown>>) => db.collection(collection).add(docs)
  await add('communities', [
    { _id: A, name: '甲社区', street: '测试街道' },
    { _id: B, name: '乙社区', street: '测试街道' },
    { _id: X, name: '丙社区', street: '别的街道' },
  ])
  const member = (c: string, openid: string, extra: Record<string, unknown>) => ({
    _id: m(c, openid),
    communityId: c,
    openid,
    status: 'verified',
    roles: [],
    nickname: openid,
    createdAt: at('2026-01-01T09:00:00'),
    ...extra,
  })
  await add('memberships', [
    member(A, 'committee-a', { roles: ['committee'], householdId: 'h1' }),
    member(A, 'street-1', { roles: ['street'] }),
    member(A, 'resident-a', { householdId: 'h2' }),
    ...R.slice(0, 8).map((r, i) => member(A, r, { householdId: `h${(i % 4) + 1}` })),
    member(A, 'newcomer-a', { status: 'unverified' }),
    member(B, 'street-1', { roles: ['street'] }),
    member(B, 'committee-b', { roles: ['committee'], householdId: 'hb1' }),
    member(X, 'committee-x', { roles: ['committee'], householdId: 'hx1' }),
  ])
  const ra = (i: number) => m(A, R[i - 1])
  const issue = (id: string, c: string, author: string, category: string, createdAt: string, steps: Array<[string, string]>) => ({
    _id: id,
    communityId: c,
    authorId: author,
    category,
    title: id,
    status: 'open',
    createdAt: at(createdAt),
    updatedAt: at(steps.length ? steps[steps.length - 1][1] : createdAt),
    timeline: [{ kind: 'raised', at: at(createdAt) }, ...steps.map(([kind, when]) => ({ kind, at: at(when) }))],
  })
  await add('issues', [
    issue('i1', A, ra(1), 'environment', '2026-11-05T10:00:00', [['answered', '2026-11-07T10:00:00']]),
    issue('i2', A, ra(2), 'environment', '2026-11-05T10:00:00', [['accepted', '2026-11-06T10:00:00'], ['done', '2026-11-15T10:00:00']]),
    issue('i3', A, ra(3), 'parking', '2026-11-05T12:00:00', []),
    issue('i4', A, ra(4), 'safety', '2026-10-20T10:00:00', [['answered', '2026-11-03T10:00:00']]),
    issue('x1', X, 'someone', 'safety', '2026-11-05T10:00:00', [['answered', '2026-11-06T10:00:00']]),
  ])
  await add('meetings', [
    { _id: 'mt1', communityId: A, status: 'held', startAt: at('2026-11-10T19:00:00'), registered: 8, attended: 6 },
    { _id: 'mt2', communityId: A, status: 'held', startAt: at('2026-10-15T19:00:00'), registered: 4, attended: 3 },
    { _id: 'mt3', communityId: A, status: 'cancelled', startAt: at('2026-11-12T19:00:00'), registered: 9, attended: 0 },
  ])
  await add('motions', [{ _id: 'mo1', communityId: A, status: 'closed', closedAt: at('2026-11-12T20:00:00'), closesAt: at('2026-11-12T20:00:00'), result: { cast: 7, eligible: 10 } }])
  const rating = (i: number, who: string, rating: string, when: string) => ({ _id: `rt${i}`, communityId: A, taskId: 'task1', round: 1, memberId: who, rating, createdAt: at(when) })
  await add('ratings', [
    ...['satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied'].map((r, i) => rating(i, ra(i + 1), r, '2026-11-16T10:00:00')),
    rating(10, ra(8), 'unsatisfied', '2026-10-16T10:00:00'),
    rating(11, ra(4), 'satisfied', '2026-10-16T10:00:00'),
  ])
  await add('activities', [{ _id: 'ac1', communityId: A, status: 'published', startAt: at('2026-11-08T09:00:00') }])
  await add(
    'activityRegistrations',
    R.slice(0, 6).map((r, i) => ({ _id: `ac1:${r}`, communityId: A, activityId: 'ac1', memberId: ra(i + 1), status: 'registered', signedUpAt: at('2026-11-02T10:00:00') })),
  )
  const attend = (kind: string, eventId: string, who: string, when: string, creditedMinutes: number | null) => ({
    _id: `${kind}:${eventId}:${who}`,
    communityId: A,
    kind,
    eventId,
    memberId: who,
    at: at(when),
    creditedMinutes,
  })
  await add('volunteerProjects', [
    { _id: 'p1', communityId: A, title: '敬老助餐', status: 'open' },
    { _id: 'p2', communityId: A, title: '环境整治', status: 'open' },
  ])
  await add('volunteerShifts', [
    { _id: 's1', communityId: A, projectId: 'p1', status: 'open', startAt: at('2026-11-09T09:00:00'), endAt: at('2026-11-09T11:00:00') },
    { _id: 's2', communityId: A, projectId: 'p2', status: 'open', startAt: at('2026-11-10T09:00:00'), endAt: at('2026-11-10T10:00:00') },
  ])
  await add('attendance', [
    ...[1, 2, 3, 4, 5].map((i) => attend('activity', 'ac1', ra(i), '2026-11-08T09:05:00', null)),
    ...[1, 2, 3, 4, 5].map((i) => attend('shift', 's1', ra(i), '2026-11-09T09:00:00', 120)),
    ...[6, 7].map((i) => attend('shift', 's2', ra(i), '2026-11-10T09:00:00', 60)),
  ])
  const entry = (who: string, amount: number, kind: string, when: string) => ({ _id: `${who}:${kind}:${when}`, communityId: A, memberId: who, amount, kind, at: at(when) })
  await add('pointEntries', [
    ...[1, 2, 3, 4, 5].map((i) => entry(ra(i), 10, 'service', '2026-11-09T12:00:00')),
    entry(ra(6), 5, 'service', '2026-11-10T12:00:00'),
    ...[1, 2, 3, 4, 5].map((i) => entry(ra(i), -4, 'redemption', '2026-11-20T12:00:00')),
  ])
  await add('awardNominations', [
    { _id: 'n1', communityId: A, campaignId: 'aw1', status: 'approved', createdAt: at('2026-11-03T10:00:00') },
    { _id: 'n2', communityId: A, campaignId: 'aw1', status: 'approved', createdAt: at('2026-11-04T10:00:00') },
  ])
  const vote = (i: number, n: number, status: string) => ({ _id: `v${i}-${n}`, communityId: A, campaignId: 'aw1', candidateId: `c${n}`, voterId: ra(i), status, at: at('2026-11-18T10:00:00') })
  await add('awardVotes', [...[1, 2, 3, 4, 5, 6].flatMap((i) => [vote(i, 1, 'counted'), vote(i, 2, 'counted')]), vote(7, 1, 'void')])
}

beforeAll(async () => {
  t = await startTestApi({ seed: false })
  await seed()
})
afterAll(() => t.close())

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }

describe('stats.overview', () => {
  it('gives the committee its community\'s figures for the period against the one before, small groups as 「<5」', async () => {
    const out = await t.ok('committee-a', 'stats.overview', NOVEMBER, A)
    expect(out.period).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 })
    expect(out.previous).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    expect(out.months).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
    expect(out.communities.map((c) => [c.communityId, c.name])).toEqual([[A, '甲社区']])
    const f = out.communities[0].figures
    // 10 verified residents in 4 households; the 街道 account and the unverified newcomer are not residents
    expect(f.residents).toEqual({ verified: 10, households: 4, active: { value: 7, previous: '<5' }, activeByMonth: [0, 0, 0, 0, '<5', 7] })
    expect(f.matters).toEqual({
      raised: { value: 3, previous: 1 },
      answered: { value: 3, previous: 0 },
      done: { value: 1, previous: 0 },
      // answered after 2, 1 and 14 days; done after 10
      daysToAnswer: { value: 2, previous: null },
      daysToDone: { value: 10, previous: null },
      byCategory: [
        { label: '环境卫生', count: 2 },
        { label: '停车交通', count: 1 },
      ],
      raisedByMonth: [0, 0, 0, 0, 1, 3],
    })
    // the cancelled meeting counts for nothing; October's 4 registered and 3 present are too few to show
    expect(f.meetings).toEqual({
      held: { value: 1, previous: 1 },
      registered: { value: 8, previous: '<5' },
      attended: { value: 6, previous: '<5' },
      attendanceRate: { value: 75, previous: '<5' },
    })
    expect(f.ballots).toEqual({ motions: { value: 1, previous: 0 }, cast: { value: 7, previous: 0 }, turnout: { value: 70, previous: null } })
    expect(f.satisfaction).toEqual({ ratings: { value: 6, previous: '<5' }, rate: { value: 83.3, previous: '<5' }, rateByMonth: [null, null, null, null, '<5', 83.3] })
    expect(f.activities).toEqual({ held: { value: 1, previous: 0 }, signups: { value: 6, previous: 0 }, attended: { value: 5, previous: 0 }, signupsByMonth: [0, 0, 0, 0, 0, 6] })
    // 敬老助餐: 5 volunteers × 2 h; 环境整治 has 2 volunteers, so it is folded into 其他, which stays too small to show
    expect(f.volunteers).toEqual({
      hours: { value: 12, previous: 0 },
      people: { value: 7, previous: 0 },
      hoursByMonth: [0, 0, 0, 0, 0, 12],
      byProject: [
        { label: '敬老助餐', people: 5, value: 10 },
        { label: '其他', people: '<5', value: '<5' },
      ],
    })
    expect(f.points).toEqual({ issued: { value: 55, previous: 0 }, redeemed: { value: 20, previous: 0 }, issuedByMonth: [0, 0, 0, 0, 0, 55], redeemedByMonth: [0, 0, 0, 0, 0, 20] })
    // 6 voters of 10 residents; the voided vote does not count
    expect(f.awards).toEqual({ nominations: { value: 2, previous: 0 }, voters: { value: 6, previous: 0 }, votes: { value: 12, previous: 0 }, participation: { value: 60, previous: 0 } })
  })

  it('gives the 街道 account each of its communities side by side, counts only, and no other community', async () => {
    const out = await t.ok('street-1', 'stats.overview', NOVEMBER, A)
    expect(out.communities.map((c) => [c.communityId, c.name])).toEqual([
      [A, '甲社区'],
      [B, '乙社区'],
    ])
    expect(out.communities[0].figures.matters.raised.value).toBe(3)
    // 乙社区 has one resident: every count of people there reads 「<5」
    expect(out.communities[1].figures.residents.verified).toBe('<5')
    const text = JSON.stringify(out)
    for (const secret of ['committee-a', 'street-1', ':m-', 'r1', 'h1', 'x1']) expect(text).not.toContain(secret)
  })

  it('refuses a resident, and a period that is not one', async () => {
    expect((await t.call('resident-a', 'stats.overview', NOVEMBER, A)).ok).toBe(false)
    expect(await t.call('resident-a', 'stats.overview', NOVEMBER, A)).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(await t.call('committee-a', 'stats.overview', { from: '2026-11-30', to: '2026-11-01' }, A)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call('committee-a', 'stats.overview', { from: '2026-02-30' }, A)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call('committee-a', 'stats.overview', { from: '2025-01-01', to: '2026-11-30' }, A)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
  })

  it('defaults to this month so far, China time', async () => {
    const out = await t.ok('committee-a', 'stats.overview', {}, A)
    expect(out.period).toEqual({ from: '2026-11-01', to: '2026-11-23', days: 23 })
    // compared with the same days of last month (环比同期), not the 23 days just before
    expect(out.previous).toEqual({ from: '2026-10-01', to: '2026-10-23' })
  })
})

type Rows = string[][]

/** Every sheet of the workbook behind `url`, each a list of rows of cell texts (row 0 the header). */
async function download(url: string): Promise<Map<string, Rows>> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
  return new Map(
    book.worksheets.map((ws) => {
      const rows: Rows = []
      // Cells run to the header's width: Excel leaves out a row's empty cells at its end.
      const width = ws.getRow(1).cellCount
      ws.eachRow({ includeEmpty: false }, (row) => rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value).map((v) => (v === null || v === undefined ? '' : String(v)))))
      return [ws.name, rows]
    }),
  )
}

describe('the monthly report (月报)', () => {
  it('is one workbook with a sheet per area: this month beside the last, small groups as 「<5」', async () => {
    const out = await t.ok('committee-a', 'export.create', { kind: 'monthlyReport', month: '2026-11' }, A)
    const book = await download(out.url)
    expect([...book.keys()]).toEqual(['居民', '议事', '议事会', '表决', '满意度', '活动', '志愿服务', '积分', '评选'])
    for (const rows of book.values()) expect(rows[0]).toEqual(['社区', '指标', '本月', '上月', '较上月'])
    expect(book.get('居民')!.slice(1)).toEqual([
      ['甲社区', '已认证居民（人）', '10', '', ''],
      ['甲社区', '已认证户数', '4', '', ''],
      ['甲社区', '活跃居民（人）', '7', '<5', ''],
    ])
    expect(book.get('议事')!.slice(1, 4)).toEqual([
      ['甲社区', '提出事项', '3', '1', '2'],
      ['甲社区', '答复事项', '3', '0', '3'],
      ['甲社区', '办结事项', '1', '0', '1'],
    ])
    expect(book.get('满意度')!.slice(1)).toEqual([
      ['甲社区', '评价（人次）', '6', '<5', ''],
      ['甲社区', '满意率（%，满意与基本满意）', '83.3', '<5', ''],
    ])
    expect(book.get('志愿服务')!.slice(1)).toEqual([
      ['甲社区', '服务时长（小时）', '12', '0', '12'],
      ['甲社区', '参与志愿者（人）', '7', '0', '7'],
      ['甲社区', '服务时长·敬老助餐（小时）', '10', '', ''],
      ['甲社区', '服务时长·其他（小时）', '<5', '', ''],
    ])
    const text = JSON.stringify([...book.values()])
    for (const secret of ['committee-a', ':m-', 'r1']) expect(text).not.toContain(secret)
  })

  it('for the 街道 holds each of its communities, and a resident cannot have it', async () => {
    const out = await t.ok('street-1', 'export.create', { kind: 'monthlyReport', month: '2026-11' }, A)
    const book = await download(out.url)
    expect([...new Set(book.get('居民')!.slice(1).map((r) => r[0]))]).toEqual(['甲社区', '乙社区'])
    expect(await t.call('street-1', 'export.create', { kind: 'members' }, A)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('resident-a', 'export.create', { kind: 'monthlyReport', month: '2026-11' }, A)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
