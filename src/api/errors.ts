import type { ErrorCode } from './types'

/** Codes the server sends, plus NETWORK for a request that never got an answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络不给力，请稍后重试'
export const INTERNAL_MESSAGE = '服务出了点问题，请稍后重试'
export const UPLOAD_FAILED_MESSAGE = '图片上传失败，请稍后重试'

/** A failed action. `message` is Chinese and fit to show a resident as is. */
export class ApiError extends Error {
  readonly code: ApiErrorCode

  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

export function networkError(): ApiError {
  return new ApiError('NETWORK', NETWORK_MESSAGE)
}

/** Anything thrown that is not an ApiError is a bug on our side; show a calm message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('INTERNAL', INTERNAL_MESSAGE)
}
