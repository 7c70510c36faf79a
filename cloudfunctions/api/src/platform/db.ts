/**
 * The database as handlers see it: every document carries `communityId`, every
 * query filters on it, and a handler cannot forget it — the scoped collection adds
 * it to each query and stamps it on each insert.
 *
 * The genuine @cloudbase/node-sdk sits underneath (production and emulator alike).
 * `users` and `communities` span communities; only platform code (identity) reaches
 * them, through `GlobalDb`.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { notFound } from './errors'

export type RawDb = ReturnType<CloudBase['database']>
// The SDK's query types are loose; we keep ours narrow at the edges instead.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any

export const GLOBAL_COLLECTIONS = ['users', 'communities'] as const
export type GlobalCollection = (typeof GLOBAL_COLLECTIONS)[number]

export type Query = Record<string, unknown>
export type Patch = Record<string, unknown>

export interface FindOptions {
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>
  limit?: number
  skip?: number
  fields?: Record<string, boolean>
}

export interface StoredDoc {
  _id: string
  communityId: string
  [field: string]: unknown
}

function applyFind(ref: Any, opts: FindOptions): Any {
  let q = ref
  for (const [field, dir] of opts.orderBy ?? []) q = q.orderBy(field, dir)
  if (opts.skip) q = q.skip(opts.skip)
  if (opts.limit) q = q.limit(opts.limit)
  if (opts.fields) q = q.field(opts.fields)
  return q
}

export class ScopedCollection<T extends StoredDoc = StoredDoc> {
  constructor(
    private readonly raw: RawDb,
    readonly name: string,
    readonly communityId: string,
  ) {
    if ((GLOBAL_COLLECTIONS as readonly string[]).includes(name)) {
      throw new Error(`collection ${name} is global; use GlobalDb`)
    }
  }

  private ref(): Any {
    return this.raw.collection(this.name)
  }

  private scope(query: Query): Query {
    return { ...query, communityId: this.communityId }
  }

  /** One document by id, or null when absent or of another community. */
  async get(id: string): Promise<T | null> {
    const res: Any = await this.ref().doc(id).get()
    const doc = res.data?.[0] as T | undefined
    return doc && doc.communityId === this.communityId ? doc : null
  }

  /** Like get, but a missing document is the caller's NOT_FOUND. */
  async require(id: string, message?: string): Promise<T> {
    const doc = await this.get(id)
    if (!doc) throw notFound(message)
    return doc
  }

  async find(query: Query = {}, opts: FindOptions = {}): Promise<T[]> {
    const res: Any = await applyFind(this.ref().where(this.scope(query)), opts).get()
    return res.data as T[]
  }

  async count(query: Query = {}): Promise<number> {
    const res: Any = await this.ref().where(this.scope(query)).count()
    return res.total as number
  }

  /** Inserts and returns the id; with a deterministic `_id` a duplicate throws DATABASE_DUPLICATE_WRITE. */
  async add(doc: Omit<T, '_id' | 'communityId'> & { _id?: string }): Promise<string> {
    const res: Any = await this.ref().add({ ...doc, communityId: this.communityId })
    return res.id as string
  }

  /**
   * Inserts several documents in one request: all land or none does (a duplicate
   * `_id` among them throws DATABASE_DUPLICATE_WRITE and writes nothing).
   */
  async addMany(docs: Array<Omit<T, '_id' | 'communityId'> & { _id?: string }>): Promise<string[]> {
    const res: Any = await this.ref().add(docs.map((doc) => ({ ...doc, communityId: this.communityId })))
    return (res.ids ?? res.insertedIds ?? []) as string[]
  }

  /**
   * Updates one document by id, optionally only while `when` holds (a conditional
   * update: capacity, state transitions). Returns how many documents changed: 0 or 1.
   */
  async update(id: string, patch: Patch, when: Query = {}): Promise<number> {
    const res: Any = await this.ref()
      .where(this.scope({ ...when, _id: id }))
      .update(patch)
    return res.updated as number
  }

  async updateWhere(query: Query, patch: Patch): Promise<number> {
    const res: Any = await this.ref().where(this.scope(query)).update(patch)
    return res.updated as number
  }

  /** Conditional update returning the document after the change, or null when nothing matched. */
  async updateAndReturn(id: string, patch: Patch, when: Query = {}): Promise<T | null> {
    const res: Any = await this.ref()
      .where(this.scope({ ...when, _id: id }))
      .updateAndReturn(patch)
    return (res.doc as T) ?? null
  }

  async remove(id: string): Promise<number> {
    const res: Any = await this.ref().where(this.scope({ _id: id })).remove()
    return res.deleted as number
  }

  async removeWhere(query: Query): Promise<number> {
    const res: Any = await this.ref().where(this.scope(query)).remove()
    return res.deleted as number
  }
}

/**
 * A short doc-by-id transaction. CloudBase runs `where().update()` outside a
 * transaction silently, so only doc reads and writes plus `add` are offered here.
 */
export class ScopedTransaction {
  constructor(
    private readonly tx: Any,
    readonly communityId: string,
  ) {}

  async get<T extends StoredDoc = StoredDoc>(collection: string, id: string): Promise<T | null> {
    const res: Any = await this.tx.collection(collection).doc(id).get()
    const doc = res.data as T | null
    return doc && doc.communityId === this.communityId ? doc : null
  }

  /** Updates a document the transaction has already read (so its community is known). */
  async update(collection: string, id: string, patch: Patch): Promise<void> {
    await this.tx.collection(collection).doc(id).update(patch)
  }

  /** Creates or replaces a whole document by id. */
  async set(collection: string, id: string, doc: Record<string, unknown>): Promise<void> {
    const { _id: _ignored, ...rest } = doc
    await this.tx.collection(collection).doc(id).set({ ...rest, communityId: this.communityId })
  }

  async add(collection: string, doc: Record<string, unknown>): Promise<string> {
    const res: Any = await this.tx.collection(collection).add({ ...doc, communityId: this.communityId })
    return res.id as string
  }

  async remove(collection: string, id: string): Promise<void> {
    await this.tx.collection(collection).doc(id).remove()
  }
}

export class ScopedDb {
  constructor(
    readonly raw: RawDb,
    readonly communityId: string,
  ) {}

  /** `db.command` — query and update operators (`_.inc`, `_.lt`, `_.set`, …). */
  get _(): Any {
    return this.raw.command
  }

  collection<T extends StoredDoc = StoredDoc>(name: string): ScopedCollection<T> {
    return new ScopedCollection<T>(this.raw, name, this.communityId)
  }

  transaction<R>(fn: (tx: ScopedTransaction) => Promise<R>): Promise<R> {
    return this.raw.runTransaction((tx: Any) => fn(new ScopedTransaction(tx, this.communityId))) as Promise<R>
  }
}

/** Cross-community collections, for platform code only. */
export class GlobalDb {
  constructor(readonly raw: RawDb) {}

  get _(): Any {
    return this.raw.command
  }

  async get<T>(collection: GlobalCollection, id: string): Promise<T | null> {
    const res: Any = await this.raw.collection(collection).doc(id).get()
    return (res.data?.[0] as T | undefined) ?? null
  }

  async find<T>(collection: GlobalCollection, query: Query, opts: FindOptions = {}): Promise<T[]> {
    const res: Any = await applyFind(this.raw.collection(collection).where(query), opts).get()
    return res.data as T[]
  }

  async add(collection: GlobalCollection, doc: Record<string, unknown>): Promise<string> {
    const res: Any = await this.raw.collection(collection).add(doc)
    return res.id as string
  }

  async update(collection: GlobalCollection, id: string, patch: Patch): Promise<number> {
    const res: Any = await this.raw.collection(collection).doc(id).update(patch)
    return res.updated as number
  }

  async set(collection: GlobalCollection, id: string, doc: Record<string, unknown>): Promise<void> {
    const { _id: _ignored, ...rest } = doc
    await this.raw.collection(collection).doc(id).set(rest)
  }
}

export async function removeGlobal(db: GlobalDb, collection: GlobalCollection, id: string): Promise<number> {
  const res: Any = await db.raw.collection(collection).doc(id).remove()
  return res.deleted as number
}
