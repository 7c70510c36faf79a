/**
 * Issue 3 across personas in Chromium: a new user joins with the invite code and
 * registers a household; waiting for verification they are told who verifies them
 * before they may register for a meeting; the building lead verifies it; the user sees 已认证; an admin
 * makes them a volunteer; 长辈模式 enlarges the text on every tab page.
 * Screenshots: test-results/e2e/identity-*.png
 */
import type { Page } from 'playwright-core'
import { SEED_ISSUES, SEED_MEETINGS } from '../../local/seed/council'
import { route, startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(90_000)

const NICK = '新来的小周'
const meetingPage = `packages/council/meeting/index?id=${encodeURIComponent(SEED_MEETINGS.upcoming)}`

async function meStatus(page: Page) {
  await page.goto(route(e.gateway, 'pages/me/index'))
  await page.reload()
  await page.waitForSelector('#me-status')
  return (await page.textContent('#me-status'))?.trim()
}

it('a newcomer joins, is verified by the building lead, and is made a volunteer by an admin', async () => {
  // 1. demo-visitor has no community: 首页 offers 加入社区.
  const visitor = await e.open('demo-visitor')
  const v = visitor.page
  await v.waitForSelector('#home-join')
  await e.shot(v, 'identity-1-home-join')
  // A matter shared to the building's group, opened before joining: the way in, not an error with 重试.
  await e.go(v, `packages/council/issue/index?id=${encodeURIComponent(SEED_ISSUES.squareDance)}`, '#error-join')
  expect(await v.locator('text=重试').count()).toBe(0)
  await e.shot(v, 'identity-1b-shared-matter-before-joining')
  await v.click('#error-join-button')
  await v.fill('#join-code input', 'LJ2026')
  await v.click('#join-lookup')
  await v.waitForSelector('#building-2')
  await v.click('#building-2')
  await v.click('#unit-0')
  await v.click('#room-101')
  expect(await v.textContent('#join-chosen')).toContain('3号楼1单元101')
  await v.fill('#join-nickname input', NICK)
  await v.click('#join-consent')
  await e.shot(v, 'identity-2-join-form')
  await v.click('#join-submit')
  // Joined from the shared matter: back on it, now as a member.
  await v.waitForSelector('#issue-detail')
  await e.shot(v, 'identity-3-joined')
  expect(await meStatus(v)).toBe('待认证')
  await e.shot(v, 'identity-4-me-pending')
  // Registering for a meeting waits for verification, and the page says who verifies.
  await e.go(v, meetingPage, '#meeting-detail')
  expect(await v.textContent('#meeting-verify-first')).toContain('居委会或楼栋长')
  expect(await v.locator('#meeting-register').count()).toBe(0)
  await e.shot(v, 'identity-4b-meeting-verify-first')

  // 2. The lead of 3号楼 confirms the household from the workbench.
  const lead = await e.open('demo-lead3')
  const l = lead.page
  await l.goto(route(e.gateway, 'pages/me/index'))
  await l.waitForSelector('#link-admin')
  // The lead was told (消息) and the way to the workbench carries the count waiting.
  await l.waitForSelector('#admin-pending-badge')
  expect(Number(await l.textContent('#admin-pending-badge'))).toBeGreaterThanOrEqual(1)
  await e.shot(l, 'identity-5a-lead-badge')
  await l.click('#link-admin')
  const item = l.locator('#pending-list .pending-item', { hasText: NICK })
  await item.waitFor()
  await e.shot(l, 'identity-5-workbench-pending')
  await item.locator('.approve').click()
  await l.waitForSelector('.taro__toast', { state: 'attached' })
  await lead.context.close()

  // 3. The newcomer is told, and now sees 已认证, and may register for the meeting.
  expect(await meStatus(v)).toBe('已认证')
  await e.go(v, 'packages/account/messages/index', '#page-messages')
  await v.waitForSelector('text=住户认证已通过')
  await e.shot(v, 'identity-5b-told-verified')
  await e.shot(v, 'identity-6-me-verified')
  await e.go(v, meetingPage, '#meeting-register')
  expect(await v.locator('#meeting-verify-first').count()).toBe(0)

  // 4. An admin makes them a volunteer.
  const admin = await e.open('demo-admin')
  const a = admin.page
  await a.goto(route(e.gateway, 'pages/me/index'))
  await a.waitForSelector('#link-admin')
  await a.click('#link-admin')
  await a.waitForSelector('#link-members')
  await a.click('#link-members')
  await a.fill('#member-search input', '小周')
  await a.click('#member-search-submit')
  const row = a.locator('.member-row', { hasText: NICK })
  await row.waitFor()
  await row.locator('.grant-volunteer').click()
  await row.locator('.revoke-volunteer').waitFor()
  await e.shot(a, 'identity-7-admin-granted')
  await admin.context.close()

  // 5. 我的 lists 志愿者.
  await meStatus(v)
  await v.waitForSelector('#me-roles .role-tag')
  expect(await v.locator('#me-roles .role-tag').allTextContents()).toEqual(expect.arrayContaining(['志愿者']))
  await e.shot(v, 'identity-8-me-volunteer')
  await visitor.context.close()
})

it('长辈模式 enlarges the text on every tab page', async () => {
  const { page, context } = await e.open('demo-resident')
  const tabs = ['home', 'council', 'activities', 'neighbours', 'me']
  const size = async (tab: string) => {
    await page.goto(route(e.gateway, `pages/${tab}/index`))
    await page.waitForSelector(`#page-${tab}`)
    await page.waitForTimeout(300)
    // The body text size the page actually renders: the most common font size among its text.
    return page.locator(`#page-${tab}`).evaluate((root) => {
      const counts = new Map<number, number>()
      root.querySelectorAll('*').forEach((el) => {
        if (!el.childNodes.length || !Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())) return
        const px = parseFloat(getComputedStyle(el).fontSize)
        counts.set(px, (counts.get(px) ?? 0) + 1)
      })
      return [...counts.entries()].sort((x, y) => y[1] - x[1])[0][0]
    })
  }
  const normal: Record<string, number> = {}
  for (const tab of tabs) normal[tab] = await size(tab)

  await page.goto(route(e.gateway, 'pages/me/index'))
  await page.waitForSelector('#elder-switch')
  await page.click('#elder-switch')
  await page.waitForSelector('#page-me.is-elder')
  for (const tab of tabs) {
    const elder = await size(tab)
    expect({ tab, ratio: +(elder / normal[tab]).toFixed(2) }).toEqual({ tab, ratio: expect.any(Number) })
    expect(elder / normal[tab]).toBeGreaterThanOrEqual(1.25)
    expect(await page.locator(`#page-${tab}.is-elder`).count()).toBe(1)
    await e.shot(page, `identity-9-elder-${tab}`)
  }
  await context.close()
})
