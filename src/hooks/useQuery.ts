import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { call, type ApiError, type ActionInput, type ActionName, type ActionOutput } from '../api'
import { toApiError } from '../api/errors'

export interface QueryResult<T> {
  /** The last data received; kept while a refresh is under way. */
  data: T | undefined
  error: ApiError | null
  /** True while a request is in flight, including refreshes. */
  loading: boolean
  /** Asks again; resolves when the answer (or the error) is in, for pull-down refresh. */
  refresh: () => Promise<void>
}

export interface QueryOptions {
  /** When false nothing is asked (e.g. until another answer names what to ask for). */
  enabled?: boolean
}

/**
 * Reads an action's data when the component mounts and whenever `deps` change.
 * Only the latest request may update the state, so a slow earlier answer never
 * overwrites a newer one.
 */
export function useQuery<A extends ActionName>(
  action: A,
  payload: ActionInput<A>,
  deps: DependencyList = [],
  options: QueryOptions = {},
): QueryResult<ActionOutput<A>> {
  const enabled = options.enabled ?? true
  const [state, setState] = useState<{
    data: ActionOutput<A> | undefined
    error: ApiError | null
    inFlight: boolean
    /** An answer (data or error) has arrived at least once. */
    settled: boolean
  }>({ data: undefined, error: null, inFlight: false, settled: false })

  // The payload object is usually a fresh literal each render; `deps` say when it
  // really changed, so read the latest one through a ref.
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const latest = useRef(0)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const fetchNow = useCallback(async () => {
    const ticket = ++latest.current
    setState((s) => ({ ...s, inFlight: true }))
    try {
      const data = await call(action, payloadRef.current)
      if (mounted.current && ticket === latest.current) {
        setState({ data, error: null, inFlight: false, settled: true })
      }
    } catch (error) {
      if (mounted.current && ticket === latest.current) {
        setState((s) => ({ ...s, error: toApiError(error), inFlight: false, settled: true }))
      }
    }
  }, [action])

  useEffect(() => {
    if (enabled) void fetchNow()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when to ask again
  }, [fetchNow, enabled, ...deps])

  const refresh = useCallback(() => (enabled ? fetchNow() : Promise.resolve()), [enabled, fetchNow])

  // Until the first answer, an enabled query counts as loading even before its
  // effect has fired, so a page never flashes its empty state first.
  const loading = state.inFlight || (enabled && !state.settled)
  return { data: state.data, error: state.error, loading, refresh }
}
