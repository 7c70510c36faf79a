/** Times as responses carry them (ISO) and as residents read them (China Standard Time). */

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** A time as residents read it, in China Standard Time: `12月5日 19:30`. */
export function chinaTime(d: Date | string): string {
  const t = new Date(new Date(d).getTime() + 8 * 3_600_000)
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`
}

/** The calendar day in China Standard Time (YYYY-MM-DD), whatever the server's time zone: China keeps no summer time. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** The moment China's calendar day `day` (YYYY-MM-DD) begins. */
export const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`)

/** The hour of the day (0–23) in China Standard Time. */
export const chinaHour = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCHours()
