/**
 * Issue 14's inclusion parts in Chromium: after the meeting the committee records a
 * paper ballot on the motion page (household, option, photo of the paper) and sees it
 * counted; a building lead signs an elderly resident of their building up for an
 * activity with her consent from the workbench's 代办 page (who agreed, how, when; the
 * activity's own sign-up fields), co-signs a matter and rates a finished task for her;
 * she finds them in 消息, on the activity, the matter and the task and in 我参与的, in
 * normal and 长辈模式.
 * Screenshots: test-results/e2e/inclusion-*.png
 */
import { PNG } from 'pngjs'
import { SEED_ACTIVITIES } from '../../local/seed/activities'
import { SEED_ISSUES } from '../../local/seed/council'
import { SEED_MOTIONS, SEED_TASKS } from '../../local/seed/decisions'
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


it('a building lead signs up an elderly resident of their building, who then sees it in 消息', async () => {
  const TITLE = '周末亲子手工：旧物改造小花盆'
  const lead = await e.open('demo-lead')
  const l = lead.page
  // 社区管理 → 为居民代办 → the open activity.
  await e.go(l, 'packages/admin/index', '#link-assist')
  await l.click('#link-assist')
  await l.waitForSelector('#assist-rules')
  await e.shot(l, 'inclusion-2-lead-assist')
  await l.locator('[id^=assist-activity-]', { hasText: TITLE }).click()
  await l.waitForSelector('#proxy-people')
  // 林秀华 of 1号楼1单元101, found by her room; she agreed in writing, her daughter beside her.
  await l.fill('#proxy-search input', '101')
  await l.locator('#proxy-people [id^=proxy-person-]', { hasText: '101' }).first().click()
  await l.click('#proxy-consent-written')
  await l.fill('#proxy-note input', '女儿陪同，签了纸质同意书')
  await l.fill('#proxy-field-f1 input', '13800001234')
  await l.locator('#proxy-form').scrollIntoViewIfNeeded()
  await e.shot(l, 'inclusion-3-lead-signs-up-neighbour')
  await l.click('#proxy-submit')
  await l.waitForSelector('text=已代为报名')
  // The form is cleared for the next neighbour; sending again without a person is refused on the page.
  await l.click('#proxy-submit')
  expect(await l.textContent('#proxy-problem')).toContain('请先选择为哪位居民代办')

  // The same lead co-signs a matter for her (代附议), on the matter's own page.
  await e.go(l, `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.stairLights)}`, '#cosign-for-open')
  await l.click('#cosign-for-open')
  await l.waitForSelector('#cosign-for-people')
  await l.locator('#cosign-for-people [id^=cosign-for-person-]', { hasText: '101' }).first().click()
  await l.click('#cosign-for-submit')
  expect(await l.textContent('#cosign-for-problem')).toContain('请选择本人如何同意')
  await l.click('#cosign-for-consent-phone')
  await l.click('#cosign-for-submit')
  await l.waitForSelector('text=已代为附议')

  // And rates a finished task for her (代评价), as she said: 满意.
  await e.go(l, `packages/council/task/index?id=${encodeURIComponent(SEED_TASKS.sortingKiosk)}`, '#rate-for-open')
  await l.click('#rate-for-open')
  await l.waitForSelector('#rate-for-people')
  await l.locator('#rate-for-people [id^=rate-for-person-]', { hasText: '101' }).first().click()
  await l.click('#rate-for-consent-inPerson')
  await l.click('#rate-for-submit')
  expect(await l.textContent('#rate-for-problem')).toContain('请选择本人的满意程度')
  await l.click('#rate-for-1')
  await l.click('#rate-for-submit')
  await l.waitForSelector('text=已代为评价')
  await lead.context.close()

  // She reads it in 消息, then in 长辈模式, and on the activity and the matter.
  const resident = await e.open('demo-resident')
  const r = resident.page
  await e.go(r, 'packages/account/messages/index', '#page-messages')
  const told = r.locator('.message-row', { hasText: '楼栋长为你报名了活动' }).first()
  await told.waitFor()
  expect(await told.textContent()).toContain('书面同意')
  await r.locator('.message-row', { hasText: '附议了' }).first().waitFor()
  await e.shot(r, 'inclusion-4-resident-messages')
  await e.elderMode(r)
  await e.go(r, 'packages/account/messages/index', '#page-messages.is-elder')
  await r.locator('.message-row', { hasText: '楼栋长为你报名了活动' }).first().waitFor()
  await e.shot(r, 'inclusion-5-resident-messages-elder')
  await e.go(r, `packages/activities/index?id=${encodeURIComponent(SEED_ACTIVITIES.craft)}`, '#activity-my-proxy')
  expect(await r.textContent('#activity-my-proxy')).toMatch(/由楼栋长 .+ 代办（书面同意）/)
  await r.locator('#activity-my-proxy').scrollIntoViewIfNeeded()
  await e.shot(r, 'inclusion-6-resident-registration-elder')
  await e.go(r, `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.stairLights)}`, '#cosign-assist')
  expect(await r.textContent('#cosign-assist')).toMatch(/由楼栋长 .+ 代办（电话同意）/)
  await e.go(r, `packages/council/task/index?id=${encodeURIComponent(SEED_TASKS.sortingKiosk)}`, '#my-rating')
  expect(await r.textContent('#my-rating')).toMatch(/满意（由楼栋长 .+ 代办（当面同意））/)
  // 我参与的 lists the activity she was signed up for.
  await e.go(r, 'packages/account/participation/index?kind=activities', '#participation-list')
  await r.locator('#participation-list', { hasText: TITLE }).waitFor()
  await resident.context.close()
})
