/** What the shared `me` holds: the last answer, the last failure, and when the answer came. */
export interface MeSnapshot<T, E> {
  data: T | undefined
  error: E | null
  inFlight: boolean
  /** Date.now() when `data` arrived; null before the first answer. */
  receivedAt: number | null
}

/**
 * How long an answer serves the pages that open after it without asking again:
 * long enough that a page and the parts it mounts once me.get has answered share
 * one request, short enough that a role granted or a verification done by
 * someone else shows on the next page opened.
 */
export const ME_FRESH_MS = 2000

/** Whether a page opening now should ask me.get again. */
export function meIsStale(snapshot: MeSnapshot<unknown, unknown>, now: number): boolean {
  if (snapshot.inFlight) return false
  if (snapshot.receivedAt === null) return true
  return now - snapshot.receivedAt >= ME_FRESH_MS
}

/** Loading until the first answer or failure, and while any request is under way (useQuery's meaning). */
export function meIsLoading(snapshot: MeSnapshot<unknown, unknown>): boolean {
  return snapshot.inFlight || (snapshot.data === undefined && snapshot.error === null)
}
