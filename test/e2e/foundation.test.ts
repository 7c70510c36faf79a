/**
 * A newcomer's first look: the dev login lists the personas; a resident sees the
 * demo community's notices read through the api; 长辈模式 enlarges the text; a user
 * without a community is told so. Screenshots: test-results/e2e/foundation-*.png
 */
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../local/seed/data'
import { gatewayApi, route, startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(60_000)

it('logs in as a persona and sees the community’s latest notices on 首页', async () => {
  const { page, context } = await e.open(null)
  await page.waitForSelector('#persona-demo-resident')
  expect(await page.locator('button.persona').count()).toBeGreaterThanOrEqual(8)
  await e.shot(page, 'foundation-1-login')

  await page.click('#persona-demo-resident')
  await page.waitForSelector('#community-name')
  expect(await page.textContent('#community-name')).toContain('鹭江社区')
  await page.waitForSelector('.notice-card')
  const titles = await page.locator('.notice-card__title').allTextContents()
  expect(titles).toHaveLength(5)
  expect(titles[0]).toContain('3 号楼电梯加装')
  await e.shot(page, 'foundation-2-home-resident')

  // The next launch: the phone kept me.get's answer, and home.today says it still holds, so one call opens 首页.
  const asked: string[] = []
  page.on('request', (req) => {
    if (req.url().endsWith('/api') && req.method() === 'POST') asked.push((JSON.parse(req.postData() ?? '{}') as { action: string }).action)
  })
  await page.reload()
  await page.waitForSelector('.notice-card')
  await page.waitForSelector('#today-list')
  expect(await page.textContent('#community-name')).toContain('鹭江社区')
  await page.waitForTimeout(500)
  expect(asked).toEqual(['home.today'])
  await context.close()
})

it('长辈模式 on 我的 enlarges the text and is remembered', async () => {
  const { page, context } = await e.open('demo-resident')
  await page.goto(route(e.gateway, 'pages/me/index'))
  await page.waitForSelector('#me-nickname')
  expect(await page.textContent('#me-nickname')).toContain('林秀华')
  const normal = await page.locator('#me-nickname').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  await e.shot(page, 'foundation-3-me')

  await page.click('#elder-switch')
  await page.waitForSelector('#page-me.is-elder')
  const elder = await page.locator('#me-nickname').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(elder).toBeGreaterThanOrEqual(normal * 1.25)
  await e.shot(page, 'foundation-4-me-elder')

  await page.goto(route(e.gateway, 'pages/home/index'))
  await page.reload()
  await page.waitForSelector('#page-home.is-elder .notice-card')
  await e.shot(page, 'foundation-5-home-elder')
  await context.close()
})

it('tells a user without a community that they have not joined one', async () => {
  const { page, context } = await e.open('demo-visitor')
  await page.waitForSelector('#community-none')
  await e.shot(page, 'foundation-6-home-visitor')
  await context.close()
})

it('a membership changed since the last launch: home.today tells 首页, which asks me.get again', async () => {
  const { page, context } = await e.open('demo-newcomer')
  await page.waitForSelector('#today-unverified')
  await gatewayApi(e.gateway, 'demo-committee', 'member.verify', { memberId: membershipId(DEMO_COMMUNITY._id, 'demo-newcomer'), approve: true })
  const asked: string[] = []
  page.on('request', (req) => {
    if (req.url().endsWith('/api') && req.method() === 'POST') asked.push((JSON.parse(req.postData() ?? '{}') as { action: string }).action)
  })
  await page.reload()
  await page.waitForSelector('#today-list, #today-empty')
  await page.waitForSelector('#today-unverified', { state: 'detached' })
  await page.waitForFunction(() => !document.querySelector('#page-home')?.textContent?.includes('待认证'))
  expect(asked.slice(0, 2)).toEqual(['home.today', 'me.get'])
  await context.close()
})
