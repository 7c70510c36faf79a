/**
 * LMDB is the source of truth; each collection is also held decoded in memory
 * (loaded on first use, so opening a data folder costs nothing) with its secondary
 * indexes. A write is validated and applied to memory synchronously — no other
 * request can interleave — and then committed to LMDB in the same order; the caller
 * awaits `commit()`'s promise, which resolves once LMDB has committed and flushed it.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { open, type Database as LmdbDatabase, type RootDatabase, type RootDatabaseOptions } from 'lmdb'
import { Encoder } from 'msgpackr'
import type { CollectionSpec } from '../../cloudfunctions/api/src/platform/schema'
import { ObjectId } from 'bson'
import { isObjectId, isPlainObject, type Doc } from './ejson'
import { collectionNotExist, duplicateWrite, EmulatorError } from './errors'
import { IndexTrie, type IdKey } from './indexes'

export interface Entry {
  readonly doc: Doc
  /** insertion order, kept across updates: MongoDB's natural order */
  readonly seq: number
  /** bumped on every write since the process started; transactions compare it */
  readonly version: number
}

/** The final state of one document: `doc: null` deletes it. */
export interface WriteOp {
  collection: Collection
  id: IdKey
  doc: Doc | null
  /** fail with DATABASE_DUPLICATE_WRITE if the document exists */
  insert?: boolean
}

/**
 * lmdb's own msgpack encoder, but the class from this module's realm. lmdb's native
 * addon is shared by the whole process and every `open()` hands over to the first
 * one that ran, so where several realms load the emulator (jest runs each test file
 * in one) lmdb would encode with another realm's `instanceof Date` — Dates reached
 * the disk as ISO strings — and decode into another realm's objects, which our
 * checks do not take for plain objects. Same format, so existing folders read as before.
 */
const OWN_ENCODER: RootDatabaseOptions = { encoder: { Encoder } }

/** `hasObjectIds` set: the document's ObjectIds are stored as `{$oid: hex}` (see storable). */
type Stored = [seq: number, doc: Doc, hasObjectIds?: 1]

/** One past state of a document, kept while an open transaction's snapshot may need it. */
export interface PastState {
  /** the version that wrote this state (0: before the process started, or never existed) */
  version: number
  /** null: the document did not exist */
  doc: Doc | null
  seq: number
}

export class Collection {
  private entries: Map<IdKey, Entry> | undefined
  private removedVersions = new Map<IdKey, number>()
  /**
   * States a write replaced while snapshots were open, oldest first, so a
   * transaction reads the collection as it was at its snapshot.
   */
  readonly history = new Map<IdKey, PastState[]>()
  private nextSeq = 1
  indexes: IndexTrie[] = []

  constructor(
    readonly name: string,
    readonly lmdb: LmdbDatabase<Stored, IdKey>,
    readonly spec: CollectionSpec | undefined,
    private readonly keepHistory: () => boolean,
  ) {}

  /** Every document in natural order; loads the collection on first use. */
  get docs(): Map<IdKey, Entry> {
    return this.entries ?? this.load()
  }

  get(id: IdKey): Entry | undefined {
    return this.docs.get(id)
  }

  versionOf(id: IdKey): number {
    return this.docs.get(id)?.version ?? this.removedVersions.get(id) ?? 0
  }

  /** The document as it was once every write up to `version` had landed (a snapshot read). */
  stateAt(id: IdKey, version: number): PastState {
    const entry = this.docs.get(id)
    const current = entry ?? null
    if ((current?.version ?? this.removedVersions.get(id) ?? 0) <= version) {
      return { version: current?.version ?? 0, doc: current?.doc ?? null, seq: current?.seq ?? 0 }
    }
    const past = this.history.get(id)
    if (past) for (let i = past.length - 1; i >= 0; i--) if (past[i].version <= version) return past[i]
    return { version: 0, doc: null, seq: 0 }
  }

  /** Drops past states no snapshot at or after `oldest` can see; all of them when none is open. */
  pruneHistory(oldest: number): void {
    for (const [id, past] of this.history) {
      if (oldest === Infinity || this.versionOf(id) <= oldest) {
        this.history.delete(id)
        continue
      }
      let keep = past.length - 1
      while (keep > 0 && past[keep].version > oldest) keep--
      if (keep > 0) past.splice(0, keep)
    }
  }

  /** Forgets the decoded copy; the next access reads LMDB again. */
  unload(): void {
    this.entries = undefined
    this.indexes = []
  }

  private load(): Map<IdKey, Entry> {
    const loaded: Array<[IdKey, Stored]> = []
    for (const { key, value } of this.lmdb.getRange()) loaded.push([key, value])
    loaded.sort((a, b) => a[1][0] - b[1][0])
    const entries = new Map<IdKey, Entry>()
    this.indexes = (this.spec?.indexes ?? []).map((index) => new IndexTrie(index))
    for (const [id, [seq, stored, hasObjectIds]] of loaded) {
      const doc = hasObjectIds ? revive(stored) : stored
      entries.set(id, { doc, seq, version: 0 })
      for (const index of this.indexes) index.add(id, doc)
    }
    this.nextSeq = loaded.length ? loaded[loaded.length - 1][1][0] + 1 : 1
    this.entries = entries
    return entries
  }

  /** Applies one op to memory; returns what to store in LMDB and how to undo it. */
  applyWrite(op: WriteOp, version: number): { stored: Stored | undefined; undo: () => void } {
    const docs = this.docs
    const previous = docs.get(op.id)
    if (op.insert && previous) throw duplicateWrite(this.name, op.doc?._id ?? op.id)
    if (op.doc) {
      for (const index of this.indexes) {
        index.validate(op.doc)
        if (!index.spec.unique) continue
        const other = index.conflict(op.id, op.doc)
        if (other !== undefined) {
          throw new EmulatorError(
            'DATABASE_DUPLICATE_WRITE',
            `唯一索引冲突: unique index ${index.spec.name} (${index.fields.join(', ')}) of "${this.name}" ` +
              `already holds these values (document ${JSON.stringify(other)})`,
          )
        }
      }
    }
    const previousRemoved = this.removedVersions.get(op.id)
    const previousNextSeq = this.nextSeq
    let past: PastState[] | undefined
    if (this.keepHistory()) {
      past = this.history.get(op.id)
      if (!past) this.history.set(op.id, (past = []))
      past.push({ version: previous?.version ?? previousRemoved ?? 0, doc: previous?.doc ?? null, seq: previous?.seq ?? 0 })
    }
    if (previous) for (const index of this.indexes) index.remove(op.id, previous.doc)
    let stored: Stored | undefined
    if (op.doc) {
      const entry = { doc: op.doc, seq: previous?.seq ?? this.nextSeq++, version }
      stored = storable(entry.seq, op.doc)
      docs.set(op.id, entry)
      for (const index of this.indexes) index.add(op.id, op.doc)
      this.removedVersions.delete(op.id)
    } else {
      docs.delete(op.id)
      if (previous) this.removedVersions.set(op.id, version)
    }
    const undo = () => {
      if (op.doc) {
        for (const index of this.indexes) index.remove(op.id, op.doc)
        docs.delete(op.id)
      }
      if (previous) {
        docs.set(op.id, previous)
        for (const index of this.indexes) index.add(op.id, previous.doc)
      }
      if (previousRemoved === undefined) this.removedVersions.delete(op.id)
      else this.removedVersions.set(op.id, previousRemoved)
      this.nextSeq = previousNextSeq
      if (past) {
        past.pop()
        if (past.length === 0) this.history.delete(op.id)
      }
    }
    return { stored, undo }
  }
}

export interface FileMeta {
  size: number
  contentType: string
  uploadedAt: Date
}

export class Store {
  private readonly collections = new Map<string, Collection>()
  private clock = 0
  /** Open transactions that took a snapshot: while there are any, writes keep what they replace. */
  snapshots = 0
  private pending = new Set<Promise<unknown>>()
  readonly files: LmdbDatabase<FileMeta, string>
  readonly fileData: LmdbDatabase<Buffer, string>
  private readonly meta: LmdbDatabase<unknown, string>
  private readonly specs: Map<string, CollectionSpec>

  private constructor(
    private readonly root: RootDatabase,
    schema: CollectionSpec[],
  ) {
    this.specs = new Map(schema.map((spec) => [spec.name, spec]))
    this.meta = root.openDB('meta', { ...OWN_ENCODER })
    this.files = root.openDB('files', { ...OWN_ENCODER })
    this.fileData = root.openDB('fileData', { encoding: 'binary' })
    for (const { key } of this.meta.getRange({ start: 'collection:', end: 'collection;' })) {
      this.attach(key.slice('collection:'.length))
    }
  }

  /** Opens (or creates) the data folder and creates the schema's collections. */
  static async open(dataDir: string, schema: CollectionSpec[] = []): Promise<Store> {
    mkdirSync(dataDir, { recursive: true })
    const root = open({ path: join(dataDir, 'emulator.mdb'), maxDbs: 1000 })
    const store = new Store(root, schema)
    const missing = schema.filter((spec) => !store.collections.has(spec.name))
    for (const spec of missing) await store.createCollection(spec.name)
    return store
  }

  private attach(name: string): Collection {
    const lmdb = this.root.openDB<Stored, IdKey>(`c:${name}`, { sharedStructuresKey: Symbol.for('structures'), ...OWN_ENCODER })
    const collection = new Collection(name, lmdb, this.specs.get(name), () => this.snapshots > 0)
    this.collections.set(name, collection)
    return collection
  }

  /** The version of the last write: a snapshot taken now sees every write up to it. */
  get version(): number {
    return this.clock
  }

  pruneHistory(oldest: number): void {
    for (const collection of this.collections.values()) if (collection.history.size) collection.pruneHistory(oldest)
  }

  has(name: string): boolean {
    return this.collections.has(name)
  }

  collection(name: string): Collection {
    const collection = this.collections.get(name)
    if (!collection) throw collectionNotExist(name)
    return collection
  }

  /** Only for `$lookup`: a missing collection reads as empty, as in MongoDB. */
  maybeCollection(name: string): Collection | undefined {
    return this.collections.get(name)
  }

  async createCollection(name: string): Promise<void> {
    if (this.collections.has(name)) {
      throw new EmulatorError('DATABASE_COLLECTION_ALREADY_EXIST', `集合已存在: collection "${name}" already exists`)
    }
    this.attach(name)
    await this.durable(this.meta.put(`collection:${name}`, { createdAt: new Date() }))
  }

  /**
   * Validates and applies the ops to memory at once (all or none), then commits
   * them to LMDB in one transaction. Throws synchronously for DATABASE_DUPLICATE_WRITE.
   */
  commit(ops: WriteOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve()
    const version = ++this.clock
    const writes: Array<{ op: WriteOp; stored: Stored | undefined; undo: () => void }> = []
    try {
      for (const op of ops) writes.push({ op, ...op.collection.applyWrite(op, version) })
    } catch (error) {
      for (const { undo } of writes.reverse()) undo()
      throw error
    }
    // Plain puts, never lmdb's transaction(callback): lmdb runs such a callback after
    // the puts queued beside it, so its older state of a document would land on disk
    // over newer ones. Puts issued in one event turn commit in one LMDB transaction
    // (lmdb's event-turn batching), in the order issued: all or none, as applied here.
    const persisted = writes.length === 1 ? persist(writes[0].op, writes[0].stored) : Promise.all(writes.map(({ op, stored }) => persist(op, stored)))
    return this.durable(persisted).catch((error) => {
      // Memory ran ahead of a commit that failed: read the truth back from LMDB.
      for (const { op } of writes) op.collection.unload()
      throw new EmulatorError('SYS_ERR', `LMDB commit failed: ${(error as Error).message}`)
    })
  }

  /** Resolves once every write issued so far is committed and flushed to disk. */
  async settled(): Promise<void> {
    if (this.pending.size) await Promise.allSettled([...this.pending])
  }

  private durable(write: Promise<unknown>): Promise<void> {
    const done = write.then(() => this.root.flushed).then(() => undefined)
    this.pending.add(done)
    const forget = () => this.pending.delete(done)
    done.then(forget, forget)
    return done
  }

  /** A random key kept in the data folder, for signing upload URLs. */
  async secret(): Promise<Buffer> {
    const existing = this.meta.get('secret')
    // isView: lmdb's Buffers come from Node's realm, not necessarily this one's Uint8Array.
    if (ArrayBuffer.isView(existing)) return Buffer.from(existing.buffer, existing.byteOffset, existing.byteLength)
    const secret = randomBytes(32)
    await this.durable(this.meta.put('secret', secret))
    return secret
  }

  async putFile(path: string, bytes: Buffer, contentType: string): Promise<void> {
    const meta: FileMeta = { size: bytes.length, contentType, uploadedAt: new Date() }
    // Both in one event turn: one LMDB transaction, in this order (see commit()).
    await this.durable(Promise.all([this.fileData.put(path, bytes), this.files.put(path, meta)]))
  }

  async removeFile(path: string): Promise<boolean> {
    if (this.files.get(path) === undefined) return false
    await this.durable(Promise.all([this.fileData.remove(path), this.files.remove(path)]))
    return true
  }

  async close(): Promise<void> {
    await this.settled()
    await this.root.close()
  }
}

/**
 * LMDB's msgpack keeps Dates but turns an ObjectId into a plain object, so a
 * document holding any is stored with each as `{$oid: hex}` (no stored field name
 * starts with `$`, so nothing else has that shape) and revived on load.
 */
function storable(seq: number, doc: Doc): Stored {
  return containsObjectId(doc) ? [seq, mapObjectIds(doc, (id) => ({ $oid: id.toHexString() })) as Doc, 1] : [seq, doc]
}

function revive(doc: Doc): Doc {
  return mapPlain(doc, (value) =>
    isPlainObject(value) && typeof value.$oid === 'string' && Object.keys(value).length === 1 ? new ObjectId(value.$oid) : undefined,
  ) as Doc
}

function containsObjectId(value: unknown): boolean {
  if (isObjectId(value)) return true
  if (Array.isArray(value)) return value.some(containsObjectId)
  if (isPlainObject(value)) for (const key in value) if (containsObjectId(value[key])) return true
  return false
}

const mapObjectIds = (value: unknown, map: (id: ObjectId) => unknown) =>
  mapPlain(value, (v) => (isObjectId(v) ? map(v) : undefined))

/** A copy of arrays and plain objects in which `replace` swaps the values it returns something for. */
function mapPlain(value: unknown, replace: (value: unknown) => unknown): unknown {
  const replaced = replace(value)
  if (replaced !== undefined) return replaced
  if (Array.isArray(value)) return value.map((v) => mapPlain(v, replace))
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) out[key] = mapPlain(value[key], replace)
  return out
}

function persist(op: WriteOp, stored: Stored | undefined): Promise<boolean> {
  return stored ? op.collection.lmdb.put(op.id, stored) : op.collection.lmdb.remove(op.id)
}
