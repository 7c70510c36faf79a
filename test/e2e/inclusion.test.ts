/**
 * Issue 14's inclusion parts in Chromium: after the meeting the committee records a
 * paper ballot on the motion page (household, option, photo of the paper) and sees it
 * counted; a building lead signs an elderly resident of their building up for an
 * activity with her consent, and she finds it in 消息, in normal and 长辈模式.
 * Screenshots: test-results/e2e/inclusion-*.png
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { SEED_ACTIVITIES } from '../../local/seed/activities'
import { SEED_MOTIONS } from '../../local/seed/decisions'
import { confirmModal, startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: new Date('2026-11-23T10:00:00+08:00') })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(240_000)

/** A photo of a ballot paper: white with a dark tick box. */
function paperPhoto() {
  const png = new PNG({ width: 64, height: 48 })
  for (let i = 0; i < png.data.length; i += 4) {
    const x = (i / 4) % 64
    const y = Math.floor(i / 4 / 64)
    const ink = x > 10 && x < 20 && y > 10 && y < 20
    png.data[i] = png.data[i + 1] = png.data[i + 2] = ink ? 30 : 245
    png.data[i + 3] = 255
  }
  return { name: 'ballot.png', mimeType: 'image/png', buffer: PNG.sync.write(png) }
}

async function confirmIfAsked(page: Page) {
  if (await page.locator('.taro-model__confirm').isVisible().catch(() => false)) await confirmModal(page)
}

it('the committee records a paper ballot after the meeting, and it counts', async () => {
  const { page, context } = await e.open('demo-committee')
  await e.go(page, `packages/council/motion/index?id=${encodeURIComponent(SEED_MOTIONS.chargers)}`, '#paper-form')
  const before = (await page.textContent('#motion-turnout'))!
  await page.click('#paper-form #building-0')
  await page.click('#paper-form #unit-0')
  await page.click('#paper-form #room-101')
  await page.click('#paper-option-1')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#paper-photo .photo-add')])
  await chooser.setFiles(paperPhoto())
  await page.waitForSelector('#paper-photo .photo-thumb')
  await page.click('#paper-submit')
  await confirmModal(page)
  await page.waitForSelector('#paper-list >> text=1号楼1单元101')
  const after = (await page.textContent('#motion-turnout'))!
  expect(Number(/已参与 (\d+)/.exec(after)![1])).toBe(Number(/已参与 (\d+)/.exec(before)![1]) + 1)
  await page.locator('#paper-list').scrollIntoViewIfNeeded()
  await e.shot(page, 'inclusion-1-paper-ballot-recorded')
  // The same household again: refused, whoever records it.
  await page.click('#paper-form #building-0')
  await page.click('#paper-form #unit-0')
  await page.click('#paper-form #room-101')
  await page.click('#paper-option-0')
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.click('#paper-photo .photo-add')])
  await again.setFiles(paperPhoto())
  await page.waitForSelector('#paper-photo .photo-thumb')
  await page.click('#paper-submit')
  await confirmModal(page)
  await page.waitForSelector('text=已经投过票了')
  await context.close()
})

it('a building lead signs up an elderly resident, who sees it in 消息 (normal and 长辈模式)', async () => {
  const lead = await e.open('demo-lead')
  const l = lead.page
  await e.go(l, `packages/activities/proxy/index?id=${encodeURIComponent(SEED_ACTIVITIES.craft)}`, '#proxy-submit')
  await l.fill('#proxy-search input', '1单元101')
  await l.click('#proxy-person-0')
  await l.fill('#signup-field-f1 input', '13800001234')
  await l.click('#proxy-consent-phone')
  await l.fill('#proxy-note input', '林阿姨电话里同意，女儿陪同')
  await l.click('#proxy-submit')
  await confirmIfAsked(l)
  await l.waitForSelector('text=报名成功')
  await lead.context.close()

  const resident = await e.open('demo-resident')
  const r = resident.page
  await e.go(r, 'packages/account/messages/index', '#message-0')
  expect(await r.textContent('#message-0')).toContain('楼栋长为你报名了活动')
  expect(await r.textContent('#message-0')).toContain('电话同意')
  await e.shot(r, 'inclusion-2-resident-message')
  await e.go(r, 'pages/me/index', '#elder-switch')
  await r.click('#elder-switch')
  await r.waitForSelector('#page-me.is-elder')
  await e.go(r, 'packages/account/messages/index', '#message-0')
  expect(await r.locator('.is-elder').count()).toBeGreaterThan(0)
  expect(await r.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
  await e.shot(r, 'inclusion-3-resident-message-elder')
  await e.go(r, `packages/activities/index?id=${encodeURIComponent(SEED_ACTIVITIES.craft)}`, '#activity-my-proxy')
  expect(await r.textContent('#activity-my-proxy')).toContain('由楼栋长 吴*娟 代办')
  await resident.context.close()
})
