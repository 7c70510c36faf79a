/**
 * 志愿服务 in Chromium (issue 11): a neighbour who has served 99 h, one short of
 * the first star, finds Saturday's 长者助餐送餐 from the 邻里 tab and signs up; on the morning the team lead 吴丽娟 (demo-lead) shows
 * the check-in code, he checks in with the code decoded from her screen, the local
 * clock moves on 90 minutes (POST /dev/clock), he checks out with her check-out
 * code; 我的志愿 shows 100.5 h and his first star; he downloads the 志愿服务记录证明
 * (a PDF whose text holds his name, the record and the code) and the code verifies.
 * Then the lead's roster, the committee's desk and every page in 长辈模式.
 * Screenshots: test-results/e2e/volunteers-*.png
 */
import type { Page } from 'playwright-core'
import { neighbours } from '../../local/seed/data'
import { SEED_VOLUNTEER } from '../../local/seed/volunteer'
import { SEED_PROJECTS, SEED_VETERANS } from '../../local/seed/volunteers'
import { decodeQr, route, startE2E, elderTour, type E2E } from '../helpers/browser'
import { pdfText } from '../helpers/pdf'

// A Monday morning; the shift is Saturday 10:30–12:30, and he arrives five minutes early.
const START = new Date('2026-11-23T10:00:00+08:00')
const SATURDAY = new Date('2026-11-28T10:25:00+08:00')
const MINUTE = 60_000
const VOLUNTEER = neighbours()[SEED_VETERANS.almostOneStar - 1]

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: START })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(300_000)

async function open(page: Page, path: string, ready: string) {
  await page.goto(route(e.gateway, path))
  await page.reload()
  await page.waitForSelector(ready)
  await page.waitForTimeout(400)
}

async function moveClock(advanceMs: number) {
  const res = await fetch(`${e.gateway.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) })
  expect(res.ok).toBe(true)
}

let shiftPath = ''

it('a volunteer signs up, checks in and out with the lead’s codes, sees his hours and first star, and downloads a certificate that verifies', async () => {
  // ── 1. Monday: 邻里 → 志愿服务 → Saturday's 长者助餐送餐. ───────────────
  const volunteer = await e.open(VOLUNTEER.openid)
  const v = volunteer.page
  await open(v, 'pages/neighbours/index', '#page-neighbours #enter-volunteers')
  await e.shot(v, 'volunteers-01-neighbours-tab')
  await v.click('#enter-volunteers')
  await v.waitForSelector('#area-volunteers #status-credited')
  expect(await v.textContent('#status-credited')).toBe('99')
  expect(await v.textContent('#star-level')).toBe('还未评星')
  await e.shot(v, 'volunteers-02-area-before')

  await v.click('#view-projects')
  await v.waitForSelector('#project-list >> text=长者助餐送餐')
  await v.click('#project-list >> text=长者助餐送餐')
  await v.waitForSelector('#page-project #project-shift-0')
  await e.shot(v, 'volunteers-03-project')
  await v.click('#project-shift-0')
  await v.waitForSelector('#page-shift #shift-signup')
  expect(await v.textContent('#shift-title')).toBe('长者助餐送餐')
  expect(await v.textContent('#shift-detail')).toContain('11月28日 10:30–12:30')
  shiftPath = new URL(v.url()).hash.slice(2)
  await v.click('#shift-signup')
  await v.waitForSelector('#shift-cancel-signup')
  expect(await v.textContent('#shift-seats')).toContain('已报名 3/6，剩余 3')
  await e.shot(v, 'volunteers-04-signed-up')
  await volunteer.context.close()

  // ── 2. Saturday, 10:25: the lead shows the check-in code, he scans it. ──
  e.setNow(SATURDAY)
  const leader = await e.open('demo-lead')
  const l = leader.page
  await open(l, shiftPath, '#checkin-show')
  await l.click('#checkin-show')
  await l.waitForSelector('#checkin-qr img')
  await e.shot(l, 'volunteers-05-lead-checkin-code')
  const inCode = (await decodeQr(l, '#checkin-qr'))!
  expect(inCode).toBe((await l.textContent('#checkin-token'))?.trim())

  const back = await e.open(VOLUNTEER.openid)
  const b = back.page
  await open(b, shiftPath, '#checkin-paste input')
  await b.fill('#checkin-paste input', inCode)
  await b.click('#checkin-paste-submit')
  await b.waitForSelector('#shift-checked-in')
  await b.waitForSelector('#checkin-out-paste input')
  await e.shot(b, 'volunteers-06-checked-in')

  // ── 3. 90 minutes later (the local clock moved), the check-out code. ───
  await moveClock(90 * MINUTE)
  await open(l, shiftPath, '#checkin-show-out')
  await l.waitForSelector('#roster-0')
  await e.shot(l, 'volunteers-07-lead-roster-open')
  await l.click('#checkin-show-out')
  await l.waitForSelector('#checkin-out-qr img')
  await l.locator('#checkin-out-qr').scrollIntoViewIfNeeded()
  await e.shot(l, 'volunteers-08-lead-checkout-code')
  const outCode = (await decodeQr(l, '#checkin-out-qr'))!
  expect(outCode).not.toBe(inCode)

  await open(b, shiftPath, '#checkin-out-paste input')
  await b.fill('#checkin-out-paste input', outCode)
  await b.click('#checkin-out-paste-submit')
  await b.waitForSelector('#shift-checked-out')
  expect(await b.textContent('#shift-credited')).toBe('计入服务时长 1.5 小时')
  await e.shot(b, 'volunteers-09-checked-out')

  // ── 4. 我的志愿: 10.5 h, the first star, the record. ────────────────────
  await open(b, 'packages/volunteers/mine/index', '#mine-credited')
  expect(await b.textContent('#mine-credited')).toBe('100.5')
  expect(await b.textContent('#star-level')).toBe('1 星志愿者')
  expect(await b.textContent('#star-next')).toContain('升为 2 星（300 小时）')
  expect(await b.textContent('#record-0')).toContain('长者助餐送餐')
  expect(await b.textContent('#record-hours-0')).toBe('1.5 小时')
  await e.shot(b, 'volunteers-10-mine-after')

  // ── 5. The certificate: a PDF with his record, and a code that verifies. ─
  await b.click('#certificate-issue')
  await b.waitForSelector('#certificate-code')
  await b.locator('#mine-certificate').scrollIntoViewIfNeeded()
  await e.shot(b, 'volunteers-11-certificate')
  const code = (await b.textContent('#certificate-code'))!.trim()
  const number = (await b.textContent('#certificate-number'))!.trim()
  const url = (await b.locator('#certificate-url').textContent())!.trim()
  // 打开证明 opens the file itself (in WeChat: its document viewer).
  const [viewer] = await Promise.all([b.context().waitForEvent('page'), b.click('#certificate-open')])
  expect(viewer.url()).toBe(url)
  await viewer.close()
  const pdf = await fetch(url)
  expect(pdf.ok).toBe(true)
  const bytes = Buffer.from(await pdf.arrayBuffer())
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  const { text } = await pdfText(bytes)
  const flat = text.replace(/\s+/g, '')
  for (const expected of ['志愿服务记录证明', VOLUNTEER.name, number, code, '长者助餐送餐', '夜间平安巡逻', '100.5']) expect(flat).toContain(expected.replace(/\s+/g, ''))

  await b.click('#certificate-verify')
  await b.waitForSelector('#verify-code input')
  await b.fill('#verify-code input', code)
  await b.click('#verify-submit')
  await b.waitForSelector('#verify-valid')
  expect(await b.textContent('#verify-hours')).toContain('100.5 小时')
  await e.shot(b, 'volunteers-12-verified')
  await b.fill('#verify-code input', 'ABCD-EFGH-JKMN')
  await b.click('#verify-submit')
  await b.waitForSelector('#verify-invalid')
  await back.context.close()

  // ── 6. The lead's roster: his stay counted. ───────────────────────────
  await open(l, shiftPath, '#roster-0')
  expect(await l.textContent('#shift-roster')).toContain('计入 1.5 小时')
  await l.locator('#shift-roster').scrollIntoViewIfNeeded()
  await e.shot(l, 'volunteers-13-lead-roster-done')
  await leader.context.close()
})

it('the lead settles an open check-in with a reason; the committee approves an application and confirms honour hours', async () => {
  const leader = await e.open('demo-lead')
  const l = leader.page
  await open(l, 'packages/volunteers/index', '#enter-corrections')
  await e.shot(l, 'volunteers-14-lead-area')
  // The 关爱独居老人 morning of 11月20日 has a check-in left open.
  await open(l, `packages/volunteers/shift/index?id=${encodeURIComponent(SEED_VOLUNTEER.past)}`, '#roster-open-note')
  const open0 = l.locator('[id^="roster-settle-"]').first()
  await open0.scrollIntoViewIfNeeded()
  await open0.click()
  await l.waitForSelector('#settle-modal')
  await l.fill('#settle-reason input', '队长目睹 11:00 探访结束后离开，忘记签退')
  await e.shot(l, 'volunteers-15-settle')
  await l.click('#settle-confirm')
  await l.waitForSelector('#settle-modal', { state: 'detached' })
  await l.waitForFunction(() => !document.querySelector('#roster-open-note'))
  await leader.context.close()

  const committee = await e.open('demo-committee')
  const c = committee.page
  await open(c, 'packages/volunteers/review/index?tab=applications', '#application-0')
  await e.shot(c, 'volunteers-16-applications')
  await c.click('#application-approve-0')
  await c.click('.taro-model__confirm')
  await c.waitForSelector('#review-empty')
  await c.click('#tab-honours')
  await c.waitForSelector('#honour-approve-0')
  await e.shot(c, 'volunteers-17-honours')
  await c.click('#honour-approve-0')
  await c.click('.taro-model__confirm')
  await c.waitForSelector('#honours-empty')
  await committee.context.close()
})

it('长辈模式: the 志愿服务 pages fit the phone with large text, for a volunteer, a team lead and the committee', async () => {
  const tour: Array<[string, Array<[string, string, string]>]> = [
    [
      VOLUNTEER.openid,
      [
        ['neighbours-tab', 'pages/neighbours/index', '#neighbours-volunteer-mine'],
        ['area', 'packages/volunteers/index', '#shift-list'],
        ['project', `packages/volunteers/project/index?id=${encodeURIComponent(SEED_PROJECTS.meals)}`, '#project-detail'],
        ['shift-volunteer', shiftPath, '#shift-mine'],
        ['mine', 'packages/volunteers/mine/index', '#mine-records'],
        ['apply', 'packages/volunteers/apply/index', '#apply-state'],
        ['verify', 'packages/volunteers/verify/index', '#verify-submit'],
      ],
    ],
    [
      'demo-lead',
      [
        ['shift-lead', shiftPath, '#shift-roster'],
        ['apply-form', 'packages/volunteers/apply/index', '#apply-submit'],
      ],
    ],
    ['demo-committee', [['review', 'packages/volunteers/review/index', '#review-tabs']]],
  ]
  const overflowing: string[] = []
  for (const [openid, pages] of tour) {
    const { page, context } = await e.open(openid)
    await e.elderMode(page)
    overflowing.push(...(await elderTour(e, page, pages, (name) => `volunteers-elder-${name}`, { open })))
    await context.close()
  }
  expect(overflowing).toEqual([])
})
