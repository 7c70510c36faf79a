/**
 * The local world's clock: the time it would be (the real time, or the clock a test
 * injects) plus however far a developer has moved it with POST /dev/clock. The api,
 * the timers and the H5 app all read it, so a 公示 period or a vote can end without
 * waiting days. Local only: production code never sees this module.
 */
export interface Clock {
  now(): Date
}

export interface LocalClock extends Clock {
  /** how far the clock stands from the time it follows, in ms (0: not moved) */
  offsetMs(): number
  advance(ms: number): void
  set(at: Date): void
  reset(): void
}

export function localClock(base: Clock = { now: () => new Date() }): LocalClock {
  let offset = 0
  return {
    now: () => new Date(base.now().getTime() + offset),
    offsetMs: () => offset,
    advance(ms) {
      offset += ms
    },
    set(at) {
      offset = at.getTime() - base.now().getTime()
    },
    reset() {
      offset = 0
    },
  }
}

/** Further than this either way and a typo, not a plan: a year. */
const MAX_SHIFT_MS = 366 * 24 * 3600 * 1000

export type ClockChange = { advanceMs: number } | { set: Date } | { reset: true }

/**
 * The body of POST /dev/clock, checked: exactly one of `advanceMs` (whole ms, may be
 * negative), `set` (an ISO date-time with its offset) or `reset: true`. A Chinese
 * message says what is wrong otherwise.
 */
export function parseClockChange(body: unknown, now: Date): ClockChange | { error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: '请求体应为 JSON 对象' }
  const keys = Object.keys(body)
  const usage = '请只给出其中一项：advanceMs（快进的毫秒数）、set（ISO 时间，如 2026-12-05T19:30:00+08:00）或 reset: true'
  if (keys.length !== 1 || !['advanceMs', 'set', 'reset'].includes(keys[0])) return { error: usage }
  const value = (body as Record<string, unknown>)[keys[0]]
  if (keys[0] === 'reset') return value === true ? { reset: true } : { error: usage }
  if (keys[0] === 'advanceMs') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return { error: 'advanceMs 应为整数毫秒，如 172800000（2 天）' }
    if (Math.abs(value) > MAX_SHIFT_MS) return { error: '一次最多快进或倒回一年' }
    return { advanceMs: value }
  }
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null
  if (!at || Number.isNaN(at.getTime())) return { error: 'set 应为带时区的 ISO 时间，如 2026-12-05T19:30:00+08:00' }
  if (Math.abs(at.getTime() - now.getTime()) > MAX_SHIFT_MS) return { error: '只能设到一年以内' }
  return { set: at }
}
