/**
 * 爱心超市 and 微心愿 in Chromium, across personas:
 * a resident with points redeems an item from the 邻里 tab, shows the pickup code, and
 * the committee hands it over; a wish goes from posted → screened → claimed →
 * fulfilled (with a photo) → confirmed, and the volunteer sees the points in 我的积分.
 * Every page again in 长辈模式, none wider than the phone.
 * Screenshots: test-results/e2e/mall-*.png
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { confirmModal, startE2E, elderTour, type E2E } from '../helpers/browser'

const START = new Date('2026-11-23T10:00:00+08:00')
const WISH = '想要一个保温水壶'

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: START })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(300_000)

/** A photo of the delivered kettle (a PNG made here), as a file chooser gets it. */
function photo(): { name: string; mimeType: string; buffer: Buffer } {
  const png = new PNG({ width: 96, height: 96 })
  for (let y = 0; y < 96; y++) {
    for (let x = 0; x < 96; x++) {
      const i = (y * 96 + x) * 4
      const kettle = Math.hypot(x - 48, y - 56) < 28
      png.data[i] = kettle ? 200 : 240
      png.data[i + 1] = kettle ? 60 : 236
      png.data[i + 2] = kettle ? 50 : 225
      png.data[i + 3] = 255
    }
  }
  return { name: 'kettle.png', mimeType: 'image/png', buffer: PNG.sync.write(png) }
}

const number = async (page: Page, selector: string) => Number((await page.textContent(selector))?.trim())

it('a resident with points (the demo building lead) redeems an item and the committee hands it over', async () => {
  const { page: r, context: resident } = await e.open('demo-lead')
  await r.waitForSelector('#page-home')
  await e.go(r, 'pages/neighbours/index', '#enter-shop')
  await e.shot(r, 'mall-01-neighbours-tab')
  await r.click('#enter-shop')
  await r.waitForSelector('#shop-items')
  const before = await number(r, '#shop-balance-value')
  await e.shot(r, 'mall-02-shop')
  // Sold out and over-the-limit items say why, with no button.
  await r.locator('#shop-items .mall-row', { hasText: '洗衣液' }).locator('text=已兑完，等待补货').waitFor()

  const rice = r.locator('#shop-items .mall-row', { hasText: '东北大米' })
  await rice.locator('text=兑换').last().click()
  await confirmModal(r)
  await r.waitForFunction((b) => Number(document.querySelector('#shop-balance-value')?.textContent) === b - 120, before)
  await rice.locator('text=你有一件待领取').waitFor()
  await e.shot(r, 'mall-03-redeemed')

  await r.click('#shop-my-orders')
  await r.waitForSelector('#order-code-0')
  const code = (await r.textContent('#order-code-0'))!.trim()
  expect(code).toMatch(/^\d{4}$/)
  await e.shot(r, 'mall-04-my-orders')

  const { page: c, context: committee } = await e.open('demo-committee')
  await e.go(c, 'packages/mall/admin/index', '#shop-admin-orders')
  const order = c.locator('[id^="shop-admin-order-"]', { hasText: code })
  await order.waitFor()
  await e.shot(c, 'mall-05-hand-over-list')
  await order.locator('text=确认交付').click()
  await confirmModal(c)
  await c.waitForFunction((pc) => !document.querySelector('#shop-admin-orders')?.textContent?.includes(pc), code)
  await e.shot(c, 'mall-06-handed-over')
  // The shelf: rice restocked by five.
  await c.click('#shop-admin-tab-items')
  const shelfRice = c.locator('#shop-admin-shelf .mall-row', { hasText: '东北大米' })
  const stockOf = async () => Number(/库存 (\d+)/.exec((await shelfRice.textContent()) ?? '')?.[1])
  const stock = await stockOf()
  await shelfRice.locator('text=补货 5 件').click()
  await shelfRice.locator(`text=库存 ${stock + 5}`).waitFor()
  await e.shot(c, 'mall-06b-restocked')
  await committee.close()

  await r.reload()
  await r.waitForSelector('#order-0')
  await r.locator('#order-0', { hasText: '已领取' }).waitFor()
  await e.shot(r, 'mall-07-collected')
  await resident.close()
})

it('a wish goes from posted to confirmed, and the volunteer sees the points', async () => {
  // Posted by a resident in need.
  const { page: r, context: resident } = await e.open('demo-resident')
  await r.waitForSelector('#page-home')
  await e.go(r, 'packages/mall/wish-new/index', '#wish-submit')
  await r.fill('#wish-title input', WISH)
  await r.fill('#wish-content textarea', '家里的水壶坏了，冬天想喝口热水，腿脚不便出门买。')
  await r.click('#wish-category-daily')
  await e.shot(r, 'mall-10-wish-form')
  await r.click('#wish-submit')
  await r.waitForSelector('#page-wish #wish-detail')
  await r.locator('#wish-detail', { hasText: '待审核' }).waitFor()
  const wishUrl = r.url()
  await e.shot(r, 'mall-11-wish-posted')

  // Screened by the committee.
  const { page: c, context: committee } = await e.open('demo-committee')
  await e.go(c, 'packages/mall/my-wishes/index?view=review', '#wish-queue')
  await c.locator('#wish-queue', { hasText: WISH }).waitFor()
  await e.shot(c, 'mall-12-review-queue')
  await c.goto(wishUrl)
  await c.waitForSelector('#wish-approve')
  await c.click('#wish-approve')
  await c.locator('#wish-detail', { hasText: '心愿墙' }).waitFor()
  await committee.close()

  // Claimed and fulfilled by a volunteer, with a photo.
  const { page: v, context: volunteer } = await e.open('demo-volunteer')
  await v.waitForSelector('#tile-wishes')
  await v.click('#tile-wishes')
  await v.waitForSelector('#wishes-list')
  const card = v.locator('#wishes-list', { hasText: WISH }).locator(`text=${WISH}`)
  await card.waitFor()
  // On the wall the beneficiary's name is masked.
  expect(await v.textContent('#wishes-list')).toContain('林*华')
  expect(await v.textContent('#wishes-list')).not.toContain('林秀华')
  await e.shot(v, 'mall-13-wish-wall')
  await card.click()
  await v.waitForSelector('#wish-claim')
  await v.click('#wish-claim')
  await confirmModal(v)
  await v.waitForSelector('#wish-fulfil')
  await v.fill('#wish-fulfil-note textarea', '送去了一个保温水壶，教老人用了。')
  await v.click('#wish-hours-1-5')
  const [chooser] = await Promise.all([v.waitForEvent('filechooser'), v.click('#wish-fulfil-photo')])
  await chooser.setFiles(photo())
  await v.waitForSelector('#wish-fulfil-photo .photo-thumb')
  await e.shot(v, 'mall-14-fulfil-form')
  await v.click('#wish-fulfil-submit')
  await v.locator('#wish-detail', { hasText: '已实现待确认' }).waitFor()
  await e.shot(v, 'mall-15-fulfilled')

  // WeChat's image check passes the photo.
  await fetch(`${e.gateway.url}/dev/media-checks/flush`, { method: 'POST' })

  // Confirmed by the beneficiary, who sees the photo.
  await r.goto(wishUrl)
  await r.waitForSelector('#wish-fulfilment img')
  await r.click('#wish-confirm')
  await confirmModal(r)
  await r.locator('#wish-detail', { hasText: '已完成' }).waitFor()
  await e.shot(r, 'mall-16-confirmed')
  await resident.close()

  // The volunteer's 我的积分 shows the credit.
  await e.go(v, 'packages/account/points/index', '#points-entries')
  expect(await v.textContent('#points-entry-0')).toContain(WISH)
  expect(await v.textContent('#points-entry-0')).toContain('+15')
  await e.shot(v, 'mall-17-volunteer-points')
  await e.go(v, 'packages/mall/my-wishes/index', '#my-wishes-served')
  expect(await v.textContent('#my-wishes-served')).toContain('已帮邻居实现 1 个心愿，服务 1.5 小时')
  await e.shot(v, 'mall-18-my-wishes')
  await volunteer.close()
})

it('长辈模式: every shop and wish page fits the phone with large text', async () => {
  const { SEED_WISHES } = await import('../../local/seed/mall')
  const { page, context } = await e.open('demo-committee')
  await e.elderMode(page)
  const id = (v: string) => `?id=${encodeURIComponent(v)}`
  const pages: Array<[string, string, string]> = [
    ['neighbours', 'pages/neighbours/index', '#enter-shop'],
    ['shop', 'packages/mall/index', '#shop-items'],
    ['orders', 'packages/mall/orders/index', '#orders-list'],
    ['admin', 'packages/mall/admin/index', '#shop-admin-orders'],
    ['wishes', 'packages/mall/wishes/index', '#wishes-list'],
    ['wish', `packages/mall/wish/index${id(SEED_WISHES.pending)}`, '#wish-approve'],
    ['wish-done', `packages/mall/wish/index${id(SEED_WISHES.done)}`, '#wish-fulfilment'],
    ['wish-new', 'packages/mall/wish-new/index', '#wish-submit'],
    ['my-wishes', 'packages/mall/my-wishes/index', '#page-my-wishes'],
  ]
  expect(await elderTour(e, page, pages, (name) => `mall-elder-${name}`)).toEqual([])
  await context.close()
})
