import { useEffect, useSyncExternalStore } from 'react'
import { meIsLoading, readMe, refreshMe, revalidateMe, subscribeMe, type Me } from '../api/me'
import { adoptElderMode } from '../theme'
import { accessOf, type Access } from './access'
import type { QueryResult } from './useQuery'

/**
 * The caller as `me.get` reports them, shared by every page (api/me.ts): shown at
 * once from the last answer, asked again when a page opens; `refresh` asks now.
 * Also takes over the 长辈模式 saved with the account on a device where the
 * person has not chosen yet.
 */
export function useMe(): QueryResult<Me> {
  const state = useSyncExternalStore(subscribeMe, readMe, readMe)
  useEffect(() => {
    void revalidateMe()
  }, [])
  const savedElderMode = state.data?.user?.elderMode
  useEffect(() => adoptElderMode(savedElderMode), [savedElderMode])
  return { data: state.data, error: state.error, loading: meIsLoading(state), refresh: refreshMe }
}

/** What the person may do, from the shared `me` (see access.ts); every flag false until me.get has answered. */
export function useAccess(): Access {
  const me = useMe()
  return accessOf(me.data?.current)
}
