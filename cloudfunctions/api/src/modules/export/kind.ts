/**
 * What one kind of export declares: who may ask for it, the filters it takes, and how
 * it builds its sheets. A kind reads its rows through the list action the committee
 * already works from (allPages), so the file holds what the list shows, read the way
 * the list reads it (paged, by declared indexes, scoped to the caller's community).
 */
import type { z } from 'zod'
import type { ActionContext, ActionDef } from '../../platform/action'
import { exportXlsx, type Sheet } from '../../platform/export'
import { forbidden } from '../../platform/errors'
import type { Role } from '../../platform/roles'

export interface Built {
  sheets: Array<Sheet<unknown>>
  /** what the audit entry names as exported */
  target: { collection: string; id: string }
}

export interface ExportKind<F extends z.ZodObject = z.ZodObject> {
  kind: string
  /** Chinese, for the file name the phone shows and the audit entry */
  label: string
  /** who may export it, beyond export.create's own roles; a kind may check more in build() */
  roles: readonly Role[]
  /** the filters beside `kind`, as the list they come from takes them */
  filters: F
  build(ctx: ActionContext<unknown>, filters: z.output<F>): Promise<Built>
}

export const exportKind = <F extends z.ZodObject>(k: ExportKind<F>): ExportKind<F> => k

/** A list's rows in one export: enough for a community, small enough for one function call. */
export const MAX_ROWS = 5000
/** Details (a timeline, a roster) are read for this many of the list's first rows. */
export const MAX_DETAILED = 200

/** The handler of another action, run with this request's context and that action's own (validated) input. */
export function runAs<O>(ctx: ActionContext<unknown>, def: ActionDef<z.ZodType, O>, input: Record<string, unknown>): Promise<O> {
  if (!def.roles.some((r) => ctx.caller.roles.has(r))) throw forbidden('你的身份不能查看这份名单')
  const parsed = def.input.parse(input)
  // The router's context carries its capabilities as getters: a child keeps them and changes only the input.
  return def.run(Object.create(ctx, { input: { value: parsed } }) as ActionContext<unknown>)
}

/** Every page of a paged list action, as its screen receives them, up to MAX_ROWS. */
export async function allPages<T>(ctx: ActionContext<unknown>, list: ActionDef<z.ZodType, { items: T[]; nextCursor?: string | null }>, input: Record<string, unknown>, pageSize = 50): Promise<T[]> {
  const rows: T[] = []
  let cursor: string | undefined
  do {
    const page = await runAs(ctx, list, { ...input, limit: pageSize, ...(cursor ? { cursor } : {}) })
    rows.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && rows.length < MAX_ROWS)
  return rows.slice(0, MAX_ROWS)
}

/** One detail per row, a few at a time (each is a few reads), for the first MAX_DETAILED rows. */
export async function eachDetail<T, D>(rows: readonly T[], read: (row: T) => Promise<D>, width = 4): Promise<Array<{ row: T; detail: D }>> {
  const queue = rows.slice(0, MAX_DETAILED).map((row, i) => ({ row, i }))
  const out: Array<{ row: T; detail: D }> = new Array(queue.length)
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) out[next.i] = { row: next.row, detail: await read(next.row) }
    }),
  )
  return out
}

export const yesNo = (b: boolean | null | undefined) => (b ? '是' : '否')
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : Math.round(fen) / 100)

/** Builds one kind's workbook and hands it out: the caller's roles decide which personal columns show in full. */
export async function runExport(ctx: ActionContext<unknown>, kind: ExportKind, filters: Record<string, unknown>, auditAction = 'export.create') {
  const built = await kind.build(ctx, filters)
  return exportXlsx(ctx, {
    name: kind.kind,
    sheets: built.sheets,
    roles: ctx.caller.roles,
    target: built.target,
    action: auditAction,
    details: { kind: kind.kind, filters },
  })
}
