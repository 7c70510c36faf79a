import dayjs from 'dayjs'

/** 11月23日 — the day a notice or event concerns, as residents write it. */
export function formatDay(iso: string): string {
  return dayjs(iso).format('MM月DD日')
}

/** 11月23日 19:30 — when something happens or happened, to the minute. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('MM月DD日 HH:mm')
}

/** 19:30 — a time on a day already named. */
export function formatTime(iso: string): string {
  return dayjs(iso).format('HH:mm')
}
