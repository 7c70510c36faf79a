import { toApiError, type ApiError } from '../api/errors'

/** WeChat's own dialog: `confirmText` at most 4 characters (test/unit/wechat-limits.test.ts). */
export interface ConfirmSpec {
  title: string
  content: string
  confirmText?: string
  /** Red confirm button for what cannot be undone. */
  danger?: boolean
}

type Refresh = () => Promise<unknown>

/** What happens around one action a person triggers; every step is optional. */
export interface ActionSteps<I, O> {
  /** Asked first; the action runs only when the person confirms. A function may word it for the input, or return null to skip. */
  confirm?: ConfirmSpec | ((input: I) => ConfirmSpec | null)
  /** After the confirmation, before the request: e.g. ask for a WeChat subscription at the natural moment. */
  before?: (input: I) => Promise<unknown> | void
  /** Right after success, before the toast: close a dialog, clear a field, go to another page. */
  onDone?: (output: O, input: I) => void
  /** The success toast (WeChat shows 7 characters whole beside the tick); a function may read the answer. */
  done?: string | ((output: O, input: I) => string | null)
  /** What to read again after success; awaited, so a pull-down spinner or a busy button waits for it. */
  refresh?: Refresh | Refresh[]
  /** On failure, instead of a toast with the server's Chinese message; 'quiet' says nothing (a background mark-as-read). */
  onError?: ((error: ApiError) => void) | 'quiet'
}

/** The phone's side of the conversation: WeChat's modal and toasts in the app, recorded calls in a test. */
export interface Feedback {
  confirm(spec: ConfirmSpec): Promise<boolean>
  done(title: string): void
  fail(error: ApiError): void
}

/**
 * confirm → before → send → onDone → toast → refresh. Resolves with the answer,
 * or undefined when the person declined or the server refused (already said to
 * them); never rejects for a refusal, so a caller needs no try/catch.
 */
export async function performAction<I, O>(input: I, send: (input: I) => Promise<O>, steps: ActionSteps<I, O>, feedback: Feedback): Promise<O | undefined> {
  const question = typeof steps.confirm === 'function' ? steps.confirm(input) : steps.confirm
  if (question && !(await feedback.confirm(question))) return undefined
  await steps.before?.(input)

  let output: O
  try {
    output = await send(input)
  } catch (raw) {
    const error = toApiError(raw)
    if (steps.onError === 'quiet') return undefined
    if (steps.onError) steps.onError(error)
    else feedback.fail(error)
    return undefined
  }

  steps.onDone?.(output, input)
  const title = typeof steps.done === 'function' ? steps.done(output, input) : steps.done
  if (title) feedback.done(title)
  const refreshers = Array.isArray(steps.refresh) ? steps.refresh : steps.refresh ? [steps.refresh] : []
  await Promise.all(refreshers.map((refresh) => refresh()))
  return output
}
