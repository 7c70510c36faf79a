/**
 * Every time a resident reads or picks is China time (UTC+8, no daylight saving),
 * whatever zone the phone or the browser is set to: a meeting at 19:30 is 19:30
 * for a resident abroad helping their parents too, and the server's China day
 * (votes per day, reminders) is the day the screen names.
 */
export { fromChina, inChina } from './chinaCalendar'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** The moment's China wall clock, read through the UTC getters (no zone of the phone involved). */
function chinaClock(iso: string): Date {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 11月23日 — the day a notice or event concerns, as residents write it. */
export function formatDay(iso: string): string {
  const at = chinaClock(iso)
  return `${pad(at.getUTCMonth() + 1)}月${pad(at.getUTCDate())}日`
}

/** 19:30 — a time on a day already named. */
export function formatTime(iso: string): string {
  const at = chinaClock(iso)
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
}

/** 11月23日 19:30 — when something happens or happened, to the minute. */
export function formatDateTime(iso: string): string {
  return `${formatDay(iso)} ${formatTime(iso)}`
}
