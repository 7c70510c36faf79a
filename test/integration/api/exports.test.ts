/**
 * 导出 Excel and the audit log viewer, on the demo community: every export kind opens
 * as a real .xlsx (parsed with exceljs) whose first sheet holds the rows its list
 * action returns, under a Chinese header row; no cell carries an openid, nor a phone
 * in full for a role the list does not show it to; each export is one audit entry;
 * refused callers and bad kinds or filters change nothing.
 */
import ExcelJS from 'exceljs'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_AWARDS } from '../../../local/seed/awards'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const COMMITTEE = 'demo-committee'
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/

let t: TestApi

beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

type Rows = string[][]

/** Every sheet of the file behind `url`, each a list of rows of cell texts (row 0 the header). */
async function download(url: string): Promise<Map<string, Rows>> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
  return new Map(
    book.worksheets.map((ws) => {
      const rows: Rows = []
      ws.eachRow({ includeEmpty: false }, (row) => {
        rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v))))
      })
      return [ws.name, rows]
    }),
  )
}

async function exported(who: string, input: Record<string, unknown>) {
  const out = await t.ok(who, 'export.create', input as never, C)
  expect(out.fileID).toMatch(new RegExp(`^cloud://.+/exports/${C}/.+\\.xlsx$`))
  return download(out.url)
}

/** Every page of a list, as a screen would read it. */
async function listed<T>(who: string, name: string, input: Record<string, unknown>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const page = (await t.ok(who, name as never, { ...input, limit: 50, ...(cursor ? { cursor } : {}) } as never, C)) as { items: T[]; nextCursor: string | null }
    items.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return items
}

const first = (book: Map<string, Rows>) => [...book.values()][0]
const column = (rows: Rows, header: string) => {
  const k = rows[0].indexOf(header)
  expect(k).toBeGreaterThanOrEqual(0)
  return rows.slice(1).map((r) => r[k] ?? '')
}

async function openids(): Promise<string[]> {
  const res = await t.app.database().collection('memberships').where({ communityId: C }).limit(1000).get()
  return (res.data as Array<{ openid: string }>).map((m) => m.openid)
}

/** No cell of any sheet holds an openid; none holds a full phone unless `phones` says this file may. */
function expectClean(book: Map<string, Rows>, ids: string[], phones = false) {
  for (const [name, rows] of book) {
    expect(rows.length).toBeGreaterThanOrEqual(1)
    // A header of Chinese column names (序号, 姓名（打码）, …), every one of them.
    expect(rows[0].every((h) => /[\u4e00-\u9fa5]/.test(h))).toBe(true)
    for (const cell of rows.flat()) {
      for (const o of ids) if (cell.includes(o)) throw new Error(`openid ${o} in sheet ${name}: ${cell}`)
      if (!phones && FULL_PHONE.test(cell)) throw new Error(`full phone in sheet ${name}: ${cell}`)
    }
  }
}

async function exportAudits(): Promise<number> {
  const res = await t.app.database().collection('auditLog').where({ communityId: C, action: 'export.create' }).count()
  return res.total
}

describe('export.create', () => {
  it('writes each list as a valid .xlsx whose rows are the list’s, with no openid and no phone cut short only where allowed', async () => {
    const ids = await openids()
    const before = await exportAudits()
    let made = 0
    const check = async (who: string, input: Record<string, unknown>, phones = false) => {
      const book = await exported(who, input)
      made++
      expectClean(book, ids, phones)
      return book
    }

    // 成员: the committee's list shows contact details in full, and so does its file.
    await t.ok('demo-resident', 'me.setContact', { realName: '陈小雨', phone: '13800001111' }, C)
    const members = await listed<{ nickname: string; phone: string | null; status: string }>(COMMITTEE, 'member.list', {})
    const memberBook = await check(COMMITTEE, { kind: 'members' }, true)
    const memberRows = first(memberBook)
    expect(memberRows.slice(1)).toHaveLength(members.length)
    expect(column(memberRows, '昵称')).toEqual(members.map((m) => m.nickname))
    expect(column(memberRows, '手机号')).toEqual(members.map((m) => m.phone ?? ''))
    expect(members.some((m) => m.phone)).toBe(true)
    expect(memberBook.get('住户')![0]).toEqual(['楼栋/房号', '登记人数', '已认证', '待认证', '已驳回', '住户认证状态'])
    // A building lead's file: their buildings only, names masked, no phone at all.
    const leadRows = first(await check('demo-lead3', { kind: 'members' }))
    const leadList = await listed<{ nickname: string }>('demo-lead3', 'member.list', {})
    expect(leadRows.slice(1)).toHaveLength(leadList.length)
    expect(leadList.length).toBeGreaterThan(0)
    expect(leadList.length).toBeLessThan(members.length)
    expect(column(leadRows, '手机号').every((p) => p === '')).toBe(true)
    expect(column(leadRows, '昵称').every((n) => n.includes('*'))).toBe(true)

    const titles = async (kind: string, list: string, input: Record<string, unknown>, header: string, key: (x: { title: string }) => string = (x) => x.title) => {
      const items = await listed<{ title: string }>(COMMITTEE, list, input)
      const book = await check(COMMITTEE, { kind, ...input })
      expect(items.length).toBeGreaterThan(0)
      expect(column(first(book), header)).toEqual(items.map(key))
      return book
    }
    const matters = await titles('matters', 'council.issue.list', {}, '事项')
    expect(matters.get('时间线')!.length).toBeGreaterThan(1)
    const meetings = await titles('meetings', 'council.meeting.list', { when: 'past' }, '议事会')
    expect(meetings.get('出席')![0]).toEqual(['议事会', '姓名（打码）', '楼栋/房号', '报名时间', '到场'])
    await titles('motions', 'council.motion.list', { status: 'closed' }, '表决事项')
    const tasks = await titles('tasks', 'council.task.list', { status: 'open' }, '办事项目')
    expect(tasks.get('支出明细')![0]).toEqual(['办事项目', '支出事项', '金额（元）', '记录时间'])
    const activities = await titles('activities', 'activity.list', { when: 'past' }, '活动')
    expect(activities.get('报名与签到')!.length).toBeGreaterThan(1)

    const volunteers = (await t.ok(COMMITTEE, 'volunteer.application.list', { status: 'approved', limit: 200 }, C)).items
    const hours = first(await check(COMMITTEE, { kind: 'volunteerHours' }))
    expect(column(hours, '志愿者编号')).toEqual(volunteers.map((v) => v.number ?? ''))

    const holder = membershipId(C, 'demo-volunteer')
    await t.ok('demo-admin', 'points.adjust', { memberId: holder, amount: 5, reason: '补记社区消防演练的志愿服务' }, C)
    const ledger = await t.ok(COMMITTEE, 'points.ledger', { memberId: holder }, C)
    expect(ledger.entries.length).toBeGreaterThan(0)
    const points = first(await check(COMMITTEE, { kind: 'points', memberId: holder }))
    expect(column(points, '积分变动')).toEqual(ledger.entries.map((e) => String(e.amount)))

    const campaign = await t.ok(COMMITTEE, 'award.campaign.get', { campaignId: SEED_AWARDS.finished }, C)
    const award = first(await check(COMMITTEE, { kind: 'awards', campaignId: SEED_AWARDS.finished }))
    expect(column(award, '编号')).toEqual(campaign.candidates.map((c) => String(c.number)))
    expect(column(award, '有效票')).toEqual(campaign.candidates.map((c) => String(c.votes ?? '')))

    // 月报 (built by modules/stats): a sheet per area, for the committee and for the 街道.
    const report = await check(COMMITTEE, { kind: 'monthlyReport', month: '2026-11' })
    expect(report.size).toBeGreaterThan(1)
    expect(first(report)[0]).toEqual(['社区', '指标', '本月', '上月', '较上月'])
    expect((await check('demo-street', { kind: 'monthlyReport' })).size).toBe(report.size)

    // The audit log as the viewer lists it, read before its own export adds an entry.
    const log = await listed<{ action: string }>(COMMITTEE, 'audit.list', {})
    const logBook = await check(COMMITTEE, { kind: 'auditLog' })
    expect(column(first(logBook), '操作代码')).toEqual(log.map((e) => e.action))

    expect(await exportAudits()).toBe(before + made)
    expect(made).toBe(13)
  })

  it('refuses other roles, unknown kinds and bad filters, writing nothing', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['demo-resident', { kind: 'members' }, 'FORBIDDEN'],
      ['demo-volunteer', { kind: 'volunteerHours' }, 'FORBIDDEN'],
      ['demo-lead3', { kind: 'matters' }, 'FORBIDDEN'],
      ['demo-street', { kind: 'meetings' }, 'FORBIDDEN'],
      [COMMITTEE, { kind: 'everything' }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { kind: 'members', openid: true }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { kind: 'points' }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { kind: 'auditLog', from: '2026-13-40' }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { kind: 'auditLog', from: '2026-11-20', to: '2026-11-01' }, 'INVALID_ARGUMENT'],
      [COMMITTEE, { kind: 'awards', campaignId: 'c_elsewhere:award-s1' }, 'NOT_FOUND'],
    ]
    for (const [who, input, code] of cases) {
      t.emulator.resetStats()
      const res = await t.call(who, 'export.create', input as never, C)
      expect([JSON.stringify(input), res.ok ? 'ok' : res.error.code]).toEqual([JSON.stringify(input), code])
      expect(dataWrites(t)).toBe(0)
    }
  })
})

describe('代办 in the exports', () => {
  it('names every consent in words (书面同意), in the registrations and in the audit log, never by its code', async () => {
    const { SEED_ACTIVITIES } = await import('../../../local/seed/activities')
    const activityId = SEED_ACTIVITIES.craft
    const resident = membershipId(C, 'demo-resident')
    await t.ok('demo-lead', 'activity.signupFor', { activityId, memberId: resident, answers: [{ field: 'f1', value: '13800001234' }], consent: { method: 'written', note: '签了纸质同意书' } }, C)

    const registrations = first(await exported(COMMITTEE, { kind: 'activities', activityId }))
    expect(column(registrations, '代报名同意方式').filter(Boolean)).toEqual(['书面同意'])

    const audit = await exported(COMMITTEE, { kind: 'auditLog', action: 'activity.signupFor' })
    const changes = audit.get('变更明细')!
    const consent = changes.find((r) => r[2] === 'consent')
    expect(consent?.[4]).toBe('书面同意')
    expect(JSON.stringify(changes)).not.toMatch(/written/)
  })
})

describe('audit.list', () => {
  it('filters by person, action and China dates, and shows each entry’s changes', async () => {
    t.clock.advance(60_000)
    const newcomer = membershipId(C, 'demo-newcomer')
    await t.ok('demo-admin', 'points.adjust', { memberId: newcomer, amount: 3, reason: '补记楼道清扫的志愿服务' }, C)
    const admin = membershipId(C, 'demo-admin')
    const mine = await t.ok(COMMITTEE, 'audit.list', { actorId: admin, action: 'points.adjust' }, C)
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((e) => e.actorId === admin && e.action === 'points.adjust')).toBe(true)
    expect(mine.items[0]).toMatchObject({ actorName: expect.stringContaining('*'), reason: '补记楼道清扫的志愿服务' })
    expect(mine.items[0].changes.length).toBeGreaterThan(0)
    const today = await t.ok(COMMITTEE, 'audit.list', { from: '2026-11-23', to: '2026-11-23' }, C)
    expect(today.items.some((e) => e.id === mine.items[0].id)).toBe(true)
    const earlier = await t.ok(COMMITTEE, 'audit.list', { to: '2026-11-22' }, C)
    expect(earlier.items.some((e) => e.id === mine.items[0].id)).toBe(false)
    const choices = await t.ok(COMMITTEE, 'audit.choices', {}, C)
    expect(choices.people.some((p) => p.memberId === admin && p.name.includes('*'))).toBe(true)
    expect(choices.actions.map((a) => a.action)).toEqual(expect.arrayContaining(['points.adjust', 'export.create', 'member.verify']))
    expect(JSON.stringify([mine, today, choices])).not.toMatch(/demo-[a-z0-9]+(?!:)/)
    expect(await t.call('demo-lead3', 'audit.list', {}, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
