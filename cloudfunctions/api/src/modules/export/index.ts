/**
 * 导出 Excel: one action for every list the committee works from. `kind` picks an
 * entry of the table below; each entry (kinds/*.ts) declares its Chinese columns, who
 * may see which personal columns in full, and reads its rows through the list action
 * the screen uses. The file goes to storage under exports/<community>/ and every
 * export writes the audit log (platform/export).
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { forbidden, invalid } from '../../platform/errors'
import { describeZodError } from '../../platform/validation'
import { activitiesExport } from './kinds/activities'
import { auditLogExport } from './kinds/auditLog'
import { awardsExport } from './kinds/awards'
import { mattersExport } from './kinds/matters'
import { meetingsExport } from './kinds/meetings'
import { membersExport } from './kinds/members'
import { motionsExport } from './kinds/motions'
import { pointsExport } from './kinds/points'
import { tasksExport } from './kinds/tasks'
import { volunteerHoursExport } from './kinds/volunteerHours'
import { monthlyReportExport } from '../stats/report'
import { runExport, type ExportKind } from './kind'

export const EXPORT_KINDS = {
  members: membersExport,
  matters: mattersExport,
  meetings: meetingsExport,
  motions: motionsExport,
  tasks: tasksExport,
  activities: activitiesExport,
  volunteerHours: volunteerHoursExport,
  points: pointsExport,
  awards: awardsExport,
  auditLog: auditLogExport,
  // built with the statistics (modules/stats/report.ts): a sheet per area
  monthlyReport: monthlyReportExport,
} as const satisfies Record<string, ExportKind>

export type ExportKindName = keyof typeof EXPORT_KINDS

/** What a client sends: a kind and that kind's own filters (the schema below accepts them all, each kind checks its own). */
export type ExportRequest = { [K in ExportKindName]: { kind: K } & FiltersOf<(typeof EXPORT_KINDS)[K]['filters']> }[ExportKindName]
// A kind without filters parses as Record<string, never>, which would forbid `kind` itself.
type FiltersOf<F extends z.ZodType> = string extends keyof z.input<F> ? object : z.input<F>

const kinds = Object.values(EXPORT_KINDS) as ExportKind[]

/** A filter's type without the default or optionality one kind gives it: the kind applies its own when it parses. */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType
  return s
}

/**
 * Every kind's filters side by side, each optional: one strict object that the API
 * reference can list. Which of them a kind takes, and their defaults, the kind's own
 * schema says when the handler parses the request with it.
 */
function inputOf(list: readonly ExportKind[]) {
  const byKey = new Map<string, z.ZodType[]>()
  for (const k of list) for (const [key, schema] of Object.entries(k.filters.shape)) byKey.set(key, [...(byKey.get(key) ?? []), bare(schema as z.ZodType)])
  const merged = (types: z.ZodType[]): z.ZodType =>
    types.length === 1
      ? types[0]
      : types.every((t) => t instanceof z.ZodEnum)
        ? z.enum([...new Set(types.flatMap((t) => (t as z.ZodEnum).options as string[]))] as [string, ...string[]])
        : z.union(types as [z.ZodType, z.ZodType, ...z.ZodType[]])
  const shape = Object.fromEntries([...byKey].map(([key, types]) => [key, merged(types).optional()]))
  return z.strictObject({ kind: z.enum(list.map((k) => k.kind) as [ExportKindName, ...ExportKindName[]]), ...shape })
}

export const createExport = action({
  name: 'export.create',
  summary: `导出 Excel（.xlsx）：${kinds.map((k) => `${k.kind} ${k.label}`).join('、')}；各类的筛选条件与对应列表相同；中文表头，个人信息按身份打码，不含 openid；文件 15 分钟内可下载，写入审计日志（居委会、管理员；楼栋长可导出自己楼栋的成员；街道可导出月报）`,
  roles: ['committee', 'admin', 'buildingLead', 'street'],
  input: inputOf(kinds) as unknown as z.ZodType<ExportRequest, ExportRequest>,
  async run(ctx) {
    const { kind: name, ...given } = ctx.input as { kind: ExportKindName } & Record<string, unknown>
    const kind: ExportKind = EXPORT_KINDS[name]
    if (!kind.roles.some((r) => ctx.caller.roles.has(r))) throw forbidden('这份名单只有居委会可以导出')
    const filters = kind.filters.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)))
    if (!filters.success) throw invalid(`「${kind.label}」${describeZodError(filters.error)}`)
    const out = await runExport(ctx, kind, filters.data)
    return { fileID: out.fileID, url: out.url, rows: out.rows, fileName: `${kind.label}.xlsx` }
  },
})

export const actions = [createExport] as const
