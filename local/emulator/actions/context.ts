/** The shape every action shares: one function from a parsed request to a response body. */
import type { Database } from '../database'
import { isPlainObject, parseEJSON, parseEJSONObject, type Doc } from '../ejson'
import { invalidParam } from '../errors'
import type { FileStorage } from '../storage'

/** The JSON body the SDK posts: `action` plus the action's fields. */
export type TcbRequest = Record<string, unknown>
/** The response body without `requestId`, which the HTTP layer adds. */
export type TcbResult = Record<string, unknown>

export interface ActionContext {
  db: Database
  storage: FileStorage
  /** request time in ms; `db.serverDate()` resolves against it */
  now: number
  /** the env the SDK was initialised with */
  env: string
  /** scheme and host the request came to, for URLs the client fetches next */
  origin: string
}

export type Action = (request: TcbRequest, context: ActionContext) => Promise<TcbResult>

/** The optional EJSON query of a request; absent or '' means "everything". */
export function queryOf(request: TcbRequest, context: ActionContext): Doc {
  const { query } = request
  if (query === undefined || query === null || query === '') return {}
  return parseEJSONObject(query, 'query', context.now)
}

export function optionalObject(request: TcbRequest, field: string, context: ActionContext): Doc | undefined {
  const value = request[field]
  if (value === undefined || value === null || value === '') return undefined
  return parseEJSONObject(value, field, context.now)
}

export function requiredObject(request: TcbRequest, field: string, context: ActionContext): Doc {
  const value = optionalObject(request, field, context)
  if (!value) throw invalidParam(`${field} is required`)
  return value
}

/**
 * CloudBase refuses a WHERE update or remove without any condition rather than
 * touching the whole collection (the SDKs' own tests clear a collection with
 * `where({_id: /.*\/})`).
 */
export function requireCondition(query: Doc, what: 'update' | 'remove'): void {
  if (Object.keys(query).length === 0) {
    throw invalidParam(
      `${what === 'update' ? '更新' : '删除'}条件不能为空: a ${what} needs a where() condition; ` +
        'to reach every document say so, e.g. where({ _id: /.*/ })',
    )
  }
}

/** The `_id` of a DOC request (`query: {"_id": id}`). */
export function docId(query: Doc): unknown {
  const id = query._id
  if (id === undefined || id === null || (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$')))) {
    throw invalidParam('a DOC request needs query {"_id": <id>}')
  }
  return id
}

export function isDocRequest(request: TcbRequest): boolean {
  return request.queryType === 'DOC'
}

export function integer(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) ? n : fallback
}

/** `order` arrives as EJSON `{field: 1 | -1}`. */
export function orderOf(request: TcbRequest, context: ActionContext): Record<string, 1 | -1> | undefined {
  const order = optionalObject(request, 'order', context)
  if (!order) return undefined
  const out: Record<string, 1 | -1> = {}
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) throw invalidParam(`order of ${field} must be 1 or -1`)
    out[field] = direction
  }
  return out
}

export function ejsonList(value: unknown, field: string, context: ActionContext): unknown[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => parseEJSON(item, field, context.now))
}
