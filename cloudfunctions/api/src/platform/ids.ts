/**
 * Ids. Generated ids start with their community, so an id of another community is
 * refused before anything is written; deterministic ids (`${thing}:${member}`) make
 * "once per person" the database's rule.
 */
import { randomBytes } from 'node:crypto'
import type { ScopedDb } from './db'
import { notFound } from './errors'

/** Refuses an id of another community before anything is written (a scoped write would otherwise create, then undo). */
export function assertOwnId(db: ScopedDb, id: string, message?: string) {
  if (!id.startsWith(`${db.communityId}:`)) throw notFound(message)
}

export const newId = (db: ScopedDb, prefix: string, now: Date) =>
  `${db.communityId}:${prefix}-${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`

/** Which of these deterministic ids (`${thing}:${me}`) exist: the caller's co-signs or registrations on one page, in one query. */
export async function existingAmong(db: ScopedDb, collection: string, ids: string[], field: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.collection(collection).find({ _id: db._.in(ids) }, { limit: ids.length, fields: { [field]: true } })
  return new Set(rows.map((r) => String(r[field])))
}
