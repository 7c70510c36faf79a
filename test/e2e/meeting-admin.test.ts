/**
 * The committee runs a 议事会 in Chromium: moves it to another room (a resident
 * sees the new place), checks in a resident in 长辈模式 by scanning her personal
 * code (read off her screen: the QR image decodes to the same token), marks a
 * registered neighbour present by hand, and cancels the meeting with a reason,
 * which the resident then sees on the page and in 消息. Screenshots: test-results/e2e/meeting-admin-*.png
 */
import type { Page } from 'playwright-core'
import { SEED_MEETINGS } from '../../local/seed/council'
import { decodeQr, route, startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(120_000)

const MEETING = SEED_MEETINGS.upcoming
const NEW_PLACE = '社区党群服务中心一楼大厅'
const REASON = '大厅临时检修，改期另行通知'

async function openMeeting(page: Page) {
  await page.goto(route(e.gateway, `packages/council/meeting/index?id=${encodeURIComponent(MEETING)}`))
  await page.reload()
  await page.waitForSelector('#meeting-title')
  await page.waitForTimeout(400)
}

it('the committee changes the place, scans a resident’s personal code, marks a neighbour by hand and cancels with a reason', async () => {
  // 1. The committee opens the upcoming meeting and changes its place.
  const committee = await e.open('demo-committee')
  const c = committee.page
  await openMeeting(c)
  await c.waitForSelector('#meeting-edit')
  await e.shot(c, 'meeting-admin-1-committee-meeting')
  await c.click('#meeting-edit')
  await c.waitForSelector('#meeting-edit-submit')
  await c.waitForTimeout(400)
  expect(await c.inputValue('#meeting-new-place input')).toBe('社区党群服务中心二楼会议室')
  await c.fill('#meeting-new-place input', NEW_PLACE)
  await e.shot(c, 'meeting-admin-2-edit-form')
  await c.click('#meeting-edit-submit')
  await c.waitForSelector(`#meeting-detail >> text=${NEW_PLACE}`)
  await e.shot(c, 'meeting-admin-3-place-changed')

  // 2. A resident in 长辈模式 sees the new place, registers and shows 我的签到码.
  const resident = await e.open('demo-resident')
  const r = resident.page
  await r.goto(route(e.gateway, 'pages/me/index'))
  await r.waitForSelector('#elder-switch')
  await r.click('#elder-switch')
  await r.waitForSelector('#page-me.is-elder')
  await openMeeting(r)
  expect(await r.textContent('#meeting-detail')).toContain(`地点：${NEW_PLACE}`)
  await r.click('#meeting-register')
  await r.waitForSelector('#meeting-registered')
  await r.click('#personal-code-show')
  await r.waitForSelector('#personal-token')
  const token = (await r.textContent('#personal-token'))!.trim()
  expect(token.length).toBeGreaterThan(20)
  expect(await decodeQr(r, '#personal-qr')).toBe(token)
  await r.locator('#checkin-personal').scrollIntoViewIfNeeded()
  await e.shot(r, 'meeting-admin-4-resident-personal-code')

  // 3. The committee scans it (H5: the paste stand-in) while it is current; she is on the attendance list.
  await openMeeting(c)
  await c.waitForSelector('#attendee-scan-paste')
  const current = (await r.textContent('#personal-token'))!.trim()
  await c.fill('#attendee-scan-paste input', current)
  await c.click('#attendee-scan-paste-submit')
  const attendees = c.locator('#checkin-attendees')
  await attendees.locator('text=林*华').waitFor()
  expect(await attendees.textContent()).toContain('扫个人码')
  await attendees.scrollIntoViewIfNeeded()
  await e.shot(c, 'meeting-admin-5-scanned-attendee')

  // 4. A registered neighbour came without a phone: marked by hand after a confirmation.
  const row = c.locator('#registrants .person-row', { has: c.locator('.registrant-mark') }).first()
  const name = (await row.locator('.person-row__name').textContent())!.trim()
  expect(name).toContain('*')
  await row.locator('.registrant-mark').click()
  await c.click('.taro-model__confirm')
  await attendees.locator('.attendee-row', { hasText: '手工登记' }).waitFor()
  expect(await attendees.locator('.attendee-row').count()).toBe(2)
  expect(await attendees.textContent()).toContain(name)
  expect(await c.locator('#registrants .person-row', { hasText: name }).textContent()).toContain('已签到')
  await c.locator('#checkin-mark').scrollIntoViewIfNeeded()
  await e.shot(c, 'meeting-admin-6-marked-by-hand')

  // 5. The resident's page says 已签到.
  await openMeeting(r)
  await r.waitForSelector('#checkin-done')
  expect(await r.locator('#checkin-personal').count()).toBe(0)
  await e.shot(r, 'meeting-admin-7-resident-checked-in')

  // 6. The committee cancels the meeting, giving a reason.
  await openMeeting(c)
  await c.click('#meeting-cancel')
  await c.waitForSelector('#prompt-modal')
  await c.click('#prompt-confirm')
  await c.waitForSelector('.prompt__problem')
  expect(await c.textContent('.prompt__problem')).toContain('原因')
  await c.fill('#prompt-input textarea', REASON)
  expect(await c.locator('.prompt__problem').count()).toBe(0)
  await e.shot(c, 'meeting-admin-8-cancel-reason')
  await c.click('#prompt-confirm')
  await c.waitForSelector('#meeting-cancelled')
  expect(await c.textContent('#meeting-cancelled')).toContain(REASON)
  expect(await c.locator('#meeting-edit').count()).toBe(0)
  await e.shot(c, 'meeting-admin-9-cancelled-committee')
  await committee.context.close()

  // 7. The resident sees 已取消 and why, and was told in 消息.
  await openMeeting(r)
  await r.waitForSelector('#meeting-cancelled')
  expect(await r.textContent('#meeting-detail')).toContain('已取消')
  expect(await r.textContent('#meeting-cancelled')).toContain(REASON)
  expect(await r.textContent('#meeting-seats')).not.toContain('剩余')
  expect(await r.locator('#meeting-register').count()).toBe(0)
  await e.shot(r, 'meeting-admin-10-cancelled-resident')
  await r.goto(route(e.gateway, 'packages/account/messages/index'))
  await r.waitForSelector('#message-0')
  const news = await r.locator('#message-list').textContent()
  expect(news).toContain('议事会已取消')
  await e.shot(r, 'meeting-admin-11-resident-messages')
  await resident.context.close()
})
