/**
 * CloudBase timer triggers use 7-field cron expressions: second minute hour day
 * month weekday year. The gateway fires the function's timers locally with this
 * small matcher (`*`, numbers, lists, ranges and `*\/n` steps; enough for config.json).
 */
export type CronMatcher = (d: Date) => boolean

function field(spec: string, value: number): boolean {
  return spec.split(',').some((part) => {
    const [range, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    if (range === '*' || range === '?') return value % step === 0
    const [lo, hi] = range.split('-').map(Number)
    if (hi === undefined) return stepText ? value >= lo && (value - lo) % step === 0 : value === lo
    return value >= lo && value <= hi && (value - lo) % step === 0
  })
}

export function parseCron(expr: string): CronMatcher {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) throw new Error(`cron "${expr}" needs 7 fields (second minute hour day month weekday year)`)
  const [sec, min, hour, day, month, weekday, year] = parts
  return (d) =>
    field(sec, d.getSeconds()) &&
    field(min, d.getMinutes()) &&
    field(hour, d.getHours()) &&
    field(day, d.getDate()) &&
    field(month, d.getMonth() + 1) &&
    field(weekday, d.getDay()) &&
    field(year, d.getFullYear())
}

/** How far back a jump of the clock is searched for a due time: far enough for a weekly timer. */
const CATCH_UP_SECONDS = 8 * 24 * 3600

/**
 * Whether the schedule falls on a second after `from` and up to `to` (ms). A clock
 * moved on by days yields one firing, not one per missed minute: every job here
 * works from the time it is run (closes what is due by then), as CloudBase's timers
 * do after an outage. A clock moved back fires nothing.
 */
export function firesBetween(matches: CronMatcher, from: Date, to: Date): boolean {
  const last = Math.floor(to.getTime() / 1000)
  const first = Math.max(Math.floor(from.getTime() / 1000) + 1, last - CATCH_UP_SECONDS)
  for (let s = last; s >= first; s--) if (matches(new Date(s * 1000))) return true
  return false
}
