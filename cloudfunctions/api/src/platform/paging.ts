/** Lists a page at a time: the cursor is an offset, handed back while more rows follow. */
import type { FindOptions, Query, ScopedCollection, StoredDoc } from './db'

/** One page of a list, with the cursor (an offset) of the next page or null at the end. */
export async function findPage<T extends StoredDoc>(coll: ScopedCollection<T>, query: Query, orderBy: FindOptions['orderBy'], input: { limit: number; cursor?: number }, fields?: FindOptions['fields']) {
  const offset = input.cursor ?? 0
  const rows = await coll.find(query, { orderBy, skip: offset, limit: input.limit + 1, fields })
  return { page: rows.slice(0, input.limit), nextCursor: rows.length > input.limit ? String(offset + input.limit) : null }
}
