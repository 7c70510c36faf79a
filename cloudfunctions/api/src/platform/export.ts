/**
 * Lists an organiser or the committee downloads as a real .xlsx (Excel, WPS): one
 * sheet, a bold frozen header row of Chinese column names, one row per record.
 * Personal data leaves masked whatever the caller passes: a column that holds a
 * name or a phone says so, and the writer masks it (platform/privacy), so no list
 * can forget. The file is written to storage under `exports/<community>/`, handed
 * back as a file id with a short-lived download link, and the export is audited.
 */
import { randomBytes } from 'node:crypto'
import type { ActionContext } from './action'
import { maskName, maskPhone } from './privacy'

export type Cell = string | number | Date | null | undefined

export interface Column<R> {
  header: string
  /** characters wide, roughly (a 汉字 counts two) */
  width?: number
  value(row: R, index: number): Cell
  /** masked on the way out: a person's name, a phone number */
  personal?: 'name' | 'phone'
}

/** One row's cells, masked where the column holds personal data. */
export function cellsOf<R>(columns: ReadonlyArray<Column<R>>, row: R, index: number): Cell[] {
  return columns.map((c) => {
    const v = c.value(row, index)
    if (v === null || v === undefined || v === '') return null
    if (c.personal === 'name') return maskName(String(v))
    if (c.personal === 'phone') return maskPhone(String(v))
    return v
  })
}

/** China Standard Time, as a spreadsheet reader expects a time: `2026-12-05 19:30`. */
export function chinaStamp(d: Date | string | null | undefined): string | null {
  if (!d) return null
  return new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The workbook's bytes. exceljs is loaded on the first export only: most calls never need it. */
export async function writeXlsx<R>(sheetName: string, columns: ReadonlyArray<Column<R>>, rows: readonly R[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '厝边议事厅'
  const sheet = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? Math.max(8, c.header.length * 2 + 2) }))
  sheet.getRow(1).font = { bold: true }
  rows.forEach((row, i) => sheet.addRow(cellsOf(columns, row, i)))
  return Buffer.from(await book.xlsx.writeBuffer())
}

export interface ExportRequest<R> {
  /** part of the file name, e.g. `activity-registrations` */
  name: string
  sheet: string
  columns: ReadonlyArray<Column<R>>
  rows: readonly R[]
  /** what was exported, for the audit log */
  target: { collection: string; id: string }
  action: string
}

/** Minutes a download link lives: long enough to open, short enough not to be a standing link to personal data. */
const LINK_SECONDS = 15 * 60

/** Writes the .xlsx to storage, audits the export, and hands back the file id and a download link. */
export async function exportXlsx<R>(ctx: Pick<ActionContext<unknown>, 'storage' | 'clock' | 'audit' | 'db'>, req: ExportRequest<R>): Promise<{ fileID: string; url: string; rows: number }> {
  const bytes = await writeXlsx(req.sheet, req.columns, req.rows)
  const stamp = chinaStamp(ctx.clock.now())!.replace(/[- :]/g, '')
  const cloudPath = `exports/${ctx.db.communityId}/${req.name}-${stamp}-${randomBytes(4).toString('hex')}.xlsx`
  const fileID = await ctx.storage.upload(cloudPath, bytes)
  await ctx.audit({ action: req.action, target: req.target, after: { fileID, rows: req.rows.length, columns: req.columns.map((c) => c.header) } })
  const url = (await ctx.storage.downloadUrls([fileID], LINK_SECONDS)).get(fileID) ?? ''
  return { fileID, url, rows: req.rows.length }
}
