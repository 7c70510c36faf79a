/**
 * The period a statistics page or a monthly report covers, in China's calendar,
 * the period before it of the same length (较上期), and the months of the trend
 * lines. Pure: the client shows the same words for them.
 */
import { invalid } from '../../platform/errors'
import { chinaDay, chinaDayStart } from '../../platform/time'

const DAY = 86_400_000
/** A year and a day: a leap year's whole year fits. */
export const MAX_DAYS = 367
/** Months a trend line shows at least, ending with the period's last month. */
export const TREND_MONTHS = 6
export const MAX_TREND_MONTHS = 24

export interface Period {
  /** first day, China calendar, YYYY-MM-DD */
  from: string
  /** last day, included */
  to: string
  days: number
  start: Date
  /** the moment after the last day (exclusive) */
  end: Date
}

export interface Periods {
  current: Period
  previous: Period
  /** the trend's months, oldest first: YYYY-MM */
  months: string[]
  /** the trend's span: its first month's first moment to the current period's end */
  trendStart: Date
}

const addDays = (day: string, n: number) => chinaDay(new Date(chinaDayStart(day).getTime() + n * DAY))
const daysBetween = (from: string, to: string) => Math.round((chinaDayStart(to).getTime() - chinaDayStart(from).getTime()) / DAY) + 1

export function period(from: string, to: string): Period {
  return { from, to, days: daysBetween(from, to), start: chinaDayStart(from), end: chinaDayStart(addDays(to, 1)) }
}

/** `YYYY-MM` plus n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const k = y * 12 + (m - 1) + n
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
}

/** A calendar month as a period: its first to its last day. */
export function monthPeriod(month: string): Period {
  return period(`${month}-01`, addDays(`${addMonths(month, 1)}-01`, -1))
}

/**
 * The period asked for (this month so far when nothing is given), the one before
 * it of the same length, and the trend's months. A day that is not a day, a period
 * that ends before it starts or spans more than a year is the caller's mistake.
 */
export function periodsOf(input: { from?: string; to?: string }, now: Date): Periods {
  const today = chinaDay(now)
  const to = input.to ?? (input.from && input.from > today ? input.from : today)
  const from = input.from ?? (input.to ? `${input.to.slice(0, 7)}-01` : `${today.slice(0, 7)}-01`)
  for (const day of [from, to]) {
    if (chinaDay(chinaDayStart(day)) !== day) throw invalid(`「${day}」不是一个有效的日期`)
  }
  if (from > to) throw invalid('开始日期不能晚于结束日期')
  const current = period(from, to)
  if (current.days > MAX_DAYS) throw invalid('统计时段最长一年')
  const previous = previousOf(current)
  const last = to.slice(0, 7)
  const span = Math.min(MAX_TREND_MONTHS, Math.max(TREND_MONTHS, monthsFrom(from.slice(0, 7), last)))
  const months = Array.from({ length: span }, (_, i) => addMonths(last, i - span + 1))
  return { current, previous, months, trendStart: chinaDayStart(`${months[0]}-01`) }
}

/**
 * The period before, of the same length; for whole calendar months (本月, 上月, a
 * quarter) the same number of whole months before, so November compares with October;
 * for months so far (本月 on the 1st to the 15th, a quarter so far) the same days that
 * many months before (环比同期): December 1–15 compares with November 1–15, not with the
 * fortnight before it, and March 1–30 with the whole of February.
 */
export function previousOf(p: Period): Period {
  if (!p.from.endsWith('-01')) return period(addDays(p.from, -p.days), addDays(p.from, -1))
  const n = monthsFrom(p.from.slice(0, 7), p.to.slice(0, 7))
  const from = `${addMonths(p.from.slice(0, 7), -n)}-01`
  if (addDays(p.to, 1).endsWith('-01')) return period(from, addDays(p.from, -1))
  const month = addMonths(p.to.slice(0, 7), -n)
  const lastDay = monthPeriod(month).to
  const to = `${month}-${p.to.slice(8)}`
  return period(from, to > lastDay ? lastDay : to)
}

const monthsFrom = (a: string, b: string) => {
  const [ya, ma] = a.split('-').map(Number)
  const [yb, mb] = b.split('-').map(Number)
  return (yb - ya) * 12 + (mb - ma) + 1
}

/** The month (YYYY-MM) a moment falls in, China time. */
export const chinaMonth = (at: Date) => chinaDay(at).slice(0, 7)
