/**
 * The database as handlers see it: every document carries `communityId`, every
 * query filters on it, and a handler cannot forget it — the scoped collection adds
 * it to each query and stamps it on each insert.
 *
 * The genuine @cloudbase/node-sdk sits underneath (production and emulator alike).
 * `users` and `communities` span communities, and timers sweep every community at
 * once: only platform code reaches across, through `CrossCommunityDb`, and hands
 * handlers the narrow capabilities built on it (platform/directory.ts).
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { systemClock, type Clock } from './clock'
import { cloudbaseCode, conflict, isDuplicateWrite, notFound } from './errors'

export type RawDb = ReturnType<CloudBase['database']>
// The SDK's query types are loose; we keep ours narrow at the edges instead.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any

export const GLOBAL_COLLECTIONS = ['users', 'communities', 'shareCodes'] as const

export type Query = Record<string, unknown>
export type Patch = Record<string, unknown>

export interface FindOptions {
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>
  limit?: number
  skip?: number
  /** a projection: `true` per field to keep, or an operator such as `_.project.elemMatch(…)` */
  fields?: Record<string, unknown>
}

export interface StoredDoc {
  _id: string
  communityId: string
  [field: string]: unknown
}

/**
 * A scoped write about to reach the database: `patch` is null for an insert, a whole
 * replacement or a removal. A watcher (the 首页 digest, modules/home/digest.ts) acts
 * before the write, so a crash after it can never leave the write unannounced.
 */
export interface ScopedWrite {
  raw: RawDb
  communityId: string
  collection: string
  patch: Patch | null
  now: Date
}
const watchers: Array<(write: ScopedWrite) => Promise<void>> = []

/** How many watchers are in place (the registry puts the 首页 digest's there at start). */
export const writeWatchers = (): number => watchers.length

/** Runs `watcher` before every scoped write (collection, transaction) of any community. */
export function watchWrites(watcher: (write: ScopedWrite) => Promise<void>): void {
  watchers.push(watcher)
}

async function announce(raw: RawDb, clock: Clock, communityId: string, collection: string, patch: Patch | null) {
  for (const watch of watchers) await watch({ raw, communityId, collection, patch, now: clock.now() })
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
    private readonly clock: Clock = systemClock,
  ) {
    if ((GLOBAL_COLLECTIONS as readonly string[]).includes(name)) {
      throw new Error(`collection ${name} spans communities; use the directory`)
    }
  }

  private ref(): Any {
    return this.raw.collection(this.name)
  }

  private scope(query: Query): Query {
    return { ...query, communityId: this.communityId }
  }

  private announce(patch: Patch | null) {
    return announce(this.raw, this.clock, this.communityId, this.name, patch)
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

  /**
   * An aggregation in one request: the community's documents matching `match` (the
   * first `$match`, which the indexes serve) through the further stages, each a
   * `{ $stage: value }` object as MongoDB writes it (`$group`, `$project`, `$unwind`, …).
   */
  async aggregate<R = Record<string, unknown>>(match: Query, stages: Array<Record<string, unknown>> = []): Promise<R[]> {
    let pipeline: Any = this.ref().aggregate().match(this.scope(match))
    for (const stage of stages) {
      const [key, value] = Object.entries(stage)[0]
      pipeline = pipeline[key.slice(1)](value)
    }
    const res: Any = await pipeline.end()
    return res.data as R[]
  }

  /** Inserts and returns the id; with a deterministic `_id` a duplicate throws DATABASE_DUPLICATE_WRITE. */
  async add(doc: Omit<T, '_id' | 'communityId'> & { _id?: string }): Promise<string> {
    await this.announce(null)
    const res: Any = await this.ref().add({ ...doc, communityId: this.communityId })
    return res.id as string
  }

  /**
   * Inserts several documents in one request: all land or none does (a duplicate
   * `_id` among them throws DATABASE_DUPLICATE_WRITE and writes nothing).
   */
  async addMany(docs: Array<Omit<T, '_id' | 'communityId'> & { _id?: string }>): Promise<string[]> {
    await this.announce(null)
    const res: Any = await this.ref().add(docs.map((doc) => ({ ...doc, communityId: this.communityId })))
    return (res.ids ?? res.insertedIds ?? []) as string[]
  }

  /**
   * Updates one document by id, optionally only while `when` holds (a conditional
   * update: capacity, state transitions). Returns how many documents changed: 0 or 1.
   */
  async update(id: string, patch: Patch, when: Query = {}): Promise<number> {
    await this.announce(patch)
    const res: Any = await this.ref()
      .where(this.scope({ ...when, _id: id }))
      .update(patch)
    return res.updated as number
  }

  async updateWhere(query: Query, patch: Patch): Promise<number> {
    await this.announce(patch)
    const res: Any = await this.ref().where(this.scope(query)).update(patch)
    return res.updated as number
  }

  /** Conditional update returning the document after the change, or null when nothing matched. */
  async updateAndReturn(id: string, patch: Patch, when: Query = {}): Promise<T | null> {
    await this.announce(patch)
    const res: Any = await this.ref()
      .where(this.scope({ ...when, _id: id }))
      .updateAndReturn(patch)
    return (res.doc as T) ?? null
  }

  async remove(id: string): Promise<number> {
    await this.announce(null)
    const res: Any = await this.ref().where(this.scope({ _id: id })).remove()
    return res.deleted as number
  }

  async removeWhere(query: Query): Promise<number> {
    await this.announce(null)
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
    /** `db.command`, for update operators (`_.inc`) inside the transaction */
    readonly _: Any,
    private readonly raw: RawDb,
    private readonly clock: Clock,
  ) {}

  private announce(collection: string, patch: Patch | null) {
    return announce(this.raw, this.clock, this.communityId, collection, patch)
  }

  async get<T extends StoredDoc = StoredDoc>(collection: string, id: string): Promise<T | null> {
    const res: Any = await this.tx.collection(collection).doc(id).get()
    const doc = res.data as T | null
    return doc && doc.communityId === this.communityId ? doc : null
  }

  /** Updates a document the transaction has already read (so its community is known). */
  async update(collection: string, id: string, patch: Patch): Promise<void> {
    await this.announce(collection, patch)
    await this.tx.collection(collection).doc(id).update(patch)
  }

  /** Creates or replaces a whole document by id. */
  async set(collection: string, id: string, doc: Record<string, unknown>): Promise<void> {
    const { _id: _ignored, ...rest } = doc
    await this.announce(collection, null)
    await this.tx.collection(collection).doc(id).set({ ...rest, communityId: this.communityId })
  }

  async add(collection: string, doc: Record<string, unknown>): Promise<string> {
    await this.announce(collection, null)
    const res: Any = await this.tx.collection(collection).add({ ...doc, communityId: this.communityId })
    return res.id as string
  }

  async remove(collection: string, id: string): Promise<void> {
    await this.announce(collection, null)
    await this.tx.collection(collection).doc(id).remove()
  }
}

export class ScopedDb {
  constructor(
    private readonly raw: RawDb,
    readonly communityId: string,
    /** the server's clock, which a write watcher reads (the local one in tests) */
    readonly clock: Clock = systemClock,
  ) {}

  /** `db.command` — query and update operators (`_.inc`, `_.lt`, `_.set`, …). */
  get _(): Any {
    return this.raw.command
  }

  collection<T extends StoredDoc = StoredDoc>(name: string): ScopedCollection<T> {
    return new ScopedCollection<T>(this.raw, name, this.communityId, this.clock)
  }

  /**
   * A short doc-by-id transaction, snapshot isolated as CloudBase's are: only two
   * transactions writing one document conflict (DATABASE_TRANSACTION_CONFLICT, which
   * ends the transaction on the server); a document it only reads may change before
   * it commits, so a rule that depends on a document must write it too.
   * On a conflict it runs again after a random pause that grows with each attempt and
   * with how long the attempt took (a busy database makes every attempt slower and the
   * crowd at one document larger), so a burst spreads out instead of colliding again at
   * once as the SDK's runTransaction would. It gives up with a retryable CONFLICT after
   * 40 attempts or `budgetMs` (a cloud function is cut off soon after), having written
   * nothing. `fn` may therefore run more than once: it must only read and write through `tx`.
   */
  async transaction<R>(fn: (tx: ScopedTransaction) => Promise<R>, budgetMs = TRANSACTION_BUDGET_MS): Promise<R> {
    const deadline = Date.now() + budgetMs
    for (let attempt = 1; ; attempt++) {
      const began = Date.now()
      const tx: Any = await this.raw.startTransaction()
      try {
        const result = await fn(new ScopedTransaction(tx, this.communityId, this.raw.command, this.raw, this.clock))
        await tx.commit()
        return result
      } catch (err) {
        if (cloudbaseCode(err) !== 'DATABASE_TRANSACTION_CONFLICT') {
          await tx.rollback().catch(() => undefined)
          throw err
        }
        const left = deadline - Date.now()
        if (attempt >= TRANSACTION_ATTEMPTS || left <= 0) throw conflict(BUSY)
        const spent = Math.max(5, Date.now() - began)
        await sleep(Math.min(left, Math.random() * Math.min(MAX_PAUSE_MS, spent * 2 ** Math.min(attempt, 10))))
      }
    }
  }
}

const TRANSACTION_ATTEMPTS = 40
const MAX_PAUSE_MS = 5000
/** How long transaction() keeps retrying: a cloud function's default timeout is 20 s, and the work before and after needs time too. */
export const TRANSACTION_BUDGET_MS = 12_000
/** Nothing was written: the caller may simply send the same request again. */
export const BUSY = '同时操作的人太多，这次没有办成，请稍后再试'
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Documents of any community (or of none: users, communities, early media checks). */
export class OpenCollection<T extends { _id: string } = StoredDoc> {
  constructor(
    private readonly raw: RawDb,
    readonly name: string,
  ) {}

  private ref(): Any {
    return this.raw.collection(this.name)
  }

  async get(id: string): Promise<T | null> {
    const res: Any = await this.ref().doc(id).get()
    return (res.data?.[0] as T | undefined) ?? null
  }

  async find(query: Query, opts: FindOptions = {}): Promise<T[]> {
    const res: Any = await applyFind(this.ref().where(query), opts).get()
    return res.data as T[]
  }

  async count(query: Query): Promise<number> {
    const res: Any = await this.ref().where(query).count()
    return res.total as number
  }

  async add(doc: Omit<T, '_id'> & { _id?: string }): Promise<string> {
    const res: Any = await this.ref().add(doc)
    return res.id as string
  }

  /** Updates one document by id, optionally only while `when` holds; returns 0 or 1. */
  async update(id: string, patch: Patch, when?: Query): Promise<number> {
    const res: Any = await (when ? this.ref().where({ ...when, _id: id }) : this.ref().doc(id)).update(patch)
    return res.updated as number
  }

  async updateWhere(query: Query, patch: Patch): Promise<number> {
    const res: Any = await this.ref().where(query).update(patch)
    return res.updated as number
  }

  async remove(id: string): Promise<number> {
    const res: Any = await this.ref().doc(id).remove()
    return res.deleted as number
  }
}

/**
 * Every community at once. Timers (which sweep all communities), WeChat's pushes and
 * the platform's directory use it; handlers never see it.
 */
export class CrossCommunityDb {
  constructor(
    private readonly raw: RawDb,
    private readonly clock: Clock = systemClock,
  ) {}

  get _(): Any {
    return this.raw.command
  }

  collection<T extends { _id: string } = StoredDoc>(name: string): OpenCollection<T> {
    return new OpenCollection<T>(this.raw, name)
  }

  /** One community's scoped database, for work on a document found across communities. */
  in(communityId: string): ScopedDb {
    return new ScopedDb(this.raw, communityId, this.clock)
  }
}

export type AddOutcome = 'added' | 'exists'

interface Insertable<D> {
  add(doc: D): Promise<unknown>
  addMany?(docs: D[]): Promise<unknown>
}

/**
 * Inserts a document (or several, all or none) whose deterministic `_id` makes it
 * once-only: `'exists'` when the database refuses a duplicate (DATABASE_DUPLICATE_WRITE),
 * so "once per person" is the database's rule, not a read-then-write race.
 */
export async function addOnce<D>(coll: Insertable<D>, doc: D | D[]): Promise<AddOutcome> {
  try {
    if (!Array.isArray(doc)) await coll.add(doc)
    else if (coll.addMany) await coll.addMany(doc)
    else throw new Error('this collection inserts one document at a time')
    return 'added'
  } catch (err) {
    if (isDuplicateWrite(err)) return 'exists'
    throw err
  }
}
