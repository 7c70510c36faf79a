/**
 * Issue 15: a resident shares their matter (in H5, 「分享」 shows the poster and the
 * link: there is no WeChat share); someone new opens the shared link, is offered
 * 加入社区, joins, and lands on the matter. 首页 leads with what waits for the resident.
 * Screenshots: test-results/e2e/share-*.png
 */
import { SEED_ISSUES } from '../../local/seed/council'
import { startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(120_000)

it('a shared matter brings a new neighbour through 加入社区 back to the matter', async () => {
  const resident = (await e.open('demo-resident')).page
  // 首页 leads with what waits: the open vote and their own matter with its figure.
  await resident.waitForSelector('#today-list')
  expect(await resident.textContent('#today-vote')).toContain('待你投票（1）')
  expect(await resident.textContent('#today-list')).toContain('附议 3/10')
  await e.shot(resident, 'share-0-home-resident')

  await e.go(resident, `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.westGate)}`, '#issue-share')
  await resident.click('#share-open')
  await resident.waitForSelector('#share-link')
  expect(await resident.textContent('#share-title')).toBe('帮我附议：小区西门晚上太暗（附议 3/10）')
  expect(await resident.locator('#share-qr').count()).toBe(1)
  const link = (await resident.textContent('#share-link'))!.trim()
  expect(link).toContain(`id=${encodeURIComponent(SEED_ISSUES.westGate)}`)
  expect(link).toContain('c=c_lujiang')
  await e.shot(resident, 'share-1-poster')

  // Someone who never used the app opens the link from the group chat.
  const newcomer = (await e.open('share-newcomer')).page
  await newcomer.goto(link)
  await newcomer.waitForSelector('#error-join')
  expect(await newcomer.locator('text=重试').count()).toBe(0)
  await e.shot(newcomer, 'share-2-not-yet-member')
  await newcomer.click('#error-join-button')
  await newcomer.fill('#join-code input', 'LJ2026')
  await newcomer.click('#join-lookup')
  await newcomer.waitForSelector('#building-2')
  await newcomer.click('#building-2')
  await newcomer.click('#unit-0')
  await newcomer.click('#room-101')
  await newcomer.fill('#join-nickname input', '群里来的小林')
  await newcomer.click('#join-consent')
  await newcomer.click('#join-submit')
  await newcomer.waitForSelector('#issue-detail')
  expect(await newcomer.textContent('#issue-detail-title')).toBe('小区西门晚上太暗')
  expect(newcomer.url()).toContain(encodeURIComponent(SEED_ISSUES.westGate))
  await e.shot(newcomer, 'share-3-back-on-the-matter')
})
