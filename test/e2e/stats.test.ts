/**
 * The committee opens 数据统计 in Chromium: the figures with 较上期 and the trend
 * charts (echarts on a canvas), then the same page in 长辈模式; the 街道 account sees
 * its communities side by side; the committee exports this month's 月报 (downloaded and
 * parsed: a sheet per area). Screenshots: test-results/e2e/stats-*.png
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(120_000)

/** A chart has drawn when its canvas holds pixels that are not blank. */
async function chartDrawn(page: Page, id: string): Promise<boolean> {
  await page.waitForSelector(`#${id} canvas`)
  return page.$eval(`#${id} canvas`, (c) => {
    const canvas = c as HTMLCanvasElement
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    let inked = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++
    return canvas.width > 100 && inked > 500
  })
}

it('the committee reads the statistics with their charts, in normal and 长辈模式', async () => {
  const { page } = await e.open('demo-committee')
  await e.go(page, 'packages/admin/index', '#link-stats')
  await page.click('#link-stats')
  await page.waitForSelector('#stats-figures')
  await page.waitForTimeout(600)
  expect(await page.textContent('#stats-period-text')).toContain('较上期')
  // This month's point counts only the days so far: the note says so (early in a month it looks like a fall).
  expect(await page.textContent('.stats-trend__note')).toMatch(/\d+月只计到今天/)
  expect(await page.textContent('#stat-matters-raised')).toMatch(/\d|<5/)
  expect(await chartDrawn(page, 'chart-residents')).toBe(true)
  expect(await chartDrawn(page, 'chart-volunteers')).toBe(true)
  await e.shot(page, 'stats-1-committee-top')
  await page.locator('#stats-satisfaction').scrollIntoViewIfNeeded()
  await e.shot(page, 'stats-2-committee-charts')

  // 月报: this month's workbook, a sheet per area, every sheet with its header.
  await page.locator('#stats-report').scrollIntoViewIfNeeded()
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-export')])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await download.path())!)
  expect(book.worksheets.map((w) => w.name)).toEqual(['居民', '议事', '议事会', '表决', '满意度', '活动', '志愿服务', '积分', '评选'])
  for (const ws of book.worksheets) expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['社区', '指标', '本月', '上月', '较上月'])
  expect(book.getWorksheet('议事')!.getRow(2).getCell(2).value).toBe('提出事项')

  // 上月: another period, asked again.
  const before = await page.textContent('#stats-period-text')
  await page.click('#period-lastMonth')
  await page.waitForFunction((t) => document.querySelector('#stats-period-text')?.textContent !== t, before)
  expect(await page.textContent('.stats-trend__note')).not.toContain('只计到')

  // 长辈模式: larger figures and a taller chart.
  const normalHeight = await page.$eval('#chart-residents canvas', (c) => c.getBoundingClientRect().height)
  await e.elderMode(page)
  await e.go(page, 'packages/stats/index', '#stats-figures')
  await page.waitForSelector('#page-stats.is-elder')
  expect(await chartDrawn(page, 'chart-residents')).toBe(true)
  expect(await page.$eval('#chart-residents canvas', (c) => c.getBoundingClientRect().height)).toBeGreaterThan(normalHeight)
  await e.shot(page, 'stats-3-committee-elder')
  await page.locator('#chart-matters').scrollIntoViewIfNeeded()
  await e.shot(page, 'stats-4-committee-elder-charts')
})

it('the 街道 sees each of its communities side by side, and a resident is turned away', async () => {
  const street = await e.open('demo-street')
  await e.go(street.page, 'packages/admin/street/index', '#link-street-stats')
  await street.page.click('#link-street-stats')
  await street.page.waitForSelector('#stats-figures')
  expect(await chartDrawn(street.page, 'chart-residents')).toBe(true)
  await e.shot(street.page, 'stats-5-street')

  const resident = await e.open('demo-resident')
  await e.go(resident.page, 'packages/stats/index', '#stats-forbidden')
})
