/**
 * Issue 10 in Chromium: the committee posts an activity with 2 seats and a question
 * on its form; three residents sign up (the third is 候补第 1 位); one cancels and the
 * third sees 报名成功 and a message in 消息; on the day (the clock moved) the
 * organiser shows the rotating code, a resident checks in with the code decoded from
 * the QR on the organiser's screen, another is marked by hand; the attendance list
 * and the .xlsx export (parsed here) are right, and the points appear in 我的积分.
 * First every 活动 page of the demo in 长辈模式, for a resident and for the committee.
 * Screenshots: test-results/e2e/activity-*.png
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { SEED_ACTIVITIES } from '../../local/seed/activities'
import { confirmModal, decodeQr, route, startE2E, elderTour, type E2E } from '../helpers/browser'

// A Monday morning. The form's defaults put the activity on Wednesday 09:30–11:30, sign-up closing Tuesday 20:00.
const START = new Date('2026-11-23T10:00:00+08:00')
const ON_THE_DAY = new Date('2026-11-25T09:05:00+08:00')
const TITLE = '社区读书会：一起读《城南旧事》'

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: START })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(300_000)

const detailPath = (id: string) => `packages/activities/index?id=${encodeURIComponent(id)}`

/** Opens the activity page as it is now (a fresh read, Taro's slide-in done). */
async function openActivity(page: Page, id: string) {
  await page.goto(route(e.gateway, detailPath(id)))
  await page.reload()
  await page.waitForSelector('#activity-title')
  await page.waitForTimeout(400)
}

async function signUp(openid: string, id: string, phone: string, shot: string): Promise<string> {
  const { page, context } = await e.open(openid)
  await openActivity(page, id)
  await page.fill('#signup-field-f1 input', phone)
  await page.click('#signup-submit')
  await page.waitForSelector('#activity-my-status')
  const status = (await page.textContent('#activity-my-status'))!.trim()
  await page.locator('#activity-mine').scrollIntoViewIfNeeded()
  await e.shot(page, shot)
  await context.close()
  return status
}

it('长辈模式: every 活动 page fits the phone with large text, for a resident and for the committee', async () => {
  const A = SEED_ACTIVITIES
  const id = (v: string) => `?id=${encodeURIComponent(v)}`
  const sweep: Array<[string, string, Array<[string, string, string]>]> = [
    [
      'demo-resident',
      'resident',
      [
        ['tab', 'pages/activities/index', '#page-activities'],
        ['open', `packages/activities/index${id(A.craft)}`, '#signup-form'],
        ['waitlisted', `packages/activities/index${id(A.clinic)}`, '#activity-my-status'],
        ['finished', `packages/activities/index${id(A.dumplings)}`, '#activity-summary'],
        ['cancelled', `packages/activities/index${id(A.hike)}`, '#activity-cancelled'],
      ],
    ],
    [
      'demo-committee',
      'committee',
      [
        ['form', 'packages/activities/edit/index', '#activity-form-submit'],
        ['manage', `packages/activities/manage/index${id(A.clinic)}`, '#activity-waitlist #waiting-1'],
        ['checkin', `packages/activities/checkin/index${id(A.talk)}`, '#activity-export'],
        ['summary', `packages/activities/summary/index${id(A.dumplings)}`, '#summary-submit'],
        ['proxy', `packages/activities/proxy/index${id(A.craft)}`, '#proxy-submit'],
      ],
    ],
  ]
  const overflowing: string[] = []
  for (const [openid, who, pages] of sweep) {
    const { page, context } = await e.open(openid)
    await e.elderMode(page)
    // The part each page is about (the form, my place in line, the waiting list) on screen.
    const wide = await elderTour(e, page, pages, (name) => `activity-elder-${who}-${name}`, { scroll: true })
    overflowing.push(...wide.map((w) => `${who} ${w}`))
    // Off again: the choice is saved with the account, and the next test's pages are in the usual size.
    await e.elderMode(page, false)
    await context.close()
  }
  expect(overflowing).toEqual([])
})

it('posts an activity with 2 seats, runs its waitlist, check-in, attendance, export and points', async () => {
  const pointsBefore = (await e.api<{ balance: number }>('demo-resident', 'points.mine', {})).balance
  // ── 1. The committee posts it from the 活动 tab. ───────────────────────────
  const committee = await e.open('demo-committee')
  const c = committee.page
  await e.go(c, 'pages/activities/index', '#activity-list #activity-0')
  await e.shot(c, 'activity-01-tab')
  await c.click('#activity-new')
  await c.waitForSelector('#activity-form-title')
  await c.waitForTimeout(400)
  await c.fill('#activity-form-title input', TITLE)
  await c.click('#activity-form-category-learning')
  await c.fill('#activity-form-description textarea', '每月一次的社区读书会。这次读林海音的《城南旧事》，读完聊聊各自小时候的街坊邻居。书由社区图书角提供。')
  await c.fill('#activity-form-place input', '社区图书角（2号楼一层）')
  await c.fill('#activity-form-capacity input', '2')
  await c.fill('#activity-form-points input', '8')
  // WeChat's own picker opens on the date; the default day stays.
  await c.click('#activity-form-start-date')
  // Each picker keeps its (hidden) sheet in the page; the one on screen is the date's.
  const confirm = c.locator('.weui-picker__action:visible', { hasText: '确定' })
  await confirm.waitFor()
  await e.shot(c, 'activity-02-date-picker')
  await confirm.click()
  await confirm.waitFor({ state: 'hidden' })
  expect(await c.textContent('#activity-form-start-time')).toBe('09:30')
  await c.click('#activity-field-add')
  await c.fill('#activity-field-0-label input', '联系电话')
  await c.click('#activity-field-0-type-phone')
  await c.locator('#activity-form-fields').scrollIntoViewIfNeeded()
  await e.shot(c, 'activity-03-form')
  await c.click('#activity-form-submit')
  await c.waitForSelector('#page-activity #activity-title')
  expect(await c.textContent('#activity-title')).toBe(TITLE)
  expect(await c.textContent('#activity-seats')).toContain('剩余名额 2')
  const activityId = decodeURIComponent(new URL(c.url().replace('/#/', '/')).searchParams.get('id')!)
  await e.shot(c, 'activity-04-posted')
  await committee.context.close()

  // ── 2. Three residents sign up for the two seats. ──────────────────────────
  expect(await signUp('demo-resident', activityId, '13800001111', 'activity-05-signed-up')).toBe('报名成功')
  expect(await signUp('demo-volunteer', activityId, '13800002222', 'activity-06-second')).toBe('报名成功')
  expect(await signUp('demo-lead', activityId, '13800003333', 'activity-07-waitlisted')).toBe('候补第 1 位')

  // ── 3. One cancels; the one waiting gets the seat at once and is told. ─────
  const volunteer = await e.open('demo-volunteer')
  await openActivity(volunteer.page, activityId)
  await volunteer.page.click('#activity-cancel-signup')
  await confirmModal(volunteer.page)
  await volunteer.page.waitForFunction(() => document.querySelector('#activity-my-status')?.textContent?.includes('已取消'))
  await e.shot(volunteer.page, 'activity-08-cancelled')
  await volunteer.context.close()

  const lead = await e.open('demo-lead')
  const l = lead.page
  await openActivity(l, activityId)
  expect((await l.textContent('#activity-my-status'))?.trim()).toBe('报名成功')
  await e.shot(l, 'activity-09-promoted')
  await e.go(l, 'packages/account/messages/index', '#page-messages')
  const told = l.locator('.message-row', { hasText: '候补成功' }).first()
  await told.waitFor()
  expect(await told.textContent()).toContain(TITLE)
  await e.shot(l, 'activity-10-promoted-message')
  await lead.context.close()

  // ── 4. On the day: the organiser shows the code, residents check in. ───────
  e.setNow(ON_THE_DAY)
  const organiser = await e.open('demo-committee')
  const o = organiser.page
  await e.go(o, `packages/activities/checkin/index?id=${encodeURIComponent(activityId)}`, '#checkin-show')
  await o.click('#checkin-show')
  await o.waitForSelector('#checkin-qr img')
  await e.shot(o, 'activity-11-checkin-code')
  const code = (await decodeQr(o, '#checkin-qr'))!
  expect(code).toBe((await o.textContent('#checkin-token'))?.trim())

  const resident = await e.open('demo-resident')
  const r = resident.page
  await openActivity(r, activityId)
  await r.fill('#checkin-paste input', code)
  await r.click('#checkin-paste-submit')
  await r.waitForSelector('#checkin-done')
  await e.shot(r, 'activity-12-checked-in')

  // 吴丽娟 forgot her phone: the organiser marks her by hand from those registered.
  await o.reload()
  await o.waitForSelector('#registrants')
  const row = o.locator('#registrants .person-row', { hasText: '吴*娟' })
  await row.locator('.registrant-mark').click()
  await confirmModal(o)
  await row.locator('text=已签到').waitFor()
  await o.reload()
  await o.waitForSelector('#checkin-attendees #attendee-1')
  expect(await o.textContent('#activity-attended')).toBe('2')
  const attendees = await o.locator('#checkin-attendees .attendee-row').allTextContents()
  expect(attendees).toEqual([expect.stringMatching(/^林\*华扫码 · 09:0\d/), expect.stringMatching(/^吴\*娟手工登记 · 09:0\d/)])
  await o.locator('#checkin-attendees').scrollIntoViewIfNeeded()
  await e.shot(o, 'activity-13-attendance')

  // ── 5. The export: a real .xlsx, one row per person, names masked, phones cut. ─
  const [download] = await Promise.all([o.waitForEvent('download'), o.click('#activity-export')])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await download.path())!)
  const sheet = book.worksheets[0]
  const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((cells) => cells.slice(1).map((v) => (v === undefined || v === null ? '' : String(v))))
  const header = rows[0]
  const col = (name: string) => header.indexOf(name)
  expect(header).toEqual(expect.arrayContaining(['序号', '姓名（打码）', '楼栋/房号', '报名时间', '状态', '同行人数', '联系电话', '签到时间', '签到方式', '候补转正时间', '取消时间', '取消原因', '代报名人']))
  const byName = new Map(rows.slice(1).map((cells) => [cells[col('姓名（打码）')], cells]))
  expect([...byName.keys()].sort()).toEqual(['吴*娟', '林*华', '黄*明'].sort())
  const lin = byName.get('林*华')!
  expect([lin[col('状态')], lin[col('签到方式')], lin[col('联系电话')]]).toEqual(['报名成功', '扫码', '138****1111'])
  expect(lin[col('签到时间')]).toMatch(/2026-11-25 09:0\d/)
  const wu = byName.get('吴*娟')!
  expect([wu[col('状态')], wu[col('签到方式')]]).toEqual(['报名成功', '手工登记'])
  expect(wu[col('候补转正时间')]).toMatch(/2026-11-23/)
  const huang = byName.get('黄*明')!
  expect(huang[col('状态')]).toBe('已取消')
  expect(huang[col('取消时间')]).toMatch(/2026-11-23/)
  expect(huang[col('签到时间')] ?? '').toBe('')
  // Nothing of anyone's whole phone number or openid is in the file.
  expect(JSON.stringify(rows)).not.toMatch(/13800001111|demo-/)
  await organiser.context.close()

  // ── 6. 我的积分: the activity's 8 points on top of what she had. ─────────────
  await e.go(r, 'packages/account/points/index', '#points-balance-value')
  expect(await r.textContent('#points-balance-value')).toBe(String(pointsBefore + 8))
  expect(await r.textContent('#points-entry-0')).toContain(`活动签到：${TITLE}`)
  expect(await r.textContent('#points-entry-0')).toContain('+8')
  await e.shot(r, 'activity-14-points')

  // 我的活动 shows each state: checked in today, a talk she missed, the clinic whose line never reached her.
  await e.go(r, 'pages/activities/index', '#activities-mine')
  await r.click('#activities-mine')
  await r.waitForSelector('#my-activities #my-activity-0')
  const mine = await r.locator('#my-activities .activity-card').allTextContents()
  expect(mine.find((t) => t.includes(TITLE))).toContain('已签到')
  expect(mine.find((t) => t.includes('垃圾分类'))).toContain('未签到')
  expect(mine.find((t) => t.includes('社区义诊'))).toContain('候补未轮到')
  await e.shot(r, 'activity-15-my-activities')
  await resident.context.close()
})
