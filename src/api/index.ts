import { currentCommunityId, pageCommunityId, rememberMembership } from './community'
import { ApiError, INTERNAL_MESSAGE, toApiError, type ApiErrorCode } from './errors'
import type { ActionInput, ActionName, ActionOutput, Envelope, Transport } from './types'

export { ApiError, NETWORK_MESSAGE } from './errors'
export type { ApiErrorCode } from './errors'
export type { ActionInput, ActionName, ActionOutput } from './types'

// TARO_ENV is a literal at build time, so webpack drops the dead arm of this
// conditional and the other transport never enters the bundle (no Taro.cloud in
// H5, no fetch to /api in the mini-program). Keep it one expression: webpack
// prunes a constant if/else or ?:, but not the statements after an early return.
const send: Transport =
  process.env.TARO_ENV === 'h5'
    ? (require('./transport.h5') as typeof import('./transport.h5')).send
    : (require('./transport.weapp') as typeof import('./transport.weapp')).send

/**
 * Runs one backend action and returns its data; throws ApiError (code + a Chinese
 * message fit to show) when the server refuses or the network fails.
 */
export async function call<A extends ActionName>(action: A, payload: ActionInput<A>): Promise<ActionOutput<A>> {
  const communityId = pageCommunityId() ?? currentCommunityId()
  let envelope: Envelope<unknown>
  try {
    envelope = await send({ action, payload, ...(communityId ? { communityId } : {}) })
  } catch (error) {
    throw toApiError(error)
  }

  if (!isEnvelope(envelope)) throw new ApiError('INTERNAL', INTERNAL_MESSAGE)
  if (!envelope.ok) {
    throw new ApiError(envelope.error.code as ApiErrorCode, envelope.error.message || INTERNAL_MESSAGE)
  }

  const data = envelope.data as ActionOutput<A>
  if (action === 'me.get') {
    rememberMembership((data as ActionOutput<'me.get'>).current)
  }
  return data
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if ((value as { ok: unknown }).ok === true) return true
  const error = (value as { error?: { code?: unknown } }).error
  return typeof error?.code === 'string'
}
