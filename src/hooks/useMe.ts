import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { call, type ApiError, type ActionName, type ActionOutput } from '../api'
import { toApiError } from '../api/errors'
import { adoptElderMode } from '../theme'
import { accessOf, type Access } from './access'
import { meIsLoading, meIsStale, type MeSnapshot } from './meCache'
import type { QueryResult } from './useQuery'

type Me = ActionOutput<'me.get'>

// One `me` for the whole app: a module-level store (like 长辈模式's), because
// Taro mounts every page under its own root. A page shows the last answer at
// once and asks again when it opens (see meCache.ts for how often); an action
// that changes the answer asks again itself (useAction, CHANGES_ME).

let snapshot: MeSnapshot<Me, ApiError> = { data: undefined, error: null, inFlight: false, receivedAt: null }
const listeners = new Set<() => void>()
// Only the latest request may write, so an answer from before a change never overwrites one from after.
let latest = 0
let pending: Promise<void> | null = null

function publish(next: Partial<MeSnapshot<Me, ApiError>>) {
  snapshot = { ...snapshot, ...next }
  listeners.forEach((listener) => listener())
}

/** Asks me.get now; every mounted page sees the answer. */
export function refreshMe(): Promise<void> {
  const ticket = ++latest
  publish({ inFlight: true })
  const request = call('me.get', {}).then(
    (data) => {
      if (ticket !== latest) return
      publish({ data, error: null, inFlight: false, receivedAt: Date.now() })
      // The 长辈模式 saved with the account, on a device where the person has not chosen yet.
      adoptElderMode(data.user?.elderMode)
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

function revalidate(): Promise<void> {
  return meIsStale(snapshot, Date.now()) ? refreshMe() : (pending ?? Promise.resolve())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const read = () => snapshot

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

/** The caller as `me.get` reports them, shared by every page; `refresh` asks again. */
export function useMe(): QueryResult<Me> {
  const state = useSyncExternalStore(subscribe, read, read)
  useEffect(() => {
    void revalidate()
  }, [])
  const refresh = useCallback(() => refreshMe(), [])
  return { data: state.data, error: state.error, loading: meIsLoading(state), refresh }
}

/** What the person may do, from the shared `me` (see access.ts); every flag false until me.get has answered. */
export function useAccess(): Access {
  const me = useMe()
  return accessOf(me.data?.current)
}
