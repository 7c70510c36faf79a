/**
 * Issue 12 in Chromium, a 好厝边 campaign from start to 光荣榜 across personas and
 * days of the local clock (moved with POST /dev/clock):
 * the committee creates the campaign → residents nominate (one with a photo) and
 * neighbours co-recommend → (nominations close) the committee approves, declines
 * one with a reason, and publishes the candidates → a resident objects by name and
 * the committee answers → (voting opens) a resident votes and meets the daily limit
 * → a burst of high-risk votes is flagged and the committee voids it with a reason
 * → (voting closes) the jury's scores, the results and their 公示 → (公示 over) the
 * committee confirms the winners and the 光荣榜 shows them. Each step is
 * photographed in normal and 长辈模式 (elder) screens.
 * Screenshots: test-results/e2e/awards-*.png
 */
import { PNG } from 'pngjs'
import type { BrowserContext, Page } from 'playwright-core'
import { confirmModal, fillPrompt, startE2E, tooWide, type E2E } from '../helpers/browser'

// A Tuesday morning, China time.
const START = new Date('2026-12-01T09:00:00+08:00')
const TITLE = '2026 年冬季好厝边评选'
const NOMINEE = '陈秀英'

let e: E2E
beforeAll(async () => {
  e = await startE2E({ now: START })
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(420_000)

/**
 * Moves the local world's clock, as a developer does from the dev tools. Open pages
 * learn it when they come back into view (api/devClock.ts), as a phone picked up again.
 */
async function clockTo(at: string) {
  const res = await fetch(`${e.gateway.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ set: at }) })
  expect(res.status).toBe(200)
  const shown = at.slice(5, 10).replace('-', '月') + '日'
  for (const page of e.browser.contexts().flatMap((c) => c.pages())) {
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await page.waitForFunction((day) => document.querySelector('#clock-banner')?.textContent?.includes(day), shown)
  }
}

const neighbour = (n: number) => `demo-neighbour-${String(n).padStart(2, '0')}`

/** A small photo of a neighbour's doorway with flowers (a PNG made here), as a file chooser gets it. */
function photo(): { name: string; mimeType: string; buffer: Buffer } {
  const png = new PNG({ width: 96, height: 64 })
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 96; x++) {
      const i = (y * 96 + x) * 4
      const flower = (x - 30) ** 2 + (y - 40) ** 2 < 60
      png.data[i] = flower ? 220 : 120 + (y % 20)
      png.data[i + 1] = flower ? 60 : 150
      png.data[i + 2] = flower ? 90 : 110
      png.data[i + 3] = 255
    }
  }
  return { name: 'doorway.png', mimeType: 'image/png', buffer: PNG.sync.write(png) }
}

interface Persona {
  page: Page
  context: BrowserContext
  /** the same persona with 长辈模式 on, to photograph each step in large type */
  elder: Page
}

async function persona(openid: string): Promise<Persona> {
  const normal = await e.open(openid)
  await normal.page.waitForSelector('#page-home')
  const elder = await e.open(openid)
  await e.elderMode(elder.page)
  return { page: normal.page, context: normal.context, elder: elder.page }
}

const overflowing: string[] = []

/** Photographs the page the persona is on, then the same page in 长辈模式, checking nothing runs off the screen there. */
async function shoot(p: Persona, name: string, ready: string) {
  await p.page.locator('.taro__toast').waitFor({ state: 'hidden' }).catch(() => undefined)
  await p.page.locator(ready).first().scrollIntoViewIfNeeded()
  await e.shot(p.page, `awards-${name}`)
  const path = p.page.url().split('/#/')[1]
  await e.go(p.elder, path, ready)
  const wide = await tooWide(p.elder)
  if (wide.length) overflowing.push(`${name}: ${wide.join(', ')}`)
  await p.elder.locator(ready).first().scrollIntoViewIfNeeded()
  await e.shot(p.elder, `awards-${name}-elder`)
}

const campaignPath = (id: string) => `packages/awards/campaign/index?id=${encodeURIComponent(id)}`
const managePath = (id: string) => `packages/awards/manage/index?id=${encodeURIComponent(id)}`
const textOf = async (page: Page, selector: string) => (await page.textContent(selector)) ?? ''

it('runs a campaign: create → nominate → review → 公示 and objection → vote → void a burst → results → 光荣榜', async () => {
  const committee = await persona('demo-committee')
  const resident = await persona('demo-resident')
  const c = committee.page
  const r = resident.page

  // ── 1. The committee creates the campaign; the form starts from sensible defaults. ──
  await e.go(c, 'packages/awards/index', '#awards-new')
  await shoot(committee, '01-list-committee', '#awards-new')
  await c.click('#awards-new')
  await c.waitForSelector('#page-award-campaign-new #campaign-title')
  expect(await c.inputValue('#campaign-candidate-days input')).toBe('5')
  expect(await c.inputValue('#campaign-votes-per-day input')).toBe('3')
  // The date pickers show China days with their weekday: nominations close a week from today at 20:00.
  expect(await textOf(c, '#campaign-nomination-end-date')).toContain('2026年12月8日 周二')
  expect(await textOf(c, '#campaign-nomination-end-time')).toBe('20:00')
  await c.fill('#campaign-title input', TITLE)
  await c.fill('#campaign-description textarea', '推选身边热心助人、孝老爱亲的好邻居，评出 2 位登上光荣榜。')
  await c.fill('#campaign-categories input', '热心助人、孝老爱亲')
  await c.fill('#campaign-winners input', '2')
  await shoot(committee, '02-create-form', '#campaign-submit')
  await c.click('#campaign-submit')
  await c.waitForSelector('#page-award-campaign #campaign-title')
  expect(await textOf(c, '#campaign-phase')).toBe('提名中')
  const campaignId = decodeURIComponent(new URL(c.url().replace('/#/', '/')).searchParams.get('id')!)
  await shoot(committee, '03-campaign-created', '#campaign-now')

  // ── 2. A resident nominates a neighbour with her story and a photo; neighbours co-recommend. ──
  await e.go(r, campaignPath(campaignId), '#campaign-nominate')
  await r.click('#campaign-nominate')
  await r.waitForSelector('#page-award-nominate #nominate-name')
  await r.fill('#nominate-name input', NOMINEE)
  await r.click('#nominate-category-1')
  await r.fill('#nominate-story textarea', '陈阿婆七十多岁，每天给楼里三位独居老人送饭，风雨无阻已经五年；谁家有事她都第一个去帮忙。')
  const [chooser] = await Promise.all([r.waitForEvent('filechooser'), r.click('#nominate-photos .photo-add')])
  await chooser.setFiles(photo())
  await r.waitForSelector('#nominate-photos .photo-thumb')
  await shoot(resident, '04-nominate-form', '#nominate-submit')
  await r.click('#nominate-submit')
  await r.waitForSelector('#page-award-campaign #nomination-0')
  expect(await textOf(r, '#nomination-0')).toContain('联名推荐 0/2 户')
  await shoot(resident, '05-nominated-gathering', '#nomination-0')

  // Two more households co-recommend it: one on screen, one from their own phone.
  const volunteer = await persona('demo-volunteer')
  await e.go(volunteer.page, campaignPath(campaignId), '#nomination-0 .nomination-second')
  await volunteer.page.click('#nomination-0 .nomination-second')
  await volunteer.page.waitForFunction(() => document.querySelector('#nomination-0')?.textContent?.includes('1/2'))
  await shoot(volunteer, '06-co-recommended', '#nomination-0')
  const nominations = await e.api<{ items: Array<{ nominationId: string; nomineeName: string }> }>('demo-committee', 'award.nomination.list', { campaignId, limit: 50 })
  await e.api(neighbour(1), 'award.nomination.second', { nominationId: nominations.items[0].nominationId })

  // Four neighbours put themselves forward (no co-recommendations needed); one story is off the theme.
  const selves = [2, 3, 4, 5]
  const stories = [
    '每周六在小区里免费帮邻居磨刀、修小家电，已经坚持三年，楼里的老人都认识我。',
    '组织楼里的孩子们每月一次清理绿化带，带着大家捡垃圾、认植物，家长们也一起来。',
    '疫情那年开始义务给独居老人买菜送药，现在仍然每周帮三户老人跑腿。',
    '我家的狗狗很可爱，希望大家投票支持我，谢谢各位邻居。',
  ]
  for (const [k, n] of selves.entries()) await e.api(neighbour(n), 'award.nominate', { campaignId, category: '热心助人', story: stories[k] })

  // ── 3. Nominations close; the committee reviews (one declined with a reason) and publishes. ──
  await clockTo('2026-12-08T21:00:00+08:00')
  await e.go(c, managePath(campaignId), '#review-0')
  expect(await textOf(c, '#manage-phase')).toBe('审核中')
  await shoot(committee, '07-review', '#review-0')
  for (let i = 0; i < 5; i++) {
    const card = c.locator(`#review-${i}`)
    if (!(await card.locator('.review-approve').count())) continue
    if ((await card.textContent())?.includes('狗狗')) {
      await card.locator('.review-decline').click()
      await fillPrompt(c, '事迹与评选主题不符，欢迎下次推荐身边的好邻居')
    } else {
      await card.locator('.review-approve').click()
    }
    await card.locator('.tag', { hasText: /已入选|未通过/ }).waitFor()
  }
  await shoot(committee, '08-reviewed', '#manage-publish')
  await c.click('#manage-publish')
  await confirmModal(c)
  await c.waitForFunction(() => document.querySelector('#manage-phase')?.textContent === '候选人公示')

  // The nominator whose story was declined reads why.
  const declined = await e.api<{ items: Array<{ status: string; reviewReason: string | null }> }>(neighbour(5), 'award.nomination.list', { campaignId, limit: 50 })
  expect(declined.items.find((n) => n.status === 'declined')?.reviewReason).toContain('主题不符')

  // ── 4. Candidate 公示: every story is public; a resident objects by name and is answered. ──
  await e.go(r, campaignPath(campaignId), '#candidate-3')
  expect(await r.locator('[id^="candidate-"].award-candidate').count()).toBe(4)
  expect(await textOf(r, '#campaign-now')).toContain('候选名单公示')
  expect(await r.locator('.candidate-vote').count()).toBe(0)
  await shoot(resident, '09-candidates-public', '#candidate-0')
  await r.click('#campaign-objections')
  await r.waitForSelector('#page-notice #objection-input')
  await r.fill('#objection-input textarea', '3号说的清理绿化带，我们楼没见过，请居委会核实一下。')
  await r.click('#objection-submit')
  await r.waitForSelector('#objection-0')
  await shoot(resident, '10-objection-filed', '#objection-0')

  await e.go(c, managePath(campaignId), '#manage-objections')
  expect(await textOf(c, '#manage-objections')).toContain('1 条待答复')
  await c.click('#manage-objections')
  await c.waitForSelector('#objection-0 .objection-answer')
  await c.click('#objection-0 .objection-answer')
  await fillPrompt(c, '已向物业和楼栋长核实：每月第一个周六在 5 号楼北侧绿化带，有照片记录。')
  await c.waitForFunction(() => document.querySelector('#objection-0')?.textContent?.includes('居委会答复'))
  await shoot(committee, '11-objection-answered', '#objection-0')

  // ── 5. Voting opens: three votes a day, one per candidate; the limit is met and said. ──
  await clockTo('2026-12-14T09:00:00+08:00')
  await e.go(r, campaignPath(campaignId), '#campaign-left-today')
  expect(await textOf(r, '#campaign-left-today')).toContain('今日还可投 3 票')
  expect(await textOf(r, '#campaign-now')).toContain('投票不需要转发')
  await shoot(resident, '12-voting-open', '#campaign-left-today')
  for (let i = 0; i < 3; i++) {
    await r.click(`#candidate-${i} .candidate-vote`)
    await r.waitForFunction((left) => document.querySelector('#campaign-left-today')?.textContent?.includes(`今日还可投 ${left} 票`), 2 - i)
    // One vote per candidate a day: the button is gone and the reason stands in its place.
    await r.waitForSelector(`#candidate-${i} .candidate-why-not`)
  }
  expect(await textOf(r, '#candidate-0 .candidate-why-not')).toContain('今天已投过')
  expect(await textOf(r, '#candidate-3 .candidate-why-not')).toContain('3 票已经投完')
  expect(await r.locator('.candidate-vote').count()).toBe(0)
  await r.locator('#candidate-3').scrollIntoViewIfNeeded()
  await shoot(resident, '13-daily-limit', '#candidate-3')
  // The server says the same to a ballot sent anyway.
  const candidates = await e.api<{ candidates: Array<{ candidateId: string; name: string }> }>('demo-resident', 'award.campaign.get', { campaignId })
  await expect(e.api('demo-resident', 'award.vote', { campaignId, candidateId: candidates.candidates[3].candidateId })).rejects.toThrow('3 票已经投完')

  // The candidate's page: the story, a share card for the neighbours' group, never a condition of a vote.
  await r.click('#candidate-3 .candidate-open')
  await r.waitForSelector('#page-award-candidate #candidate-share')
  expect(await textOf(r, '#candidate-share-note')).toContain('投票不需要转发')
  await r.click('#candidate-share #share-open')
  await r.waitForSelector('#share-code img')
  expect(await textOf(r, '#share-title')).toContain('4 号候选人')
  await shoot(resident, '14-candidate-share', '#candidate-share')
  await r.click('#share-close')
  // A neighbour scanning the poster's code lands on this candidate: the code opens 首页 with its scene (share.code).
  const poster = await e.api<{ scene: string }>('demo-resident', 'share.code', { page: 'awardCandidate', id: candidates.candidates[3].candidateId })
  await e.go(r, `pages/home/index?scene=${encodeURIComponent(poster.scene)}`, '#page-award-candidate #candidate-name')
  expect(await textOf(r, '#candidate-name')).toContain('4号')
  // The candidate's own code of earlier posters still opens it (award.candidate.code, scene c=<campaign>.<number>).
  const code = await e.api<{ scene: string }>('demo-resident', 'award.candidate.code', { candidateId: candidates.candidates[3].candidateId })
  await e.go(r, `packages/awards/index?scene=${encodeURIComponent(code.scene)}`, '#page-award-candidate #candidate-name')
  expect(await textOf(r, '#candidate-name')).toContain('4号')

  // ── 6. A burst: twelve accounts WeChat rates high-risk vote for 4号 within minutes. ──
  const burst = candidates.candidates[3].candidateId
  const brushers = Array.from({ length: 12 }, (_, k) => neighbour(10 + k))
  for (const b of brushers) e.gateway.wechat.setRiskRank(b, 3)
  for (const b of brushers) await e.api(b, 'award.vote', { campaignId, candidateId: burst })
  await e.go(c, managePath(campaignId), '#flag-0')
  expect(await textOf(c, '#flag-0')).toContain('4号')
  expect(await textOf(c, '#flag-0')).toContain('风险等级')
  await c.locator('#flag-0').scrollIntoViewIfNeeded()
  await shoot(committee, '15-burst-flagged', '#flag-0')
  await c.click('#flag-0 .flag-void')
  await fillPrompt(c, '12 个高风险账号在几分钟内集中投给 4 号，判定为刷票')
  await c.waitForFunction(() => document.querySelector('#flags-totals')?.textContent?.includes('作废 12'))
  await shoot(committee, '16-burst-voided', '#flags-totals')

  // ── 7. Voting closes: the jury's scores, then the results and their 公示. ──
  await clockTo('2026-12-21T21:00:00+08:00')
  await e.go(c, managePath(campaignId), '#jury')
  expect(await textOf(c, '#results-why-not')).toContain('评审分')
  for (const [i, score] of [88, 90, 75, 60].entries()) await c.fill(`#jury-${i} input`, String(score))
  await shoot(committee, '17-jury', '#jury')
  await c.click('#jury-save')
  await c.waitForSelector('#manage-publish-results')
  await c.click('#manage-publish-results')
  await confirmModal(c)
  await c.waitForFunction(() => document.querySelector('#manage-phase')?.textContent === '结果公示')
  await e.go(r, campaignPath(campaignId), '#campaign-voided')
  expect(await textOf(r, '#campaign-voided')).toContain('作废 12 票')
  expect(await textOf(r, '#campaign-now')).toContain('结果公示')
  await shoot(resident, '18-results-public', '#campaign-voided')

  // ── 8. The 公示 is over: the committee confirms, the 光荣榜 shows the winners. ──
  await clockTo('2026-12-27T09:00:00+08:00')
  await e.go(c, managePath(campaignId), '#manage-confirm')
  await c.click('#manage-confirm')
  await confirmModal(c)
  await c.waitForSelector('#manage-final')
  await shoot(committee, '19-confirmed', '#manage-final')

  await e.go(r, 'packages/awards/honours/index', '#honours-0')
  expect(await textOf(r, '#honours-0')).toContain(TITLE)
  expect(await r.locator('#honours-0 .honour-winner').count()).toBe(2)
  // Names are masked on the public board.
  expect(await textOf(r, '#honours-0')).not.toContain(NOMINEE)
  await shoot(resident, '20-honours', '#honours-0')
  await e.go(r, 'pages/neighbours/index', '#awards-honours')
  expect(await textOf(r, '#awards-honours')).toContain(TITLE)
  await shoot(resident, '21-neighbours-tab', '#awards-honours')

  expect(overflowing).toEqual([])
})
