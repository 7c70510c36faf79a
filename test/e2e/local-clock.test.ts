/**
 * The local world's clock, seen in the H5 app: moved forward two days with
 * POST /dev/clock, every page carries a thin banner saying so; 「恢复」 brings real
 * time back and the banner goes. The seed's photo still shows, through the signed
 * URL the gateway hands out. Screenshots: test-results/e2e/clock-*.png
 */
import { SEED_ISSUES } from '../../local/seed/council'
import { startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(60_000)

const DAY = 24 * 3600 * 1000
const clock = async () => (await (await fetch(`${e.gateway.url}/dev/clock`)).json()) as { now: string; offsetMs: number }

it('shows a banner while the clock is moved, and 「恢复」 takes it back to real time', async () => {
  const { page, context } = await e.open('demo-resident')
  await page.waitForSelector('#community-name')
  expect(await page.locator('#clock-banner').count()).toBe(0)

  const moved = await fetch(`${e.gateway.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 2 * DAY }) })
  expect(moved.status).toBe(200)
  await page.reload()
  await page.waitForSelector('#clock-banner')
  const text = await page.textContent('#clock-banner')
  expect(text).toContain('本地时钟')
  expect(text).toContain('已快进 2 天')
  const day = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + 2 * DAY)
  const part = (type: string) => day.find((p) => p.type === type)!.value
  expect(text).toContain(`${part('month')}月${part('day')}日`)
  await e.shot(page, 'clock-1-banner-home')

  // Every page carries it, the detail pages of the council too.
  await e.go(page, `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.westGate)}`, '#issue-photo-list img')
  await page.waitForSelector('#clock-banner')
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#issue-photo-list img')
    return !!img && img.complete && img.naturalWidth > 0
  })
  await e.shot(page, 'clock-2-banner-issue-photo')

  await page.click('#clock-banner-reset')
  await page.waitForSelector('#clock-banner', { state: 'detached' })
  expect(await clock()).toMatchObject({ offsetMs: 0 })
  await e.shot(page, 'clock-3-reset')
  await context.close()
})
