import { call } from './index'
import { toApiError, type ApiError } from './errors'
import { meIsLoading, meIsStale, type MeSnapshot } from './meCache'
import type { ActionName, ActionOutput } from './types'

export type Me = ActionOutput<'me.get'>

// One `me` for the whole app: a module-level store (like 长辈模式's), because
// Taro mounts every page under its own root. Pages read it through useMe; code
// outside React (an upload naming the member's storage place) through loadMe.
// See meCache.ts for when it is asked again.

let snapshot: MeSnapshot<Me, ApiError> = { data: undefined, error: null, inFlight: false, receivedAt: null }
const listeners = new Set<() => void>()
// Only the latest request may write, so an answer from before a change never overwrites one from after.
let latest = 0
let pending: Promise<void> | null = null

function publish(next: Partial<MeSnapshot<Me, ApiError>>) {
  snapshot = { ...snapshot, ...next }
  listeners.forEach((listener) => listener())
}

/** Asks me.get now; every page showing `me` sees the answer. */
export function refreshMe(): Promise<void> {
  const ticket = ++latest
  publish({ inFlight: true })
  const request = call('me.get', {}).then(
    (data) => {
      if (ticket === latest) publish({ data, error: null, inFlight: false, receivedAt: Date.now() })
    },
    (error: unknown) => {
      if (ticket === latest) publish({ error: toApiError(error), inFlight: false })
    },
  )
  pending = request
  void request.finally(() => {
    if (pending === request) pending = null
  })
  return request
}

/** Asks again when the last answer is stale (a page opening); joins a request under way. */
export function revalidateMe(): Promise<void> {
  return meIsStale(snapshot, Date.now()) ? refreshMe() : (pending ?? Promise.resolve())
}

/** The caller as me.get last answered, asking first when that answer is stale; undefined when it cannot be had. */
export async function loadMe(): Promise<Me | undefined> {
  await revalidateMe()
  return snapshot.data
}

export function subscribeMe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const readMe = () => snapshot

export { meIsLoading }

/**
 * Actions after which me.get answers differently (community, household, roles,
 * profile, consent): useAction asks again after each, so no page has to remember.
 */
export const CHANGES_ME: ReadonlySet<ActionName> = new Set<ActionName>([
  'community.join',
  'me.switchCommunity',
  'me.registerHousehold',
  'me.setContact',
  'me.updateProfile',
  'me.consent',
  'me.leave',
  'me.delete',
  'member.grantRole',
  'member.revokeRole',
])
