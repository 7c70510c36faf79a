import { useCallback, useEffect, useRef, useState } from 'react'
import { call, type ApiError, type ActionInput, type ActionName, type ActionOutput } from '../api'
import { confirmModal, toastDone, toastError } from '../utils/feedback'
import { performAction, type ActionSteps, type Feedback } from './actionFlow'
import { CHANGES_ME, refreshMe } from '../api/me'

export type { ActionSteps, ConfirmSpec } from './actionFlow'

export interface ActionResult<A extends ActionName> {
  /**
   * Confirm → run → toast → refresh, as the hook's steps say (`steps` here add to
   * or replace them for this one call). Resolves with the answer, or undefined
   * when the person declined or the server refused (they have been told).
   */
  run: (input: ActionInput<A>, steps?: ActionSteps<ActionInput<A>, ActionOutput<A>>) => Promise<ActionOutput<A> | undefined>
  /** From the request until the refresh after it is in (not while the confirmation is open). */
  loading: boolean
  /** The input being sent, to show which row of a list is busy. */
  pending: ActionInput<A> | null
  error: ApiError | null
}

const WECHAT_FEEDBACK: Feedback = { confirm: confirmModal, done: toastDone, fail: toastError }

/**
 * A change a person triggers (sign up, vote, post, decide), with what goes around
 * it written once: `useAction('council.issue.cosign', { done: '已附议', refresh })`.
 * An action that changes who the person is (CHANGES_ME) also asks me.get again.
 */
export function useAction<A extends ActionName>(action: A, steps: ActionSteps<ActionInput<A>, ActionOutput<A>> = {}): ActionResult<A> {
  const [pending, setPending] = useState<ActionInput<A> | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  // Requests may overlap (marking messages read as they are tapped): busy until the last is back.
  const inFlight = useRef(0)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  // The steps are usually a fresh literal each render; read the latest through a ref.
  const latestSteps = useRef(steps)
  latestSteps.current = steps

  const run = useCallback(
    async (input: ActionInput<A>, overrides: ActionSteps<ActionInput<A>, ActionOutput<A>> = {}) => {
      const merged = { ...latestSteps.current, ...overrides }
      const refresh = [merged.refresh ?? []].flat()
      if (CHANGES_ME.has(action)) refresh.push(refreshMe)
      // Busy from the request until what it changed has been read again, so a
      // button cannot be pressed twice on a screen that does not show the first yet.
      let sent = false
      const send = (payload: ActionInput<A>): Promise<ActionOutput<A>> => {
        sent = true
        inFlight.current += 1
        setPending(() => payload)
        setError(null)
        return call<A>(action, payload).catch((failure: unknown) => {
          if (mounted.current) setError(failure as ApiError)
          throw failure
        })
      }
      try {
        return await performAction<ActionInput<A>, ActionOutput<A>>(input, send, { ...merged, refresh }, WECHAT_FEEDBACK)
      } finally {
        if (sent) inFlight.current -= 1
        if (sent && mounted.current && inFlight.current === 0) setPending(null)
      }
    },
    [action],
  )

  return { run, loading: pending !== null, pending, error }
}
