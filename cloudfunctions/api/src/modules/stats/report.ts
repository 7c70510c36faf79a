/**
 * 月报: one month's figures as a workbook for the 街道, a sheet per area, one block
 * of rows per community (the committee's report has its own community; the 街道's
 * has each of its communities). The same figures as stats.overview, the same
 * small-number rule: a cell about fewer than five people reads 「<5」.
 */
import { z } from 'zod'
import type { ActionContext } from '../../platform/action'
import { invalid } from '../../platform/errors'
import type { Column } from '../../platform/export'
import type { Role } from '../../platform/roles'
import { chinaDay } from '../../platform/time'
import type { CommunityFigures, Compared } from './figures'
import { statsFor, type CommunityStats } from './index'
import { addMonths, monthPeriod, TREND_MONTHS, type Periods } from './period'
import type { Figure } from './privacy'

export interface ReportRow {
  community: string
  metric: string
  value: Figure
  previous?: Figure
}

export interface ReportSheet {
  name: string
  columns: ReadonlyArray<Column<ReportRow>>
  rows: readonly ReportRow[]
}

const cell = (f: Figure | undefined) => (f === null || f === undefined ? null : f)
const change = (r: ReportRow) => (typeof r.value === 'number' && typeof r.previous === 'number' ? Math.round((r.value - r.previous) * 10) / 10 : null)

const COLUMNS: ReadonlyArray<Column<ReportRow>> = [
  { header: '社区', width: 16, value: (r) => r.community },
  { header: '指标', width: 28, value: (r) => r.metric },
  { header: '本月', width: 10, value: (r) => cell(r.value) },
  { header: '上月', width: 10, value: (r) => cell(r.previous) },
  { header: '较上月', width: 10, value: change },
]

type Area = { name: string; rows(f: CommunityFigures): Array<[metric: string, figure: Compared | Figure]> }

/** The areas of the report, in the order the 街道 reads them, each a sheet. */
const AREAS: Area[] = [
  {
    name: '居民',
    rows: (f) => [
      ['已认证居民（人）', f.residents.verified],
      ['已认证户数', f.residents.households],
      ['活跃居民（人）', f.residents.active],
    ],
  },
  {
    name: '议事',
    rows: (f) => [
      ['提出事项', f.matters.raised],
      ['答复事项', f.matters.answered],
      ['办结事项', f.matters.done],
      ['答复用时中位数（天）', f.matters.daysToAnswer],
      ['办结用时中位数（天）', f.matters.daysToDone],
      ...f.matters.byCategory.map((c): [string, Figure] => [`提出事项·${c.label}`, c.count]),
    ],
  },
  {
    name: '议事会',
    rows: (f) => [
      ['召开场次', f.meetings.held],
      ['报名（人次）', f.meetings.registered],
      ['到场（人次）', f.meetings.attended],
      ['到场率（%）', f.meetings.attendanceRate],
    ],
  },
  {
    name: '表决',
    rows: (f) => [
      ['结束的表决', f.ballots.motions],
      ['投票（票）', f.ballots.cast],
      ['参与率（%）', f.ballots.turnout],
    ],
  },
  {
    name: '满意度',
    rows: (f) => [
      ['评价（人次）', f.satisfaction.ratings],
      ['满意率（%，满意与基本满意）', f.satisfaction.rate],
    ],
  },
  {
    name: '活动',
    rows: (f) => [
      ['举办活动', f.activities.held],
      ['报名（人次）', f.activities.signups],
      ['签到（人次）', f.activities.attended],
    ],
  },
  {
    name: '志愿服务',
    rows: (f) => [
      ['服务时长（小时）', f.volunteers.hours],
      ['参与志愿者（人）', f.volunteers.people],
      ...f.volunteers.byProject.map((p): [string, Figure] => [`服务时长·${p.label}（小时）`, p.value]),
    ],
  },
  {
    name: '积分',
    rows: (f) => [
      ['发放积分', f.points.issued],
      ['兑换积分', f.points.redeemed],
    ],
  },
  {
    name: '评选',
    rows: (f) => [
      ['推荐', f.awards.nominations],
      ['投票居民（人）', f.awards.voters],
      ['有效票', f.awards.votes],
      ['参与率（%）', f.awards.participation],
    ],
  },
]

const isCompared = (x: Compared | Figure): x is Compared => typeof x === 'object' && x !== null

/** The report's sheets for these communities' figures. */
export function reportSheets(stats: readonly CommunityStats[]): ReportSheet[] {
  return AREAS.map((area) => ({
    name: area.name,
    columns: COLUMNS,
    rows: stats.flatMap((c) =>
      area.rows(c.figures).map(([metric, f]) => (isCompared(f) ? { community: c.name, metric, value: f.value, previous: f.previous } : { community: c.name, metric, value: f })),
    ),
  }))
}

/** A calendar month and the one before it, with the half year that ends with it as the trend. */
export function monthPeriods(month: string): Periods {
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - TREND_MONTHS + 1))
  return { current: monthPeriod(month), previous: monthPeriod(addMonths(month, -1)), months, trendStart: monthPeriod(months[0]).start }
}

/**
 * The monthly report of `month` (YYYY-MM; this month so far when absent) for the
 * communities the caller sees: the committee's own, or each of the 街道's.
 */
export async function monthlyReport(ctx: Pick<ActionContext<unknown>, 'member' | 'directory' | 'clock'>, month?: string) {
  const thisMonth = chinaDay(ctx.clock.now()).slice(0, 7)
  const m = month ?? thisMonth
  if (m > thisMonth) throw invalid('这个月份还没有到')
  const stats = await statsFor(ctx, monthPeriods(m))
  return { month: m, sheets: reportSheets(stats), communities: stats.length }
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

/**
 * The 月报 as a kind of export.create (modules/export): the committee and the admin
 * for their community, a 街道 account for each of its communities.
 */
export const monthlyReportExport = {
  kind: 'monthlyReport',
  label: '月报',
  roles: ['committee', 'admin', 'street'] as readonly Role[],
  filters: z.strictObject({ month: month.optional() }),
  async build(ctx: Pick<ActionContext<unknown>, 'member' | 'directory' | 'clock'>, filters: { month?: string }) {
    const report = await monthlyReport(ctx, filters.month)
    // Sheets of report rows; the export module writes sheets of any rows.
    return { sheets: report.sheets as unknown as Array<{ name: string; columns: ReadonlyArray<Column<unknown>>; rows: readonly unknown[] }>, target: { collection: 'stats', id: `monthlyReport:${report.month}` } }
  },
}
