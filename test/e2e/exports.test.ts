/**
 * 导出 Excel in Chromium: the committee exports the member list from 成员与角色 and the
 * file it downloads parses as a workbook of the list; the export then shows in 审计日志,
 * whose own export downloads too.
 */
import ExcelJS from 'exceljs'
import type { Download } from 'playwright-core'
import { startE2E, type E2E } from '../helpers/browser'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 60_000)
afterAll(() => e?.close())

jest.setTimeout(120_000)

/** The downloaded workbook's sheets, each as rows of cell texts (row 0 the header). */
async function sheetsOf(download: Download): Promise<Map<string, string[][]>> {
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await download.path())!)
  return new Map(
    book.worksheets.map((ws) => [
      ws.name,
      (ws.getSheetValues() as unknown[][]).filter(Boolean).map((cells) => cells.slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))),
    ]),
  )
}

it('the committee exports the member list, then finds the export in the audit log and exports that too', async () => {
  const { page } = await e.open('demo-committee')
  await e.go(page, 'packages/admin/members/index', '#export-members')
  const [members] = await Promise.all([page.waitForEvent('download'), page.click('#export-members')])
  const book = await sheetsOf(members)
  const rows = book.get('成员')!
  expect(rows[0]).toEqual(expect.arrayContaining(['序号', '昵称', '真实姓名', '手机号', '楼栋/房号', '认证状态']))
  expect(rows.length).toBeGreaterThan(5)
  expect(book.get('住户')![0][0]).toBe('楼栋/房号')
  expect(JSON.stringify([...book.values()])).not.toMatch(/demo-[a-z]/)

  await e.go(page, 'packages/admin/index', '#link-audit')
  await page.click('#link-audit')
  await page.waitForSelector('#audit-list .audit-entry')
  expect(await page.textContent('#audit-list')).toContain('导出 Excel')
  const [log] = await Promise.all([page.waitForEvent('download'), page.click('#audit-export')])
  const entries = (await sheetsOf(log)).get('审计日志')!
  expect(entries[0]).toEqual(expect.arrayContaining(['时间', '经办人（打码）', '操作', '操作代码']))
  expect(entries.slice(1).map((r) => r[entries[0].indexOf('操作代码')])).toContain('export.create')

  // A resident does not find the page's tools.
  const resident = await e.open('demo-resident')
  await e.go(resident.page, 'packages/admin/audit/index', '#admin-forbidden')
})
