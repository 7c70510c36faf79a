import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

// dayjs only where a page computes with China days (forms, deadlines); date.ts
// re-exports these, so the tab pages, which only format, leave dayjs (~9 KiB)
// out of the mini-program's main package.
const CHINA_OFFSET_MINUTES = 8 * 60

/** A moment seen on China's clock and calendar: format, add days, start or end of a day there. */
export function inChina(at: string | number | Date): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)
}

/** The moment a China-time day and clock name: `fromChina('2026-12-01', '19:30')`. */
export function fromChina(day: string, time = '00:00'): Dayjs {
  return dayjs(`${day}T${time}:00+08:00`).utcOffset(CHINA_OFFSET_MINUTES)
}
