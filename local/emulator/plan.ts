/**
 * What a query constrains, whether a declared index serves it (strict index mode)
 * and which documents are worth testing against it.
 *
 * The rule is the one documented at the top of
 * cloudfunctions/api/src/platform/schema.ts: an index serves a query when its
 * leading key is constrained by the query and every field the query pins by
 * equality or `$in` is one of its keys; `_id` queries are always served; each
 * branch of an `$or` (with the conditions beside it) must be served; a query with
 * no condition is a full scan, allowed only on a collection declared `scan: true`.
 * "Constrained" means any condition except the negative ones ($ne, $nin, $not,
 * `$exists: false`), which no index can narrow.
 */
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/api/src/platform/schema'
import { isPlainObject, type Doc } from './ejson'
import { EmulatorError } from './errors'

type Constraint = { kind: 'eq'; values: unknown[] } | { kind: 'cond' } | { kind: 'neg' }
/** One conjunction of field conditions; a query is an OR of branches. */
export type Branch = Map<string, Constraint>

const MAX_BRANCHES = 256
const RANK = { eq: 2, cond: 1, neg: 0 } as const
const NEGATIVE = new Set(['$ne', '$nin', '$not'])

/** The query as OR-of-ANDs over its fields; null when it has too many branches to analyse. */
export function analyze(filter: Doc): Branch[] | null {
  let branches: Branch[] = [new Map()]
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        if (!isPlainObject(part)) continue
        const sub = analyze(part)
        if (!sub) return null
        branches = product(branches, sub)
      }
    } else if (key === '$or' && Array.isArray(value)) {
      const alternatives: Branch[] = []
      for (const part of value) {
        const sub = isPlainObject(part) ? analyze(part) : [new Map()]
        if (!sub) return null
        alternatives.push(...sub)
      }
      if (alternatives.length) branches = product(branches, alternatives)
    } else if (!key.startsWith('$')) {
      const constraint = classify(value)
      branches = branches.map((branch) => merge(branch, new Map([[key, constraint]])))
    }
    // $nor, $expr, $where, $text, $comment: filtered after the index, constrain nothing.
    if (branches.length > MAX_BRANCHES) return null
  }
  return branches
}

function product(left: Branch[], right: Branch[]): Branch[] {
  const out: Branch[] = []
  for (const a of left) for (const b of right) out.push(merge(a, b))
  return out
}

function merge(a: Branch, b: Branch): Branch {
  const out = new Map(a)
  for (const [field, constraint] of b) {
    const existing = out.get(field)
    if (!existing || RANK[constraint.kind] > RANK[existing.kind]) out.set(field, constraint)
    else if (existing.kind === 'eq' && constraint.kind === 'eq' && constraint.values.length < existing.values.length)
      out.set(field, constraint)
  }
  return out
}

function classify(value: unknown): Constraint {
  if (value instanceof RegExp) return { kind: 'cond' }
  if (!isPlainObject(value)) return { kind: 'eq', values: [value] }
  const keys = Object.keys(value)
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return { kind: 'eq', values: [value] }
  if ('$eq' in value && !(value.$eq instanceof RegExp)) return { kind: 'eq', values: [value.$eq] }
  if (Array.isArray(value.$in) && !value.$in.some((v) => v instanceof RegExp)) return { kind: 'eq', values: value.$in }
  const positive = keys.some((k) => !NEGATIVE.has(k) && !(k === '$exists' && !value.$exists) && k !== '$options')
  return { kind: positive ? 'cond' : 'neg' }
}

/** The name of what serves the branch: '_id', an index name, 'scan'; or null. */
export function servedBy(branch: Branch, spec: CollectionSpec | undefined): string | null {
  const id = branch.get('_id')
  if (id && id.kind !== 'neg') return '_id'
  const pinned = [...branch].filter(([, c]) => c.kind === 'eq').map(([field]) => field)
  for (const index of spec?.indexes ?? []) {
    const keys = Object.keys(index.keys)
    const lead = branch.get(keys[0])
    if (lead && lead.kind !== 'neg' && pinned.every((field) => keys.includes(field))) return index.name
  }
  return spec?.scan ? 'scan' : null
}

/**
 * Strict index mode: throws DATABASE_INDEX_REQUIRED naming the collection, the
 * query's fields and the index it lacks.
 */
export function requireIndex(collection: string, spec: CollectionSpec | undefined, filter: Doc, what: string): void {
  if (spec?.scan) return
  const branches = analyze(filter)
  if (!branches) {
    throw indexRequired(collection, spec, what, `an $or with more than ${MAX_BRANCHES} branches cannot be checked`)
  }
  for (const branch of branches) {
    if (servedBy(branch, spec)) continue
    const fields = [...branch].filter(([, c]) => c.kind !== 'neg').map(([field]) => field)
    if (fields.length === 0) {
      const all = [...branch.keys()]
      throw indexRequired(
        collection,
        spec,
        what,
        all.length
          ? `the query only has negative conditions on [${all.join(', ')}], a full scan`
          : 'the query has no condition, a full scan',
        'narrow the query by an indexed field, or declare the collection `scan: true` if it stays small',
      )
    }
    const eq = fields.filter((f) => branch.get(f)?.kind === 'eq')
    const keys = [...eq, ...fields.filter((f) => !eq.includes(f))].slice(0, Math.max(eq.length, 1))
    const suggestion = `{ keys: { ${keys.map((k) => `${JSON.stringify(k)}: 1`).join(', ')} } }`
    throw indexRequired(
      collection,
      spec,
      what,
      `no declared index serves the query on [${fields.join(', ')}]` +
        (eq.length ? ` (pinned by equality: [${eq.join(', ')}])` : ''),
      `missing index, e.g. ${suggestion}`,
    )
  }
}

function indexRequired(
  collection: string,
  spec: CollectionSpec | undefined,
  what: string,
  reason: string,
  hint?: string,
): EmulatorError {
  const declared = (spec?.indexes ?? []).map(describeIndex).join('; ') || 'none'
  return new EmulatorError(
    'DATABASE_INDEX_REQUIRED',
    `查询缺少索引: ${what} on collection "${collection}": ${reason}. ` +
      `Declared indexes: ${declared}. ` +
      (hint ? `${hint} — ` : '') +
      `declare it in cloudfunctions/api/src/platform/schema.ts`,
  )
}

const describeIndex = (index: IndexSpec) => `${index.name}(${Object.keys(index.keys).join(', ')})`

/** Values of the leading equality-pinned keys of an index, or null if its first key is not pinned. */
export function equalityPrefix(branch: Branch, index: IndexSpec): unknown[][] | null {
  const prefix: unknown[][] = []
  for (const field of Object.keys(index.keys)) {
    const constraint = branch.get(field)
    if (constraint?.kind !== 'eq') break
    prefix.push(constraint.values)
  }
  return prefix.length ? prefix : null
}
