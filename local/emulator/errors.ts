/**
 * Error codes the emulator answers with, in the body `{ code, message, requestId }`
 * (HTTP 200, as CloudBase does). Observed with node-sdk 3.18.3: its requester throws
 * a TcbError carrying `code` and `requestId` for every such body (`processReturn` in
 * utils/tcbapirequester), for database and storage actions alike, so the SDK paths
 * that read `if (res.code) return res` (Query.get, deleteFile, getTempFileURL, …)
 * never see one; only after `setThrowOnCode(false)` would the body come back as a
 * value. Per-file outcomes of the storage batch actions are not errors: they come
 * back inside `fileList` (`code: 'STORAGE_FILE_NONEXIST'`). A failed upload PUT
 * answers COS-style XML, which the SDK throws as STORAGE_REQUEST_FAIL.
 *
 * CloudBase names, as its HTTP API documents them:
 *   INVALID_PARAM, DATABASE_COLLECTION_NOT_EXIST, DATABASE_COLLECTION_ALREADY_EXIST,
 *   DATABASE_DUPLICATE_WRITE, DATABASE_TRANSACTION_CONFLICT, DATABASE_TRANSACTION_FAIL,
 *   DATABASE_REQUEST_FAILED, DATABASE_INVALID_OPERRATOR (sic), STORAGE_FILE_NONEXIST,
 *   SYS_ERR.
 * Our own:
 *   DATABASE_INDEX_REQUIRED — strict index mode: no declared index serves the query.
 *   INVALID_ACTION — the emulator does not implement the requested action.
 */
export type ErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_INDEX_REQUIRED'
  | 'STORAGE_FILE_NONEXIST'
  | 'SYS_ERR'

export class EmulatorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'EmulatorError'
  }
}

export const invalidParam = (message: string) => new EmulatorError('INVALID_PARAM', message)

export const collectionNotExist = (name: string) =>
  new EmulatorError('DATABASE_COLLECTION_NOT_EXIST', `集合不存在: collection "${name}" does not exist`)

export const duplicateWrite = (collection: string, id: unknown) =>
  new EmulatorError(
    'DATABASE_DUPLICATE_WRITE',
    `唯一索引冲突: a document with _id ${JSON.stringify(id)} already exists in "${collection}"`,
  )

/**
 * CloudBase's own words, as the SDK's transaction tests (tcb-admin-node,
 * test/database/unit/transaction.test.ts) expect them.
 */
export const transactionConflict = () =>
  new EmulatorError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ' +
      'Please check your request, but if the problem persists, contact us.',
  )

export const transactionNotExist = (timeoutMs: number) =>
  new EmulatorError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, ' +
      `transaction must be commit or abort in ${Math.round(timeoutMs / 1000)} seconds. ` +
      'Please check your request, but if the problem persists, contact us.',
  )
