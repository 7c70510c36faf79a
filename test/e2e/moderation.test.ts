/**
 * The five-neighbour loop's committee screens and the task owner, in Chromium:
 * three neighbours report a comment and it is hidden; the committee finds it in
 * 举报处理 (from the 议事 tab and the workbench, both counting it) and restores it (and removes the one seeded hidden); the committee
 * publishes a notice from the form and a resident reads it on the 公示栏 and 首页;
 * a task's owner posts progress with a photo on their own task.
 * Screenshots: test-results/e2e/moderation-*.png
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../../local/gateway'
import { SEED_ISSUES } from '../../local/seed/council'
import { SEED_TASKS } from '../../local/seed/decisions'
import { startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(120_000)

const TOPIC = `${SEED_ISSUES.squareDance}:topic`
const REPORTED = '建议晚上 9 点以后音量调小'
const SEEDED_HIDDEN = '直接报警算了'

const topicPath = `packages/council/topic/index?id=${encodeURIComponent(TOPIC)}`
// By its own words, not a reply's quote of them.
const commentCard = (page: Page, text: string) => page.locator('#comment-list .comment', { has: page.locator('.comment__text', { hasText: text }) })

/**
 * Waits for the success toast saying `text` (Taro's toast box reads as hidden to
 * playwright, so it is waited for as attached) and then for its 1.5 s to pass, so
 * that it covers no screenshot.
 */
async function toast(page: Page, text: string) {
  await page.locator('.taro__toast', { hasText: text }).waitFor({ state: 'attached' })
  await page.waitForTimeout(1_600)
}

it('three neighbours report a comment, it is hidden, and the committee restores it from 举报处理', async () => {
  for (const [i, who] of ['demo-resident', 'demo-volunteer', 'demo-lead'].entries()) {
    const { page, context } = await e.open(who)
    await e.go(page, topicPath, '#comment-list .comment')
    await commentCard(page, REPORTED).locator('.comment-report').click()
    await page.waitForSelector('.taro-model__confirm')
    if (i === 0) await e.shot(page, 'moderation-1-report-confirm')
    await page.click('.taro-model__confirm')
    await toast(page, i === 2 ? '已隐藏待处理' : '已举报')
    if (i === 2) {
      // Hidden at the third report: neighbours see the placeholder, not the words.
      await page.waitForSelector('#comment-list .comment.is-hidden >> text=已暂时隐藏')
      expect(await page.locator('#comment-list').textContent()).not.toContain(REPORTED)
      await e.shot(page, 'moderation-2-hidden-for-neighbours')
    }
    await context.close()
  }

  // The committee sees the queue's count on the 议事 tab and opens it.
  const { page: c, context } = await e.open('demo-committee')
  await e.go(c, 'pages/council/index', '#enter-reports')
  await c.waitForSelector('#enter-reports-count')
  expect((await c.textContent('#enter-reports-count'))?.trim()).toBe('2')
  await e.shot(c, 'moderation-3-council-tab-badge')
  await c.click('#enter-reports')
  await c.waitForSelector('#report-list')
  // The workbench counts the same queue and leads to it too.
  await e.go(c, 'packages/admin/index', '#link-reports-count')
  expect((await c.textContent('#link-reports-count'))?.trim()).toBe('2')
  await c.locator('#link-reports').scrollIntoViewIfNeeded()
  await e.shot(c, 'moderation-3b-workbench-badge')
  await c.click('#link-reports')
  const item = c.locator('#report-list .report-item', { hasText: REPORTED })
  await item.waitFor()
  expect(await item.textContent()).toContain('3 人举报')
  expect(await item.textContent()).toContain('议题：晚上广场舞音响太吵')
  // Names are masked in the queue too.
  expect(await item.locator('.plain-line').first().textContent()).toContain('*')
  await e.shot(c, 'moderation-4-queue')
  await item.locator('.report-restore').click()
  await toast(c, '已恢复显示')
  await item.waitFor({ state: 'detached' })

  // The seeded one stays hidden and is removed, with a reason; the queue is then empty.
  const seeded = c.locator('#report-list .report-item', { hasText: SEEDED_HIDDEN })
  expect(await seeded.textContent()).toContain('举报理由：人身攻击')
  await seeded.locator('.report-remove').click()
  await c.waitForSelector('#prompt-input')
  await c.fill('#prompt-input textarea', '含有人身攻击')
  await e.shot(c, 'moderation-5-remove-reason')
  await c.click('#prompt-confirm')
  await toast(c, '已删除')
  await c.waitForSelector('#reports-empty')
  expect(await c.textContent('#reports-empty')).toContain('没有待处理的举报')
  await e.shot(c, 'moderation-6-queue-empty')
  await context.close()

  // Back on the topic, neighbours read the restored comment again; the removed one says so.
  const { page: r, context: rc } = await e.open('demo-resident')
  await e.go(r, topicPath, '#comment-list .comment')
  await commentCard(r, REPORTED).waitFor()
  expect(await r.locator('#comment-list').textContent()).toContain('该评论已被居委会删除')
  await e.shot(r, 'moderation-7-restored')
  await rc.close()
})

it('the committee publishes a notice from the form and residents read it on the 公示栏 and 首页', async () => {
  const TITLE = '西门照明改造夜间施工安排'
  const { page: c, context } = await e.open('demo-committee')
  await e.go(c, 'packages/council/board/index', '#board-publish')
  await e.shot(c, 'moderation-8-board-committee')
  await c.click('#board-publish')
  await c.waitForSelector('#notice-new-submit')
  await c.waitForTimeout(400)
  // Too short: the form says why in Chinese, nothing is sent.
  await c.fill('#notice-new-title input', '通知')
  await c.click('#notice-new-submit')
  await c.waitForSelector('#notice-new-problem')
  expect(await c.textContent('#notice-new-problem')).toContain('标题至少 4 个字')
  await c.fill('#notice-new-title input', TITLE)
  await c.fill('#notice-new-body textarea', '短')
  await c.click('#notice-new-submit')
  await c.waitForSelector('#notice-new-problem >> text=正文至少 10 个字')
  // Fixing the text clears the message.
  await c.fill('#notice-new-body textarea', '12 月 1 日至 5 日每晚 8 点前完成西门剩余 4 盏路灯的安装和调试，施工期间请绕行菜市场一侧。')
  expect(await c.locator('#notice-new-problem').count()).toBe(0)
  expect(await c.getAttribute('#notice-category-announcement', 'class')).toContain('is-selected')
  // A plain 公告 has no 公示 by default; a progress report is publicised 7 days.
  expect(await c.getAttribute('#notice-days-0', 'class')).toContain('is-selected')
  await c.click('#notice-category-progress')
  expect(await c.getAttribute('#notice-days-7', 'class')).toContain('is-selected')
  await e.shot(c, 'moderation-9-notice-form')
  await c.click('#notice-new-submit')
  await c.waitForSelector('#notice-title')
  expect(await c.textContent('#notice-title')).toBe(TITLE)
  expect(await c.textContent('#notice-publicity')).toContain('公示')
  await e.shot(c, 'moderation-10-notice-published')
  await context.close()

  const { page: r, context: rc } = await e.open('demo-resident')
  await r.waitForSelector('#notice-list .notice-card')
  expect(await r.locator('#notice-list .notice-card').first().textContent()).toContain(TITLE)
  await e.shot(r, 'moderation-11-home-notice')
  await e.go(r, 'packages/council/board/index', '#board-list .notice-card')
  expect(await r.locator('#board-list .notice-card').first().textContent()).toContain(TITLE)
  expect(await r.locator('#board-publish').count()).toBe(0)
  await e.shot(r, 'moderation-12-board')
  await rc.close()
})

it('a task owner posts progress with a photo on their own task; a neighbour only reads it', async () => {
  const { page: o, context } = await e.open('demo-lead3')
  await e.go(o, 'packages/council/tasks/index', '#task-list')
  await o.click('#tasks-mine')
  await o.waitForSelector('#task-list .issue-card >> text=3号楼加装电梯施工')
  expect(await o.locator('#task-list').textContent()).toContain('负责人 我')
  await e.shot(o, 'moderation-13-my-tasks')
  await o.click('#task-list .issue-card >> text=3号楼加装电梯施工')
  await o.waitForSelector('#task-progress-form')
  await o.waitForTimeout(400)
  // Expenses, escalation and completion stay with the committee.
  expect(await o.locator('#task-controls').count()).toBe(0)
  await o.fill('#task-update-progress input', '40')
  await o.fill('#task-update-text textarea', '规划审批已通过，施工单位下周进场搭设围挡。')
  const [chooser] = await Promise.all([o.waitForEvent('filechooser'), o.click('#task-update-photos .photo-add')])
  await chooser.setFiles(join(ROOT, 'src/assets/tab/council-active.png'))
  await o.waitForSelector('#task-update-photos .photo-grid__image')
  await o.waitForSelector('#task-update-submit:not(.is-disabled)')
  await e.shot(o, 'moderation-14-owner-form')
  await o.click('#task-update-submit')
  await toast(o, '已更新')
  await o.waitForSelector('#task-progress >> text=40%')
  expect(await o.textContent('#task-update-0')).toContain('规划审批已通过')
  expect(await o.locator('#task-update-0 .photo-grid__image').count()).toBe(1)
  await o.locator('#task-updates').scrollIntoViewIfNeeded()
  await e.shot(o, 'moderation-15-owner-posted')
  await context.close()

  const { page: r, context: rc } = await e.open('demo-resident')
  await e.go(r, `packages/council/task/index?id=${encodeURIComponent(SEED_TASKS.elevatorWorks)}`, '#task-progress')
  expect(await r.textContent('#task-progress')).toBe('40%')
  expect(await r.locator('#task-progress-form').count()).toBe(0)
  await e.shot(r, 'moderation-16-neighbour-reads')
  await rc.close()
})
