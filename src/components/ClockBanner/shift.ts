const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * 已快进 2 天 3 小时 / 已调回 45 分钟: how far a clock stands from real time, in the
 * two largest units a person would say (minutes only under a day).
 */
export function describeShift(shiftMs: number): string {
  const abs = Math.abs(shiftMs)
  const days = Math.floor(abs / DAY)
  const hours = Math.floor((abs % DAY) / HOUR)
  const minutes = Math.floor((abs % HOUR) / MINUTE)
  const parts = [days && `${days} 天`, hours && `${hours} 小时`, !days && minutes && `${minutes} 分钟`].filter(Boolean)
  return `${shiftMs < 0 ? '已调回' : '已快进'}${parts.length ? ` ${parts.join(' ')}` : '不到 1 分钟'}`
}
