import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Every time a resident reads or picks is China time (UTC+8, no daylight saving),
 * whatever zone the phone or the browser is set to: a meeting at 19:30 is 19:30
 * for a resident abroad helping their parents too, and the server's China day
 * (votes per day, reminders) is the day the screen names.
 */
const CHINA_OFFSET_MINUTES = 8 * 60

/** A moment seen on China's clock and calendar: format, add days, start or end of a day there. */
export function inChina(at: string | number | Date): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)
}

/** The moment a China-time day and clock name: `fromChina('2026-12-01', '19:30')`. */
export function fromChina(day: string, time = '00:00'): Dayjs {
  return dayjs(`${day}T${time}:00+08:00`).utcOffset(CHINA_OFFSET_MINUTES)
}

/** 11月23日 — the day a notice or event concerns, as residents write it. */
export function formatDay(iso: string): string {
  return inChina(iso).format('MM月DD日')
}

/** 11月23日 19:30 — when something happens or happened, to the minute. */
export function formatDateTime(iso: string): string {
  return inChina(iso).format('MM月DD日 HH:mm')
}

/** 19:30 — a time on a day already named. */
export function formatTime(iso: string): string {
  return inChina(iso).format('HH:mm')
}
