/**
 * China's working days: Monday to Friday, minus the public holidays the State
 * Council announces each year, plus the weekend days it makes working days in
 * exchange (调休). The announcements come from the `chinese-days` package's data.
 *
 * Its data is read directly rather than through its isWorkday(): that function
 * decides "is it a weekend" with the runtime's own time zone, which gives the wrong
 * day west of Greenwich. Here every day is a China calendar date, 'YYYY-MM-DD'.
 *
 * The data is bundled into the api (37 KB, parsed once per cold start): a deploy
 * after a `chinese-days` update is what brings a newly announced year in.
 */
import calendar from 'chinese-days/dist/chinese-days.json'
import type { Logger } from './log'

const HOLIDAYS: Record<string, string> = calendar.holidays
const SWAPPED_WORKDAYS: Record<string, string> = calendar.workdays

/**
 * The last year the data covers. The schedule for a year is announced in the
 * autumn before it, so for a few weeks a year the next one is not yet known.
 */
export const LAST_KNOWN_YEAR = Math.max(...Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))))

const warned = new Set<number>()

/**
 * Whether a China calendar date ('YYYY-MM-DD') is a working day. For a year the
 * data does not cover yet, the answer is Monday to Friday, and the first such
 * answer per year and process is logged: a deadline counted this way can fall a
 * day or more early around that year's holidays (元旦 included), so an operator
 * who sees the line knows to deploy an updated `chinese-days`.
 */
export function isChinaWorkday(day: string, log?: Logger): boolean {
  if (day in SWAPPED_WORKDAYS) return true
  if (day in HOLIDAYS) return false
  const year = Number(day.slice(0, 4))
  if (year > LAST_KNOWN_YEAR && log && !warned.has(year)) {
    warned.add(year)
    log.info('workdays.beyond-calendar', { year, lastKnownYear: LAST_KNOWN_YEAR, rule: 'Monday to Friday' })
  }
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}
