import { useCallback, useEffect, useRef, useState } from 'react'
import { call, type ApiError, type ActionInput, type ActionName, type ActionOutput } from '../api'
import { toApiError } from '../api/errors'

export interface ActionResult<A extends ActionName> {
  /** Runs the action; resolves with its data, rejects with an ApiError (also kept in `error`). */
  run: (payload: ActionInput<A>) => Promise<ActionOutput<A>>
  loading: boolean
  error: ApiError | null
}

/** For changes a person triggers (sign up, vote, post): one action, run on demand. */
export function useAction<A extends ActionName>(action: A): ActionResult<A> {
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (payload: ActionInput<A>): Promise<ActionOutput<A>> => {
      setLoading(true)
      setError(null)
      try {
        const data: ActionOutput<A> = await call(action, payload)
        return data
      } catch (raw) {
        const failure = toApiError(raw)
        if (mounted.current) setError(failure)
        throw failure
      } finally {
        if (mounted.current) setLoading(false)
      }
    },
    [action],
  )

  return { run, loading, error }
}
