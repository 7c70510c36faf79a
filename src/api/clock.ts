/**
 * The time as the server's clock has it. In WeChat that is the phone's own time;
 * the local H5 build follows the gateway's clock, which a developer may have moved
 * forward to watch a 公示 period end or a vote close (api/devClock.ts keeps this in
 * step). Pages that compute a time (a deadline, whether a meeting has begun) read
 * `now()`, never `Date.now()`.
 */
export interface ClockState {
  /** server time minus this device's time, in ms */
  offsetMs: number
  /** how far the local world's clock stands from real time (0 in WeChat and until moved) */
  shiftMs: number
}

let state: ClockState = { offsetMs: 0, shiftMs: 0 }
const listeners = new Set<() => void>()

export const now = (): number => Date.now() + state.offsetMs

export const clockState = (): ClockState => state

export function setClockState(next: ClockState): void {
  if (next.offsetMs === state.offsetMs && next.shiftMs === state.shiftMs) return
  state = next
  for (const listener of listeners) listener()
}

export function onClockChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
