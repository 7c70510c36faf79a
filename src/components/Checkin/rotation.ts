// When a rotating code is asked again, and what the countdown under it says.
// Pure, so rotation.test.ts can walk the clock.

/** Failures that pass: the code keeps rotating after them. A refusal (not open yet, ended) does not. */
const TRANSIENT = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED'])

/** After a passing failure, ask again this much later. */
export const RETRY_MS = 5000

/** A little after the server's window turns, so the next request surely lands in the new one; never sooner than a second. */
export function nextFetchDelay(refreshInMs: number): number {
  return Math.max(1000, refreshInMs + 300)
}

/** How long to wait before asking again after a failure, or null to wait for the person's retry. */
export function retryDelay(code: string): number | null {
  return TRANSIENT.has(code) ? RETRY_MS : null
}

/**
 * Whole seconds until the next code, as the server said (`refreshInMs` counted
 * from when the code arrived); the phone's clock only ticks it down and never
 * decides the window. 0 while the next one is on its way.
 */
export function secondsLeft(code: { refreshInMs: number; receivedAt: number } | null, now: number): number {
  if (!code) return 0
  return Math.max(0, Math.ceil((code.refreshInMs - (now - code.receivedAt)) / 1000))
}
