import dayjs from 'dayjs'

/** 11月23日 — the day a notice or event concerns, as residents write it. */
export function formatDay(iso: string): string {
  return dayjs(iso).format('MM月DD日')
}
