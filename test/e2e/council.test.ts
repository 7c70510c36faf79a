/**
 * Issue 4 in Chromium, the whole five-neighbour loop across personas:
 * 听邻说事 a resident raises a matter with a photo (a risky word is refused first) →
 * neighbours co-sign up to the threshold and the committee is told →
 * 请邻议事 the committee accepts it as a topic and schedules a meeting, a resident
 * registers and, on the evening, checks in with the code decoded from the QR image
 * on the committee's screen → the committee puts a motion, residents vote, the
 * committee closes it and the decision is published →
 * 帮邻办事 the decision becomes a 民生小实事 task, progress and an expense are posted,
 * it is finished → 由邻评事 residents rate it → 让邻知事 the 公示栏 shows the decision,
 * the result and the spending, and the matter's timeline shows every step.
 * Screenshots: test-results/e2e/loop-*.png
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { confirmModal, decodeQr, fillPrompt, startE2E, elderTour, type E2E } from '../helpers/browser'

// A Monday morning; the meeting is the next evening.
const START = new Date('2026-11-23T10:00:00+08:00')
const MEETING_EVENING = new Date('2026-11-24T19:05:00+08:00')
const TITLE = '4号楼单元门门禁经常失灵'
const MOTION = '更换4号楼两个单元门的门禁系统'
const TASK = '4号楼单元门门禁更换'

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: START })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(300_000)

const neighbour = (n: number) => `demo-neighbour-${String(n).padStart(2, '0')}`

/** A small photo of the broken door (a PNG made here), as a file chooser gets it. */
function photo(): { name: string; mimeType: string; buffer: Buffer } {
  const png = new PNG({ width: 96, height: 64 })
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 96; x++) {
      const i = (y * 96 + x) * 4
      const roof = y < 14
      png.data[i] = roof ? 150 : 90 + (x % 24)
      png.data[i + 1] = roof ? 60 : 120
      png.data[i + 2] = roof ? 40 : 160 - (y % 16)
      png.data[i + 3] = 255
    }
  }
  return { name: 'door.png', mimeType: 'image/png', buffer: PNG.sync.write(png) }
}

async function addPhoto(page: Page, picker: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(`${picker} .photo-add`)])
  await chooser.setFiles(photo())
  await page.waitForSelector(`${picker} .photo-thumb`)
}

it('runs the whole loop: raise → co-sign → meeting → check-in → vote → decision → task → rating → 公示', async () => {
  // ── 1. 听邻说事: demo-resident raises a matter. ─────────────────────────────
  const resident = await e.open('demo-resident')
  const r = resident.page
  await r.waitForSelector('#page-home')
  await e.go(r, 'pages/council/index', '#page-council')
  await e.shot(r, 'loop-01-council-tab')
  await r.click('#council-raise')
  await r.waitForSelector('#page-issue-new #issue-title')
  await r.fill('#issue-title input', TITLE)
  await r.fill('#issue-body textarea', '门禁一周坏了三次，晚上违禁测试词，希望尽快修好。')
  await r.click('#issue-category-facility')
  await addPhoto(r, '#issue-photos')
  await r.click('#issue-submit')
  // msgSecCheck refuses the text: nothing is stored and the author is told why.
  await r.waitForSelector('.taro__toast', { state: 'attached' })
  expect(await r.textContent('.taro__toast')).toContain('内容')
  await e.shot(r, 'loop-02-risky-text-refused')
  const listed = await e.api<{ items: Array<{ title: string }> }>('demo-committee', 'council.issue.list', { limit: 50 })
  expect(listed.items.some((i) => i.title === TITLE)).toBe(false)

  await r.fill('#issue-body textarea', '门禁一周坏了三次，门一直敞着，晚上外人随便进出，老人孩子不放心。希望换成能刷卡也能刷脸的门禁。')
  await r.click('#issue-submit')
  await r.waitForSelector('#page-issue #issue-detail-title')
  expect(await r.textContent('#issue-detail-title')).toBe(TITLE)
  await r.waitForSelector('#issue-photo-list img')
  const issueUrl = r.url()
  const issueId = decodeURIComponent(new URL(issueUrl.replace('/#/', '/')).searchParams.get('id')!)
  await e.shot(r, 'loop-03-matter-raised')

  // ── 2. Neighbours co-sign (附议); the threshold is 10. ──────────────────────
  const volunteer = await e.open('demo-volunteer')
  await e.go(volunteer.page, 'packages/council/index', '#issue-list')
  await volunteer.page.click(`#issue-list >> text=${TITLE}`)
  await volunteer.page.waitForSelector('#cosign')
  await volunteer.page.click('#cosign')
  await volunteer.page.waitForFunction(() => document.querySelector('#cosign-count')?.textContent?.includes('1'))
  await e.shot(volunteer.page, 'loop-04-cosigned')
  await volunteer.context.close()

  // Eight more neighbours co-sign from their own phones.
  for (let n = 1; n <= 8; n++) await e.api(neighbour(n), 'council.issue.cosign', { issueId })
  // The tenth, demo-lead, crosses the threshold: the matter becomes a candidate topic.
  const lead = await e.open('demo-lead')
  await lead.page.goto(issueUrl)
  await lead.page.waitForSelector('#cosign')
  await lead.page.click('#cosign')
  await lead.page.waitForFunction(() => document.querySelector('#issue-status')?.textContent?.includes('候选'))
  await e.shot(lead.page, 'loop-05-threshold-reached')
  await lead.context.close()

  // ── 3. 请邻议事: the committee is told, accepts the topic, schedules a meeting. ─
  const committee = await e.open('demo-committee')
  const c = committee.page
  await e.go(c, 'packages/account/messages/index', '#page-messages')
  const told = c.locator('.message-row', { hasText: TITLE }).first()
  await told.waitFor()
  await e.shot(c, 'loop-06-committee-told')
  await told.click()
  await c.waitForSelector('#triage-accept')
  await c.click('#triage-accept')
  await fillPrompt(c, '列入 11 月议事会，请物业一同参加。')
  await c.waitForFunction(() => document.querySelector('#issue-status')?.textContent?.includes('立项'))
  await e.shot(c, 'loop-07-accepted-as-topic')

  await e.go(c, 'packages/council/meeting-new/index', '#meeting-new-title')
  await c.fill('#meeting-new-title input', '11 月居民议事会')
  // The picker starts on tomorrow; the usual times are one tap.
  await c.click('#meeting-time-1900')
  await c.click('#meeting-duration-90')
  await c.fill('#meeting-new-place input', '社区党群服务中心二楼会议室')
  await c.fill('#meeting-new-capacity input', '30')
  await c.click(`#meeting-new-topics >> text=${TITLE}`)
  await e.shot(c, 'loop-08-meeting-form')
  await c.click('#meeting-new-submit')
  await c.waitForSelector('#page-meeting #meeting-title')
  const meetingUrl = c.url()
  await e.shot(c, 'loop-09-meeting-scheduled')

  // The resident (who raised it, and is told) registers.
  await r.goto(meetingUrl)
  await r.waitForSelector('#meeting-register')
  await r.click('#meeting-register')
  await r.waitForSelector('#meeting-registered')
  await e.shot(r, 'loop-10-registered')
  await resident.context.close()
  await committee.context.close()

  // ── 4. The evening of the meeting: check-in with the QR on the committee's screen. ─
  e.setNow(MEETING_EVENING)
  const organiser = await e.open('demo-committee')
  const o = organiser.page
  await o.goto(meetingUrl)
  await o.waitForSelector('#checkin-show')
  await o.click('#checkin-show')
  await o.waitForSelector('#checkin-qr img')
  await e.shot(o, 'loop-11-checkin-qr')
  const code = (await decodeQr(o, '#checkin-qr'))!
  expect(code).toBe((await o.textContent('#checkin-token'))?.trim())

  const attendee = await e.open('demo-resident')
  const a = attendee.page
  await a.goto(meetingUrl)
  await a.waitForSelector('#checkin-paste input')
  await a.fill('#checkin-paste input', code)
  await a.click('#checkin-paste-submit')
  await a.waitForSelector('#checkin-done')
  await e.shot(a, 'loop-12-checked-in')
  // The committee's attendance list picks them up.
  await o.reload()
  await o.waitForSelector('#checkin-attendees #attendee-0')
  await e.shot(o, 'loop-13-attendance')

  // The committee records the minutes (the page's 纪要 tab) and puts the motion.
  await o.click('#meeting-tab-minutes')
  await o.waitForSelector('#minutes-input')
  await o.fill('#minutes-input textarea', '物业说明了门禁的故障情况。议定：更换 4 号楼两个单元门的门禁，费用从民生小实事经费列支，交全体居民表决。')
  await o.click('#minutes-submit')
  await o.waitForSelector('#meeting-minutes')
  await e.go(o, 'packages/council/motion-new/index', '#motion-title')
  await o.fill('#motion-title input', MOTION)
  await o.fill('#motion-description textarea', '两个单元门各换一套可刷卡、刷脸的门禁，约 1.2 万元，物业负责日常维护。')
  await o.click(`#motion-topic >> text=${TITLE}`)
  // The 普通事项 preset fills the rules: everyone one vote, simple majority.
  await o.click('#motion-preset-ordinary')
  expect(await o.textContent('#motion-summary')).toContain('每人一票 · 全小区 · 过半数同意')
  await e.shot(o, 'loop-14-motion-form')
  await o.click('#motion-tab-rules')
  expect(await o.getAttribute('#motion-rule-simple', 'aria-checked')).toBe('true')
  await o.click('#motion-submit')
  await o.waitForSelector('#page-motion #motion-title')
  const motionUrl = o.url()
  const motionId = decodeURIComponent(new URL(motionUrl.replace('/#/', '/')).searchParams.get('id')!)
  await e.shot(o, 'loop-15-motion-open')

  // ── 5. Residents vote (secret ballot, counts hidden until close). ───────────
  await a.goto(motionUrl)
  await a.waitForSelector('#vote-option-0')
  await a.click('#vote-option-0')
  await e.shot(a, 'loop-16-ballot')
  await a.click('#vote-submit')
  await confirmModal(a)
  await a.waitForSelector('#vote-status')
  await e.shot(a, 'loop-17-voted')
  for (let n = 1; n <= 6; n++) await e.api(neighbour(n), 'council.motion.vote', { motionId, option: n <= 4 ? 0 : 1 })
  // The same resident's second ballot changes nothing.
  await expect(e.api('demo-resident', 'council.motion.vote', { motionId, option: 1 })).rejects.toThrow()

  await o.reload()
  await o.waitForSelector('#motion-close')
  await o.waitForTimeout(400)
  await o.click('#motion-close')
  await confirmModal(o)
  await o.waitForSelector('#motion-outcome', { timeout: 20_000 })
  expect(await o.textContent('#vote-result-0')).toContain('5 票')
  expect(await o.textContent('#vote-result-1')).toContain('2 票')
  await e.shot(o, 'loop-18-decision')

  // ── 6. 帮邻办事: the decision becomes a 民生小实事 task. ────────────────────
  await o.click('#motion-to-task')
  await o.waitForSelector('#task-new-title')
  await o.fill('#task-new-title input', TASK)
  await o.fill('#task-new-description textarea', '采购、安装两套门禁，为 4 号楼住户录入门卡和人脸。')
  await o.fill('#task-owner-search input', '黄志明')
  await o.click('#task-owner-search-submit')
  await o.waitForSelector('#task-owner-0')
  await o.click('#task-owner-0')
  await o.click('#task-new-project')
  await o.fill('#task-new-budget input', '12000')
  await e.shot(o, 'loop-19-task-form')
  await o.click('#task-new-submit')
  await o.waitForSelector('#page-task #task-title')
  const taskUrl = o.url()

  await o.fill('#task-update-progress input', '60')
  await o.fill('#task-update-text textarea', '门禁设备已到货，1 单元已装好试用。')
  await addPhoto(o, '#task-update-photos')
  await o.click('#task-update-submit')
  await o.waitForSelector('#task-update-0')
  await o.fill('#expense-item input', '门禁设备 2 套')
  await o.fill('#expense-amount input', '9800')
  await o.click('#expense-submit')
  await o.waitForSelector('#expense-0')
  expect(await o.textContent('#task-spent')).toContain('9,800')
  await e.shot(o, 'loop-20-task-progress')
  await o.click('#task-complete')
  await fillPrompt(o, '两个单元门的门禁已更换并投入使用，住户门卡已发放。')
  await o.waitForFunction(() => document.querySelector('#task-status')?.textContent?.includes('办结'))
  await e.shot(o, 'loop-21-task-done')
  await organiser.context.close()

  // ── 7. 由邻评事: residents rate the result. ─────────────────────────────────
  await a.goto(taskUrl)
  await a.waitForSelector('#rate-1')
  await a.click('#rate-1')
  await a.fill('#rate-comment textarea', '门终于能关上了，晚上安心多了，谢谢！')
  await a.click('#rate-submit')
  await a.waitForSelector('#my-rating')
  for (let n = 1; n <= 4; n++) {
    const taskId = decodeURIComponent(new URL(taskUrl.replace('/#/', '/')).searchParams.get('id')!)
    await e.api(neighbour(n), 'council.task.rate', { taskId, rating: n === 4 ? 'basic' : 'satisfied' })
  }
  await a.reload()
  await a.waitForSelector('#task-satisfaction-rate')
  expect(await a.textContent('#task-satisfaction-rate')).toContain('100')
  await e.shot(a, 'loop-22-rated')

  // ── 8. 让邻知事: the 公示栏 shows the decision, the result and the spending. ──
  await e.go(a, 'packages/council/board/index', '#board-list')
  const board = (await a.textContent('#board-list')) ?? ''
  expect(board).toContain(MOTION)
  expect(board).toContain(TASK)
  await e.shot(a, 'loop-23-board')
  await a.click(`#board-list >> text=${TASK} >> nth=0`)
  await a.waitForSelector('#notice-publicity')
  await e.shot(a, 'loop-24-notice')

  // The matter itself tells the whole story, each later step opening its motion or task.
  await a.goto(issueUrl)
  await a.waitForSelector('#issue-timeline')
  const steps = await a.locator('#issue-timeline .timeline__name').allTextContents()
  expect(steps).toEqual(['提出', '成为候选议题', '列为议题', '列入议事会', '议事会已讨论', '付诸表决', '表决结果', '交办落实', '办结'])
  await a.locator('#issue-timeline .timeline__item').last().scrollIntoViewIfNeeded()
  await e.shot(a, 'loop-25-matter-timeline')
  await a.locator('#issue-timeline .timeline__item').last().click()
  await a.waitForSelector('#page-task #task-satisfaction-rate')
  await attendee.context.close()
})

it('长辈模式: every 议事厅 page fits the phone with large text', async () => {
  const { SEED_ISSUES, SEED_MEETINGS } = await import('../../local/seed/council')
  const { SEED_MOTIONS, SEED_TASKS, SEED_NOTICES } = await import('../../local/seed/decisions')
  const { page, context } = await e.open('demo-committee')
  await e.elderMode(page)
  const id = (v: string) => `?id=${encodeURIComponent(v)}`
  const pages: Array<[string, string, string]> = [
    ['council-index', 'packages/council/index', '#issue-list'],
    ['issue', `packages/council/issue/index${id(SEED_ISSUES.elevator)}`, '#issue-timeline'],
    ['issue-new', 'packages/council/issue-new/index', '#issue-submit'],
    ['meeting', `packages/council/meeting/index${id(SEED_MEETINGS.upcoming)}`, '#meeting-agenda'],
    ['meeting-new', 'packages/council/meeting-new/index', '#meeting-new-submit'],
    ['motion', `packages/council/motion/index${id(SEED_MOTIONS.chargers)}`, '#motion-detail'],
    ['motion-new', 'packages/council/motion-new/index', '#motion-submit'],
    ['task', `packages/council/task/index${id(SEED_TASKS.westGateLights)}`, '#task-detail'],
    ['task-new', 'packages/council/task-new/index', '#task-new-submit'],
    ['board', 'packages/council/board/index', '#board-list'],
    ['notice', `packages/council/notice/index${id(SEED_NOTICES.elevator)}`, '#notice-detail'],
  ]
  expect(await elderTour(e, page, pages, (name) => `loop-elder-${name}`)).toEqual([])
  await context.close()
})

it('a vote only for one building: the committee limits it, a neighbour of another building is told why not', async () => {
  const { page: c, context: committee } = await e.open('demo-committee')
  await e.go(c, 'packages/council/motion-new/index', '#motion-title')
  await c.fill('#motion-title input', '3号楼单元门口加装无障碍坡道')
  await c.fill('#motion-description textarea', '在 3 号楼两个单元门口加装无障碍坡道，方便轮椅和婴儿车进出。')
  await c.click('#motion-next')
  await c.click('#motion-unit-household')
  await c.click('#motion-buildings >> text=3号楼')
  expect(await c.getAttribute('#motion-buildings-all', 'aria-checked')).toBe('false')
  await c.locator('#motion-buildings').scrollIntoViewIfNeeded()
  await e.shot(c, 'loop-26-motion-one-building')
  await c.click('#motion-next')
  await c.click('#motion-opens-now')
  expect(await c.textContent('#motion-summary')).toContain('每户一票 · 3号楼')
  await c.click('#motion-submit')
  await c.waitForSelector('#page-motion #motion-title')
  expect(await c.textContent('#motion-detail')).toContain('范围：3号楼')
  const motionUrl = c.url()
  await committee.close()

  // demo-resident lives in 1号楼.
  const { page: r, context: resident } = await e.open('demo-resident')
  await r.goto(motionUrl)
  await r.waitForSelector('#vote-why-not')
  expect(await r.textContent('#vote-why-not')).toContain('只限3号楼住户')
  await e.shot(r, 'loop-27-not-my-building')
  await resident.close()
})

it('the committee takes a published photo down with a reason, and its poster is told', async () => {
  const { SEED_ISSUES } = await import('../../local/seed/council')
  const issuePath = `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.westGate)}`
  const { page: c, context: committee } = await e.open('demo-committee')
  await e.go(c, issuePath, '#issue-photo-list .photo-published')
  await e.shot(c, 'loop-28-photo-committee')
  await c.click('#issue-photo-list .photo-published__remove')
  await fillPrompt(c, '照片里拍到了邻居家的门牌号')
  await c.waitForSelector('#issue-photo-list', { state: 'detached' })
  await committee.close()

  const { page: r, context: resident } = await e.open('demo-resident')
  await e.go(r, 'packages/account/messages/index', '#page-messages')
  await r.locator('.message-row', { hasText: '照片已被撤下' }).waitFor()
  expect(await r.textContent('.message-row >> nth=0')).toContain('门牌号')
  await e.shot(r, 'loop-29-photo-removed-told')
  // The photo is gone for everyone.
  await e.go(r, issuePath, '#issue-detail')
  expect(await r.locator('#issue-photo-list').count()).toBe(0)
  await resident.close()
})
