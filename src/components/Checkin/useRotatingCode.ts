import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { call, type ApiError } from '../../api'
import { toApiError } from '../../api/errors'
import { eventInput, type CheckinEvent } from './event'
import { nextFetchDelay, retryDelay, secondsLeft } from './rotation'

/** A code the server signs for a 30-second window, and when it arrived (refreshInMs counts from then). */
export interface RotatingCode {
  token: string
  refreshInMs: number
  receivedAt: number
}

export interface RotatingCodeState {
  code: RotatingCode | null
  error: ApiError | null
  /** Whole seconds until the next code, as the server said; 0 while it is being fetched. */
  secondsLeft: number
  retry: () => void
}

export interface RotatingCodeOptions {
  /** Each new code is a moment to re-read what depends on it (who has checked in). */
  onRotate?: () => void
  /** The phone lies on a table to be scanned: keep its screen on while the code shows (WeChat only). */
  keepScreenOn?: boolean
}

/**
 * Fetches a rotating check-in code and fetches it again when the server says
 * (`refreshInMs`), a little after its window turns. A passing fault (network,
 * a busy server) retries on its own; a refusal (check-in not open, ended) waits for `retry`.
 * `key` names what the code is for: a new key starts afresh.
 */
export function useRotatingCode(fetchCode: () => Promise<{ token: string; refreshInMs: number }>, key: string, options: RotatingCodeOptions = {}): RotatingCodeState {
  const [code, setCode] = useState<RotatingCode | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [attempt, setAttempt] = useState(0)
  const latest = useRef({ fetchCode, onRotate: options.onRotate })
  latest.current = { fetchCode, onRotate: options.onRotate }

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetchNext = async () => {
      try {
        const next = await latest.current.fetchCode()
        if (stopped) return
        setCode({ token: next.token, refreshInMs: next.refreshInMs, receivedAt: Date.now() })
        setError(null)
        latest.current.onRotate?.()
        timer = setTimeout(() => void fetchNext(), nextFetchDelay(next.refreshInMs))
      } catch (raw) {
        if (stopped) return
        const failure = toApiError(raw)
        setError(failure)
        const retryIn = retryDelay(failure.code)
        if (retryIn !== null) timer = setTimeout(() => void fetchNext(), retryIn)
      }
    }
    void fetchNext()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [key, attempt])

  const keepScreenOn = !!options.keepScreenOn
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !keepScreenOn) return
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  }, [keepScreenOn])

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [])

  return { code, error, secondsLeft: secondsLeft(code, now), retry: () => setAttempt((n) => n + 1) }
}

/**
 * The organiser's code for one event of any check-in kind (议事会 now; activities
 * and volunteer shifts register their own kinds on the server), for arriving or leaving.
 */
export function useEventCheckinCode(event: CheckinEvent, onRotate?: () => void): RotatingCodeState {
  const key = `${event.kind}:${event.eventId}:${event.direction ?? 'in'}`
  return useRotatingCode(() => call('checkin.token', eventInput(event)), key, { onRotate, keepScreenOn: true })
}

/** My personal code, for an organiser to scan when I cannot scan theirs. */
export function usePersonalCheckinCode(onRotate?: () => void): RotatingCodeState {
  return useRotatingCode(() => call('checkin.personalCode', {}), 'personal', { onRotate, keepScreenOn: true })
}
