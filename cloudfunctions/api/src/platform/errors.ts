/** The error codes of the envelope; `message` is always Chinese, fit to show a resident. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message)
export const forbidden = (message = '你没有权限进行这个操作') => new AppError('FORBIDDEN', message)
export const invalid = (message: string) => new AppError('INVALID_ARGUMENT', message)
export const notFound = (message = '内容不存在或已被删除') => new AppError('NOT_FOUND', message)
export const conflict = (message: string) => new AppError('CONFLICT', message)
export const precondition = (message: string) => new AppError('FAILED_PRECONDITION', message)
export const rateLimited = (message = '操作太频繁，请稍后再试') => new AppError('RATE_LIMITED', message)
export const contentRejected = (message = '内容含有不适宜发布的信息，请修改后再试') =>
  new AppError('CONTENT_REJECTED', message)

/** The SDK throws errors carrying CloudBase's code; this reads it without trusting the shape. */
export function cloudbaseCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = (err as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

export const isDuplicateWrite = (err: unknown) => cloudbaseCode(err) === 'DATABASE_DUPLICATE_WRITE'
