import { useEffect, useState } from 'react'
import { clockState, now, onClockChange } from '../api/clock'

const dev = process.env.TARO_ENV === 'h5' ? (require('../api/devClock') as typeof import('../api/devClock')) : null

/** How often a shown clock moves on: it names the minute. */
const REDRAW_MS = 15_000

/**
 * The local world's clock for the H5 build's banner: the time it shows, how far it
 * was moved, and a way back to real time. Outside H5 it never moves.
 */
export function useLocalClock() {
  const [, redraw] = useState(0)
  useEffect(() => {
    const off = onClockChange(() => redraw((n) => n + 1))
    const tick = setInterval(() => redraw((n) => n + 1), REDRAW_MS)
    return () => {
      off()
      clearInterval(tick)
    }
  }, [])
  return { now: now(), shiftMs: clockState().shiftMs, reset: () => dev?.resetClock() ?? Promise.resolve() }
}
