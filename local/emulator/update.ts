/** Update operators, replacement and upsert, with MongoDB's semantics through mingo. */
import { update as mingoUpdate } from 'mingo/updater'
import { cloneDoc, isPlainObject, type Doc } from './ejson'
import { EmulatorError, invalidParam } from './errors'
import { Context } from 'mingo/core'
import { MINGO_OPTIONS } from './query'

/**
 * mingo's updater copies the context's operator tables on every call (a quarter of a
 * millisecond for ours). Only a condition reads them — a positional path's (`a.$.b`)
 * or `$pull`'s — so other updates run with an empty context: the field operators
 * ($set, $inc, $push, …) use none.
 */
const NO_OPERATORS: Partial<typeof MINGO_OPTIONS> = { ...MINGO_OPTIONS, context: Context.init() }

/**
 * A stored field name may not start with `$` (CloudBase answers DATABASE_REQUEST_FAILED
 * to `add({ $_key: 1 })`, the SDK's throwOnCode test), at any depth.
 */
export function refuseDollarFields(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) refuseDollarFields(item)
    return
  }
  if (!isPlainObject(value)) return
  for (const key of Object.keys(value)) {
    if (key.startsWith('$')) {
      throw new EmulatorError('DATABASE_REQUEST_FAILED', `Document can't have $ prefixed field names: ${key}`)
    }
    refuseDollarFields(value[key])
  }
}

export function hasOperators(data: Doc): boolean {
  return Object.keys(data).some((key) => key.startsWith('$'))
}

/**
 * Applies an update document to a copy of `doc`; returns the new document, or null
 * when nothing changed (CloudBase then reports `updated: 0`, like MongoDB's nModified).
 * A document without operators (the SDK's `raw` option) sets its fields.
 */
export function applyUpdate(doc: Doc, data: Doc, filter: Doc): Doc | null {
  const modifier: Doc = hasOperators(data) ? { ...data } : { $set: data }
  if (Object.keys(modifier).some((key) => !key.startsWith('$'))) {
    throw invalidParam('an update mixes operators ($set, $inc, …) with plain fields')
  }
  refuseDollarFields(modifier.$set)
  refuseDollarFields(modifier.$setOnInsert)
  delete modifier.$setOnInsert
  if (Object.keys(modifier).length === 0) return null
  const next = cloneDoc(doc)
  if (countsAndLists(next, modifier)) return next
  // The condition is only needed for positional paths (`a.$.b`); compiling it costs time.
  const positional = Object.values(modifier).some(
    (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => /(^|\.)\$(\.|$)/.test(path)),
  )
  let changed: string[]
  try {
    changed = mingoUpdate(next, modifier, undefined, positional ? filter : undefined, {
      cloneMode: 'deep',
      queryOptions: positional || '$pull' in modifier ? MINGO_OPTIONS : NO_OPERATORS,
    })
  } catch (error) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', `update failed: ${(error as Error).message}`)
  }
  if (changed.length === 0) return null
  if (!sameId(next._id, doc._id)) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', "不能更新_id的值: the update would change the immutable field '_id'")
  }
  return next
}

/**
 * The commonest update, applied without mingo: only `$inc` by a non-zero number and
 * `$push` with `$each` (see pushOf), on plain dotted paths through objects (a counter,
 * a list), as a ballot box's is. mingo sets up its operator context on every call, several times
 * the work itself; anything else — an array or a value of another type on the way,
 * a numeric or `$` segment, paths that overlap, `_id` — is left to it (false, `doc`
 * untouched), so its answers and errors stay the reference.
 */
function countsAndLists(doc: Doc, modifier: Doc): boolean {
  const ops = Object.keys(modifier)
  if (ops.length === 0 || !ops.every((op) => op === '$inc' || op === '$push')) return false
  const steps: Array<{ parts: string[]; apply: (current: unknown) => unknown }> = []
  const paths: string[] = []
  for (const op of ops) {
    const fields = modifier[op]
    if (!isPlainObject(fields)) return false
    for (const [path, value] of Object.entries(fields)) {
      const parts = path.split('.')
      const last = parts.length - 1
      // A number names a list's element: only as the last step, of an existing counter (`counts.2`).
      if (parts[0] === '_id' || parts.some((part, i) => part === '' || part.startsWith('$') || (i < last && /^\d+$/.test(part)))) return false
      if (paths.some((other) => other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`))) return false
      paths.push(path)
      // Look without creating anything: a step that cannot be taken leaves the document as it was.
      let parent: Doc | undefined = doc
      for (const [i, part] of parts.slice(0, -1).entries()) {
        const child: unknown = parent?.[part]
        // The last step's parent may be a list, for an element's counter.
        if (child !== undefined && !isPlainObject(child) && !(i === last - 1 && Array.isArray(child))) return false
        parent = child as Doc | undefined
      }
      const current = parent?.[parts[last]]
      const element = /^\d+$/.test(parts[last])
      if (element !== Array.isArray(parent) || (element && (op !== '$inc' || current === undefined))) return false
      if (op === '$inc') {
        if (typeof value !== 'number' || value === 0 || !Number.isFinite(value)) return false
        if (current !== undefined && typeof current !== 'number') return false
        steps.push({ parts, apply: (now) => (now === undefined ? value : (now as number) + value) })
      } else {
        const push = pushOf(value, current)
        if (!push) return false
        steps.push({ parts, apply: push })
      }
    }
  }
  for (const { parts, apply } of steps) {
    let parent = doc
    for (const part of parts.slice(0, -1)) parent = (parent[part] ??= {}) as Doc
    const key = parts[parts.length - 1]
    parent[key] = apply(parent[key])
  }
  return true
}

/**
 * `$push` with `$each` onto a list (or a missing field), or a sorted list of strings
 * with `$each` strings and `$sort: 1` — a secret ballot box's voters — where each goes
 * in after the last that is not greater, as mingo's stable sort of the whole list would
 * place it, without sorting thousands of entries per ballot. Null for anything else.
 */
function pushOf(value: unknown, current: unknown): ((now: unknown) => unknown) | null {
  if (!isPlainObject(value) || (current !== undefined && !Array.isArray(current))) return null
  const { $each: each, $sort: sort, ...rest } = value
  if (Object.keys(rest).length > 0 || !Array.isArray(each) || each.length === 0) return null
  if (sort === undefined) return (now) => [...((now as unknown[] | undefined) ?? []), ...each.map((item) => cloneDoc(item))]
  const list = (current ?? []) as unknown[]
  const strings = (items: unknown[]): items is string[] => items.every((item) => typeof item === 'string')
  if (sort !== 1 || !strings(each) || !strings(list) || list.some((item, i) => i > 0 && list[i - 1] > item)) return null
  return (now) => {
    const sorted = [...((now as string[] | undefined) ?? [])]
    for (const item of each) {
      let low = 0
      let high = sorted.length
      while (low < high) {
        const mid = (low + high) >> 1
        if (sorted[mid] > item) high = mid
        else low = mid + 1
      }
      sorted.splice(low, 0, item)
    }
    return sorted
  }
}

/** `doc(id).set(data)`: the whole document replaced, its `_id` kept. */
export function replacement(id: unknown, data: Doc): Doc {
  if (hasOperators(data)) throw invalidParam('a replacement document cannot hold update operators')
  refuseDollarFields(data)
  const { _id: given, ...fields } = data
  if (given !== undefined && !sameId(given, id)) throw invalidParam('不能更新_id的值: the replacement changes _id')
  return { _id: id, ...fields }
}

/**
 * The document an upsert creates when nothing matched: the query's equality
 * fields, then the update (with `$setOnInsert`) or the replacement.
 */
export function upsertDocument(id: unknown, filter: Doc, data: Doc, merge: boolean): Doc {
  if (!merge) return replacement(id, data)
  const seed: Doc = { _id: id }
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || field === '_id') continue
    const plain = isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$')) ? value.$eq : value
    if (plain !== undefined && !(plain instanceof RegExp)) setPath(seed, field, cloneDoc(plain))
  }
  const onInsert = isPlainObject(data.$setOnInsert) ? data.$setOnInsert : undefined
  const withInsert = onInsert ? { ...data, $set: { ...(data.$set as Doc | undefined), ...onInsert } } : data
  return applyUpdate(seed, withInsert, filter) ?? seed
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.')
  let target = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {}
    target = target[part] as Doc
  }
  target[parts[parts.length - 1]] = value
}

function sameId(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  return JSON.stringify(a) === JSON.stringify(b)
}
