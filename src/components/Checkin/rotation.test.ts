import { nextFetchDelay, retryDelay, RETRY_MS, secondsLeft } from './rotation'

describe('a rotating code', () => {
  it('is asked again a little after the server’s window turns, never in a tight loop', () => {
    expect(nextFetchDelay(12_000)).toBe(12_300)
    expect(nextFetchDelay(0)).toBe(1000)
    expect(nextFetchDelay(-500)).toBe(1000)
  })

  it('keeps rotating after a passing fault, and waits for the person after a refusal', () => {
    for (const code of ['NETWORK', 'INTERNAL', 'RATE_LIMITED']) expect(retryDelay(code)).toBe(RETRY_MS)
    for (const code of ['FAILED_PRECONDITION', 'FORBIDDEN', 'NOT_FOUND']) expect(retryDelay(code)).toBeNull()
  })

  it('counts down whole seconds from what the server said, from when the code arrived', () => {
    const code = { refreshInMs: 30_000, receivedAt: 100_000 }
    expect(secondsLeft(code, 100_000)).toBe(30)
    expect(secondsLeft(code, 100_001)).toBe(30)
    expect(secondsLeft(code, 129_001)).toBe(1)
    expect(secondsLeft(code, 131_000)).toBe(0)
    expect(secondsLeft(null, 100_000)).toBe(0)
  })
})
