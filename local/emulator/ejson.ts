/**
 * The SDK sends queries, updates and documents as canonical EJSON strings and
 * parses every document we return with `EJSON.parse` (bson 4, relaxed). Inside the
 * emulator a document is plain JavaScript: numbers, strings, booleans, null, Date,
 * RegExp, arrays and objects (other BSON values such as ObjectId stay bson objects,
 * and are stored so; an ObjectId goes back out as its hex string, as CloudBase's does).
 */
import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { invalidParam } from './errors'

export type Doc = Record<string, unknown>

/** Parses one EJSON field of a request and resolves `db.serverDate()` to a Date. */
export function parseEJSON(value: unknown, field: string, now: number): unknown {
  let parsed: unknown
  try {
    parsed =
      typeof value === 'string'
        ? EJSON.parse(value, { relaxed: true })
        : EJSON.deserialize(value as Doc, { relaxed: true })
  } catch (error) {
    throw invalidParam(`${field} is not valid EJSON: ${(error as Error).message}`)
  }
  return normalize(parsed, now)
}

export function parseEJSONObject(value: unknown, field: string, now: number): Doc {
  const parsed = parseEJSON(value, field, now)
  if (!isPlainObject(parsed)) throw invalidParam(`${field} must be an object`)
  return parsed
}

/**
 * `{"$tcb_server_date":{"offset":N}}` is CloudBase's marker for server time plus N ms;
 * BSON regular expressions become JavaScript ones so mingo can match with them.
 */
function normalize(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalize(value[i], now)
    return value
  }
  if (value instanceof BSONRegExp) return toRegExp(value)
  if (!isPlainObject(value)) return value
  const marker = value.$tcb_server_date
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = Number((marker as { offset?: unknown })?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  for (const key of Object.keys(value)) value[key] = normalize(value[key], now)
  return value
}

function toRegExp(value: BSONRegExp): RegExp {
  // BSON allows x and l, JavaScript does not; s, i, m and u mean the same.
  const flags = [...new Set(value.options)].filter((f) => 'imsu'.includes(f)).join('')
  try {
    return new RegExp(value.pattern, flags)
  } catch (error) {
    throw invalidParam(`invalid regular expression /${value.pattern}/: ${(error as Error).message}`)
  }
}

/** Relaxed EJSON, as bson's `EJSON.stringify(doc, { relaxed: true })` writes it, but faster. */
export function toEJSON(doc: unknown): string {
  return JSON.stringify(doc, ejsonReplacer)
}

function ejsonReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key]
  if (raw === null || raw === undefined) return value
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { $numberDouble: String(raw) }
  if (typeof raw !== 'object') return value
  if (raw instanceof Date) {
    const time = raw.getTime()
    if (Number.isNaN(time)) return null
    const year = raw.getUTCFullYear()
    return year >= 1970 && year <= 9999 ? { $date: raw.toISOString() } : { $date: { $numberLong: String(time) } }
  }
  if (raw instanceof RegExp) return { $regularExpression: { pattern: raw.source, options: raw.flags } }
  // CloudBase answers ObjectId values as their hex strings (the SDK's oid tests).
  if (isObjectId(raw)) return raw.toHexString()
  if ('_bsontype' in raw) return EJSON.serialize(raw, { relaxed: true })
  return value
}

export function isObjectId(value: unknown): value is ObjectId {
  return value instanceof ObjectId
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Deep copy of plain objects and arrays; Dates are copied, other values shared (immutable). */
export function cloneDoc<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneDoc) as T
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) out[key] = cloneDoc(value[key])
  return out as T
}
