/**
 * Issue 15: a resident shares their matter (in H5, 「分享」 shows the poster with the
 * page's mini-program code and the link: there is no WeChat share); someone new opens
 * the shared link, is offered to join THAT community (the link's c=), joins, and lands
 * on the matter; a member of another community is offered the same; a member of the
 * link's community who was looking at another lands on the matter directly. 首页 leads
 * with what waits for the resident; a scanned poster code opens its page through 首页.
 * Screenshots: test-results/e2e/share-*.png
 */
import { SEED_ISSUES } from '../../local/seed/council'
import { SEED_MOTIONS, SEED_NOTICES } from '../../local/seed/decisions'
import { decodeQr, gatewayApi, startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

const api = <T = Record<string, unknown>>(openid: string, action: string, payload: unknown) => gatewayApi<T>(e.gateway, openid, action, payload)

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
  // The poster carries the page's mini-program code (share.code), drawn by the local WeChat port.
  await resident.waitForSelector('#share-code img')
  const link = (await resident.textContent('#share-link'))!.trim()
  expect(link).toContain(`id=${encodeURIComponent(SEED_ISSUES.westGate)}`)
  expect(link).toContain('c=c_lujiang')
  await e.shot(resident, 'share-1-poster')

  // Someone who never used the app opens the link from the group chat.
  const newcomer = (await e.open('share-newcomer')).page
  await newcomer.goto(link)
  await newcomer.waitForSelector('#error-join')
  expect(await newcomer.locator('text=重试').count()).toBe(0)
  await newcomer.waitForSelector('#error-join >> text=「鹭江社区」')
  await e.shot(newcomer, 'share-2-not-yet-member')
  await newcomer.click('#error-join-button')
  // The join page proposes the community of the link, and asks for its invite code.
  await newcomer.waitForSelector('#join-shared')
  expect(await newcomer.textContent('#join-shared')).toContain('「鹭江社区」')
  await e.shot(newcomer, 'share-2b-join-proposes-the-community')
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

it('the link’s community decides: a member of another community is offered to join it, a member of it lands there', async () => {
  const issuePath = `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.westGate)}&c=c_lujiang`
  // 海韵社区's resident: not 鹭江's member, so not the matter but the way into 鹭江社区 (never 「重试」).
  const other = (await e.open('demo-other')).page
  await e.go(other, issuePath, '#error-join')
  await other.waitForSelector('#error-join >> text=「鹭江社区」')
  expect(await other.locator('text=重试').count()).toBe(0)
  await e.shot(other, 'share-4-member-of-another-community')
  await other.click('#error-join-button')
  await other.waitForSelector('#join-shared')
  await other.fill('#join-code input', 'HY2026')
  await other.click('#join-lookup')
  await other.waitForSelector('#join-not-shared')
  expect(await other.textContent('#join-not-shared')).toContain('不是邻居分享的「鹭江社区」')

  // The 街道 belongs to both communities and last looked at 海韵: the link opens 鹭江's matter directly.
  await api('demo-street', 'me.switchCommunity', { communityId: 'c_haiyun' })
  const street = (await e.open('demo-street')).page
  await e.go(street, issuePath, '#issue-detail')
  expect(await street.textContent('#issue-detail-title')).toBe('小区西门晚上太暗')
  await e.shot(street, 'share-5-member-lands-directly')
})

it('a poster’s mini-program code opens its page through 首页, for a member and for someone who must join first', async () => {
  const resident = (await e.open('demo-resident')).page
  await e.go(resident, `packages/council/motion/index?id=${encodeURIComponent(SEED_MOTIONS.chargers)}`, '#motion-share')
  await resident.click('#motion-share #share-open')
  await resident.waitForSelector('#share-code img')
  expect(await resident.textContent('#share-title')).toMatch(/^表决：.*｜已投 \d+\/\d+ 户$/)
  await e.shot(resident, 'share-6-motion-poster')
  // What WeChat's scanner reads from the poster: 首页 with the code's scene (the local port's plain QR of the pair).
  const scanned = await decodeQr(resident, '#share-code')
  const [, scene] = /^wxacode:pages\/home\/index\?scene=(.+)$/.exec(scanned ?? '') ?? []
  expect(decodeURIComponent(scene)).toMatch(/^s=[0-9a-z]{12}$/)
  // WeChat starts the mini-program afresh on the code's page (a hot start re-launches it there): so does the browser here.
  const member = (await e.open('demo-newcomer')).page
  await member.goto('about:blank')
  await e.go(member, `pages/home/index?scene=${scene}`, '#page-motion #motion-title')

  const notice = await api<{ scene: string }>('demo-resident', 'share.code', { page: 'notice', id: SEED_NOTICES.elevator })
  const stranger = (await e.open('share-stranger')).page
  await stranger.goto('about:blank')
  await e.go(stranger, `pages/home/index?scene=${encodeURIComponent(notice.scene)}`, '#error-join')
  await stranger.waitForSelector('#error-join >> text=「鹭江社区」')
  expect(stranger.url()).toContain('packages/council/notice/index')
})
