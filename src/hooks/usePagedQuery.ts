import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { call, type ApiError, type ActionInput, type ActionName, type ActionOutput } from '../api'
import { toApiError } from '../api/errors'
import type { QueryOptions } from './useQuery'

/** Actions that answer a page: `{ items, nextCursor }`, taking `cursor` for the next one. */
export type PagedAction = {
  [A in ActionName]: ActionOutput<A> extends { items: unknown[]; nextCursor: string | null } ? A : never
}[ActionName]

export type PagedItem<A extends PagedAction> = ActionOutput<A> extends { items: Array<infer T> } ? T : never

export interface PagedResult<T> {
  /** Every item loaded so far, page after page. */
  items: T[]
  /** The server's count of all matches, when it reports one. */
  total: number | null
  hasMore: boolean
  error: ApiError | null
  /** True until the first page is in, and while it is asked again. */
  loading: boolean
  loadingMore: boolean
  loadMore: () => Promise<void>
  /** Asks for the first page again, dropping the pages after it. */
  refresh: () => Promise<void>
}

interface State<T> {
  items: T[]
  total: number | null
  nextCursor: string | null
  error: ApiError | null
  inFlight: boolean
  loadingMore: boolean
  settled: boolean
}

/**
 * A list read page by page (member list, later the boards): the first page when
 * the component mounts or `deps` change, then `loadMore` appends the next. As in
 * useQuery, only the latest request may change the state.
 */
export function usePagedQuery<A extends PagedAction>(
  action: A,
  payload: Omit<ActionInput<A>, 'cursor'>,
  deps: DependencyList = [],
  options: QueryOptions = {},
): PagedResult<PagedItem<A>> {
  const enabled = options.enabled ?? true
  const [state, setState] = useState<State<PagedItem<A>>>({
    items: [],
    total: null,
    nextCursor: null,
    error: null,
    inFlight: false,
    loadingMore: false,
    settled: false,
  })
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const latest = useRef(0)
  const cursorRef = useRef<string | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const ticket = ++latest.current
      setState((s) => ({ ...s, inFlight: cursor === null, loadingMore: cursor !== null }))
      try {
        const input = { ...payloadRef.current, ...(cursor ? { cursor } : {}) } as ActionInput<A>
        const page = (await call(action, input)) as { items: PagedItem<A>[]; nextCursor: string | null; total?: number }
        if (!mounted.current || ticket !== latest.current) return
        cursorRef.current = page.nextCursor
        setState((s) => ({
          items: cursor === null ? page.items : [...s.items, ...page.items],
          total: typeof page.total === 'number' ? page.total : null,
          nextCursor: page.nextCursor,
          error: null,
          inFlight: false,
          loadingMore: false,
          settled: true,
        }))
      } catch (error) {
        if (!mounted.current || ticket !== latest.current) return
        setState((s) => ({ ...s, error: toApiError(error), inFlight: false, loadingMore: false, settled: true }))
      }
    },
    [action],
  )

  useEffect(() => {
    if (enabled) void fetchPage(null)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when to ask again
  }, [fetchPage, enabled, ...deps])

  const refresh = useCallback(() => (enabled ? fetchPage(null) : Promise.resolve()), [enabled, fetchPage])
  const loadMore = useCallback(
    () => (enabled && cursorRef.current ? fetchPage(cursorRef.current) : Promise.resolve()),
    [enabled, fetchPage],
  )

  return {
    items: state.items,
    total: state.total,
    hasMore: state.nextCursor !== null,
    error: state.error,
    loading: state.inFlight || (enabled && !state.settled),
    loadingMore: state.loadingMore,
    loadMore,
    refresh,
  }
}
