/** Finding documents: index candidates in natural order, then mingo decides. */
import { Query } from 'mingo/query'
import type { Options } from 'mingo/types'
import type { Doc } from './ejson'
import { EmulatorError } from './errors'
import { idKeyOf, type IdKey, type IndexTrie } from './indexes'
import { CONTEXT, jsonSchemaValidator } from './operators'
import { analyze, equalityPrefix, type Branch } from './plan'
import type { Collection, Entry } from './store'

/**
 * `$where`, `$function` and `$accumulator` would run a caller's JavaScript here;
 * operators.ts corrects or adds what CloudBase answers differently.
 */
export const MINGO_OPTIONS: Partial<Options> = { scriptEnabled: false, context: CONTEXT, jsonSchemaValidator }

/**
 * MINGO_OPTIONS made once into the options object mingo builds from them: `new Query`
 * given plain options copies every operator table of the context (hundreds of
 * entries) before it compiles a filter, about half of a filter's cost; given its own
 * options object it keeps the context as it is. mingo does not export the class, so
 * it is taken from its module; should that ever move, queries take the plain options.
 */
const QUERY_OPTIONS: Partial<Options> = prebuiltOptions() ?? MINGO_OPTIONS

function prebuiltOptions(): Partial<Options> | null {
  try {
    // By its path: the module is not in mingo's exports map.
    const internal = require(require.resolve('mingo/query').replace(/query\.js$/, 'core/_internal.js')) as {
      ComputeOptions?: { init(options: Partial<Options>): Partial<Options> }
    }
    return internal.ComputeOptions?.init(MINGO_OPTIONS) ?? null
  } catch {
    return null
  }
}

export type Predicate = (doc: Doc) => boolean

export function compile(filter: Doc): Predicate {
  if (Object.keys(filter).length === 0) return () => true
  try {
    const query = new Query(filter, QUERY_OPTIONS)
    return (doc) => query.test(doc)
  } catch (error) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid query: ${(error as Error).message}`)
  }
}

/** Documents worth testing against the filter, in natural (insertion) order. */
export function candidates(collection: Collection, filter: Doc): Iterable<[IdKey, Entry]> {
  const docs = collection.docs
  const branches = Object.keys(filter).length ? analyze(filter) : null
  if (!branches) return docs
  const ids = new Set<IdKey>()
  for (const branch of branches) {
    const found = branchCandidates(collection, branch)
    if (!found) return docs
    for (const id of found) ids.add(id)
  }
  if (ids.size * 8 > docs.size) return filterEntries(docs, ids)
  const entries: Array<[IdKey, Entry]> = []
  for (const id of ids) {
    const entry = docs.get(id)
    if (entry) entries.push([id, entry])
  }
  return entries.sort((a, b) => a[1].seq - b[1].seq)
}

function* filterEntries(docs: Map<IdKey, Entry>, ids: Set<IdKey>): Iterable<[IdKey, Entry]> {
  for (const pair of docs) if (ids.has(pair[0])) yield pair
}

function branchCandidates(collection: Collection, branch: Branch): Iterable<IdKey> | null {
  const id = branch.get('_id')
  if (id?.kind === 'eq') return id.values.map(idKeyOf)
  // Sizes first, then only the smallest set is collected: a membership read by
  // (openid, communityId) would otherwise gather every member of the community from
  // each index led by communityId before choosing the unique one.
  let best: { index: IndexTrie; prefix: unknown[][]; size: number } | null = null
  for (const index of collection.indexes) {
    const prefix = equalityPrefix(branch, index.spec)
    if (!prefix) continue
    const size = index.size(prefix)
    if (!best || size < best.size) best = { index, prefix, size }
    if (size === 0) break
  }
  return best && best.index.lookup(best.prefix)
}

/** Matching documents in natural order, stopping after `stopAfter`. */
export function select(collection: Collection, filter: Doc, stopAfter = Infinity): Array<[IdKey, Doc]> {
  const test = compile(filter)
  const out: Array<[IdKey, Doc]> = []
  if (stopAfter <= 0) return out
  for (const [id, entry] of candidates(collection, filter)) {
    if (!test(entry.doc)) continue
    out.push([id, entry.doc])
    if (out.length >= stopAfter) break
  }
  return out
}

export interface CursorOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

/** Sort, then skip, then limit, then project — MongoDB's order whatever the call order. */
export function applyCursor(docs: Doc[], { order, offset = 0, limit, projection }: CursorOptions): Doc[] {
  const hasOrder = order && Object.keys(order).length > 0
  const hasProjection = projection && Object.keys(projection).length > 0
  const end = limit === undefined ? undefined : offset + limit
  if (!hasOrder && !hasProjection) return docs.slice(offset, end)
  try {
    const cursor = new Query({}, MINGO_OPTIONS).find<Doc>(docs, hasProjection ? projection : undefined)
    if (hasOrder) cursor.sort(order)
    if (offset) cursor.skip(offset)
    if (limit !== undefined) cursor.limit(limit)
    return cursor.all()
  } catch (error) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid order or projection: ${(error as Error).message}`)
  }
}
