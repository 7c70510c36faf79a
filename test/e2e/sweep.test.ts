/**
 * Every persona walks every tab and every page reachable from it, in the standard
 * and in 长辈模式: each opens to content (no error state they cannot leave, no
 * endless loading, no uncaught error), a non-tab page shows the navigation bar
 * with a way back, and axe-core finds no colour-contrast or label violation.
 * One browser and one page per persona and mode; each route once.
 * Screenshots: test-results/e2e/sweep/<persona>-<mode>-<page>.png
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SEED_ACTIVITIES } from '../../local/seed/activities'
import { SEED_AWARDS } from '../../local/seed/awards'
import { SEED_ISSUES, SEED_MEETINGS } from '../../local/seed/council'
import { SEED_MOTIONS, SEED_NOTICES, SEED_TASKS } from '../../local/seed/decisions'
import { SEED_WISHES } from '../../local/seed/mall'
import { SEED_PROJECTS } from '../../local/seed/volunteers'
import { route, SHOTS, startE2E, type E2E } from '../helpers/browser'

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const DIR = join(SHOTS, 'sweep')

/** Who reaches a page: everyone in a community, those verified, the committee's desk, the street's. */
type Reach = 'member' | 'verified' | 'committee' | 'street' | 'visitor'

// A persona whose pages look like another's but for their own part (the volunteer,
// the building lead, the admin) walks the tabs and the areas where they differ
// (`areas`), which keeps the sweep to a few minutes.
const PERSONAS: Array<{ openid: string; reach: Reach[]; areas?: string[] }> = [
  { openid: 'demo-resident', reach: ['member', 'verified'] },
  { openid: 'demo-newcomer', reach: ['member'] },
  { openid: 'demo-volunteer', reach: ['member', 'verified'], areas: ['packages/volunteers', 'packages/mall', 'packages/activities'] },
  { openid: 'demo-lead', reach: ['member', 'verified'], areas: ['packages/council', 'packages/account'] },
  { openid: 'demo-committee', reach: ['member', 'verified', 'committee'] },
  { openid: 'demo-admin', reach: ['member', 'verified', 'committee'], areas: ['packages/admin'] },
  { openid: 'demo-street', reach: ['member', 'street'] },
  { openid: 'demo-visitor', reach: ['visitor'] },
]

const id = (v: string) => `?id=${encodeURIComponent(v)}`
const TABS = ['pages/home/index', 'pages/council/index', 'pages/activities/index', 'pages/neighbours/index', 'pages/me/index']

const ROUTES: Array<[Reach, string]> = [
  ...TABS.map((path) => ['member', path] as [Reach, string]),
  ...TABS.map((path) => ['visitor', path] as [Reach, string]),
  ['visitor', 'packages/account/join/index'],
  ['visitor', 'packages/account/privacy/index'],
  // 议事
  ['member', 'packages/council/index'],
  ['member', `packages/council/issue/index${id(SEED_ISSUES.stairLights)}`],
  ['member', `packages/council/issue/index${id(SEED_ISSUES.elevator)}`],
  ['member', 'packages/council/meetings/index'],
  ['member', `packages/council/meeting/index${id(SEED_MEETINGS.upcoming)}`],
  ['member', `packages/council/meeting/index${id(SEED_MEETINGS.past)}`],
  ['member', 'packages/council/board/index'],
  ['member', `packages/council/notice/index${id(SEED_NOTICES.elevator)}`],
  ['member', 'packages/council/motions/index'],
  ['member', `packages/council/motion/index${id(SEED_MOTIONS.chargers)}`],
  ['member', 'packages/council/tasks/index'],
  ['member', `packages/council/task/index${id(SEED_TASKS.westGateLights)}`],
  ['member', 'packages/council/reports/index'],
  ['verified', 'packages/council/issue-new/index'],
  ['committee', 'packages/council/meeting-new/index'],
  ['committee', 'packages/council/motion-new/index'],
  ['committee', 'packages/council/notice-new/index'],
  ['committee', 'packages/council/task-new/index'],
  // 活动
  ['member', `packages/activities/index${id(SEED_ACTIVITIES.craft)}`],
  ['member', `packages/activities/index${id(SEED_ACTIVITIES.finished)}`],
  ['committee', 'packages/activities/edit/index'],
  // 邻里: 评选, 志愿, 爱心超市, 微心愿
  ['member', 'packages/awards/index'],
  ['member', `packages/awards/campaign/index${id(SEED_AWARDS.voting)}`],
  ['member', `packages/awards/candidate/index${id(`${SEED_AWARDS.voting}:c1`)}`],
  ['member', 'packages/awards/honours/index'],
  ['committee', 'packages/awards/campaign-new/index'],
  ['member', 'packages/volunteers/index'],
  ['member', `packages/volunteers/project/index${id(SEED_PROJECTS.meals)}`],
  ['verified', 'packages/volunteers/mine/index'],
  ['committee', 'packages/volunteers/review/index'],
  ['member', 'packages/mall/index'],
  ['member', 'packages/mall/wishes/index'],
  ['member', `packages/mall/wish/index${id(SEED_WISHES.open)}`],
  ['verified', 'packages/mall/orders/index'],
  ['verified', 'packages/mall/my-wishes/index'],
  ['committee', 'packages/mall/admin/index'],
  // 我的
  ['member', 'packages/account/messages/index'],
  ['member', 'packages/account/profile/index'],
  ['member', 'packages/account/privacy/index'],
  ['verified', 'packages/account/points/index'],
  ['member', 'packages/account/export/index'],
  // 工作台
  ['committee', 'packages/admin/index'],
  ['committee', 'packages/admin/members/index'],
  ['committee', 'packages/admin/invite/index'],
  ['committee', 'packages/admin/settings/index'],
  ['committee', 'packages/admin/buildings/index'],
  ['committee', 'packages/admin/assist/index'],
  ['street', 'packages/admin/street/index'],
]

let e: E2E
beforeAll(async () => {
  mkdirSync(DIR, { recursive: true })
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

// The page on screen is the one under the middle of the phone: Taro keeps the
// pages of its stack (and every tab visited) in the document, hidden or behind.
declare global {
  interface Window {
    sweepCurrent(): Element | null
  }
}
const CURRENT = `window.sweepCurrent = () => document.elementFromPoint(195, 420)?.closest('.taro_page') ?? null`

/** Opens `path` and waits for content: a new page on screen, its root there, no skeleton left. */
async function visit(page: Page, path: string): Promise<string | null> {
  await page.evaluate(() => window.sweepCurrent()?.setAttribute('data-sweep-left', ''))
  await page.goto(route(e.gateway, path))
  try {
    await page.waitForFunction(
      () => {
        const current = window.sweepCurrent()
        return !!current && !current.hasAttribute('data-sweep-left') && !!current.querySelector('.app-page') && !current.querySelector('.loading')
      },
      undefined,
      { timeout: 10_000 },
    )
  } catch {
    return 'still loading (or not shown) after 10 s'
  }
  // The last answers settling.
  await page.waitForTimeout(150)
  return null
}

type AxeRun = (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }>

async function inspect(page: Page, path: string, errors: string[]): Promise<string[]> {
  const problems: string[] = []
  const tab = TABS.some((t) => path.startsWith(t))
  const state = await page.evaluate((tab) => {
    const current = window.sweepCurrent()
    const visible = (el: Element | null | undefined) => !!el && (el as HTMLElement).offsetParent !== null
    const alert = current?.querySelector('.error-state[role="alert"]')
    const bar = document.getElementById('taro-navigation-bar')
    const way = !!bar && bar.classList.contains('taro-navigation-bar-show') && (bar.classList.contains('taro-navigation-bar-home-icon') || bar.classList.contains('taro-navigation-bar-back-icon'))
    return {
      error: visible(alert) ? (alert?.textContent ?? '') : null,
      way: tab ? visible(document.querySelector('.weui-tabbar')) : way,
    }
  }, tab)
  if (state.error !== null) problems.push(`error state 「${state.error.trim()}」`)
  if (!state.way) problems.push(tab ? 'no tab bar' : 'no navigation bar with a way back')
  if (errors.length) problems.push(`uncaught: ${errors.join(' | ')}`)
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: AxeRun } }).axe.run
    const include: unknown[] = [window.sweepCurrent()]
    for (const sel of ['#taro-navigation-bar', '.weui-tabbar']) if (document.querySelector(sel)) include.push([sel])
    const result = await run({ include }, { runOnly: { type: 'rule', values: ['color-contrast', 'label'] }, resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()})`).join('; ')}`)
  })
  problems.push(...violations)
  return problems
}

/** sweep/committee-elder-council-meeting-s2.png */
function shotName(persona: string, mode: string, path: string): string {
  const [where, query] = path.replace(/^(pages|packages)\//, '').replace(/\/index/, '').split('?id=')
  const which = query ? `-${decodeURIComponent(query).split(':').pop()}` : ''
  return `${persona.replace('demo-', '')}-${mode}-${where.replace(/\//g, '-')}${which}`
}

jest.setTimeout(600_000)

it.each(['standard', 'elder'] as const)('every persona opens every page it can reach, %s mode: content, a way back, AA contrast, labelled fields', async (mode) => {
  const findings: string[] = []
  for (const persona of PERSONAS) {
    const context = await e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true })
    await context.addInitScript(
      ({ openid, elder }) => {
        localStorage.setItem('devOpenid', openid)
        // Taro's storage format: the value under `data`.
        localStorage.setItem('elderMode', JSON.stringify({ data: elder }))
      },
      { openid: persona.openid, elder: mode === 'elder' },
    )
    await context.addInitScript({ content: `${AXE}\n${CURRENT}` })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    // Start on a page no route names, so that 首页 too opens as a new page.
    await page.goto(route(e.gateway, 'packages/account/privacy/index?from=sweep'))
    await page.waitForSelector('.app-page')
    for (const [reach, path] of ROUTES) {
      if (!persona.reach.includes(reach)) continue
      if (persona.areas && !path.startsWith('pages/') && !persona.areas.some((area) => path.startsWith(area))) continue
      const name = shotName(persona.openid, mode, path)
      errors.length = 0
      const stuck = await visit(page, path)
      const problems = stuck ? [stuck] : await inspect(page, path, errors)
      for (const problem of problems) findings.push(`${name}: ${problem}`)
      await page.screenshot({ path: join(DIR, `${name}.png`) })
    }
    if (mode === 'elder') expect(await page.evaluate(() => !!window.sweepCurrent()?.querySelector('.app-page.is-elder'))).toBe(true)
    await context.close()
  }
  expect(findings).toEqual([])
})
