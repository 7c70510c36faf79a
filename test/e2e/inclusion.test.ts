/**
 * Issue 14's inclusion parts in Chromium: after the meeting the committee records a
 * paper ballot on the motion page (household, option, photo of the paper) and sees it
 * counted; a building lead signs an elderly resident of their building up for an
 * activity with her consent, and she finds it in 消息, in normal and 长辈模式.
 * Screenshots: test-results/e2e/inclusion-*.png
 */
import { PNG } from 'pngjs'
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

