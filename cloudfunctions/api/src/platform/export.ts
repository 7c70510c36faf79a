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
import type { Role } from './roles'

export type Cell = string | number | Date | null | undefined

export interface Column<R> {
  header: string
  /** characters wide, roughly (a 汉字 counts two) */
  width?: number
  value(row: R, index: number): Cell
  /** masked on the way out: a person's name, a phone number */
  personal?: 'name' | 'phone'
  /**
   * roles that see this personal column as stored, because the list they work from
   * already shows it to them (the committee's member list shows phones); everyone
   * else gets it masked
   */
  plainFor?: readonly Role[]
}

/** One row's cells, masked where the column holds personal data the reader's roles may not see in full. */
export function cellsOf<R>(columns: ReadonlyArray<Column<R>>, row: R, index: number, roles: ReadonlySet<Role> = new Set()): Cell[] {
  return columns.map((c) => {
    const v = c.value(row, index)
    if (v === null || v === undefined || v === '') return null
    if (c.personal && c.plainFor?.some((r) => roles.has(r))) return v
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

/** One sheet of a workbook: its rows and the columns that turn a row into cells. */
export interface Sheet<R = never> {
  name: string
  columns: ReadonlyArray<Column<R>>
  rows: readonly R[]
}

/** A sheet whose row type is checked where it is built and forgotten after, so sheets of different rows share a list. */
export const sheet = <R>(s: Sheet<R>): Sheet<unknown> => s as unknown as Sheet<unknown>

/** Excel refuses sheet names over 31 characters, with []:*?/\, or twice in a book. */
function sheetNames(names: string[]): string[] {
  const seen = new Set<string>()
  return names.map((raw, i) => {
    let n = (raw.replace(/[[\]:*?/\\]/g, ' ').trim() || `表${i + 1}`).slice(0, 31)
    if (seen.has(n)) n = `${n.slice(0, 27)}（${i + 1}）`
    seen.add(n)
    return n
  })
}

/** The workbook's bytes. exceljs is loaded on the first export only: most calls never need it. */
export async function writeBook(sheets: ReadonlyArray<Sheet<unknown>>, roles: ReadonlySet<Role> = new Set()): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '厝边议事厅'
  const names = sheetNames(sheets.map((s) => s.name))
  sheets.forEach((s, k) => {
    const ws = book.addWorksheet(names[k], { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = s.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? Math.max(8, c.header.length * 2 + 2) }))
    ws.getRow(1).font = { bold: true }
    s.rows.forEach((row, i) => ws.addRow(cellsOf(s.columns, row, i, roles)))
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

export interface ExportRequest {
  /** part of the file name, e.g. `activity-registrations` */
  name: string
  sheets: ReadonlyArray<Sheet<unknown>>
  /** the reader's roles: a personal column shows in full only to the roles it names */
  roles?: ReadonlySet<Role>
  /** what was exported, for the audit log */
  target: { collection: string; id: string }
  action: string
  /** what the audit entry records beside the file: the kind and filters asked for */
  details?: Record<string, unknown>
}

/** Minutes a download link lives: long enough to open, short enough not to be a standing link to personal data. */
const LINK_SECONDS = 15 * 60

/** Writes the .xlsx to storage, audits the export, and hands back the file id and a download link. */
export async function exportXlsx(ctx: Pick<ActionContext<unknown>, 'storage' | 'clock' | 'audit' | 'db'>, req: ExportRequest): Promise<{ fileID: string; url: string; rows: number }> {
  const bytes = await writeBook(req.sheets, req.roles)
  const stamp = chinaStamp(ctx.clock.now())!.replace(/[- :]/g, '')
  const cloudPath = `exports/${ctx.db.communityId}/${req.name}-${stamp}-${randomBytes(4).toString('hex')}.xlsx`
  const fileID = await ctx.storage.upload(cloudPath, bytes)
  const rows = req.sheets[0]?.rows.length ?? 0
  await ctx.audit({
    action: req.action,
    target: req.target,
    after: { ...req.details, fileID, rows, sheets: req.sheets.map((s) => ({ name: s.name, rows: s.rows.length, columns: s.columns.map((c) => c.header) })) },
  })
  const url = (await ctx.storage.downloadUrls([fileID], LINK_SECONDS)).get(fileID) ?? ''
  return { fileID, url, rows }
}
