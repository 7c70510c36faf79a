/**
 * Transactions as CloudBase runs them (MongoDB's snapshot isolation):
 *
 * - A transaction reads the database as it was at its first operation (its
 *   snapshot), plus its own writes; later commits stay invisible to it.
 * - Only writes conflict. Writing a document that changed after the snapshot, or
 *   that another open transaction has already written, fails at once with
 *   DATABASE_TRANSACTION_CONFLICT and ends the transaction (MongoDB aborts on a
 *   write conflict; `runTransaction` then retries with a new one without aborting
 *   the old). A document the transaction only read may change meanwhile: write
 *   skew commits. Commit therefore never conflicts.
 * - A write outside any transaction to a document an open transaction has written
 *   waits until that transaction ends (as in MongoDB), then runs.
 *
 * Writes are buffered and land in one LMDB transaction at commit. Transactions idle
 * longer than the timeout expire (releasing their documents), since abandoned ones
 * are normal: `runTransaction` never aborts the one that conflicted.
 */
import type { Doc } from './ejson'
import { transactionConflict, transactionNotExist } from './errors'
import { newTransactionId } from './ids'
import type { IdKey } from './indexes'
import type { Collection, Store, WriteOp } from './store'

interface Own {
  collection: Collection
  id: IdKey
  /** the document as this transaction wrote it; null: removed */
  doc: Doc | null
}

const docKey = (collection: Collection, id: IdKey) =>
  `${collection.name}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`

/** Thrown by a write outside transactions that must wait for `until` and then run again. */
export class WaitForTransaction extends Error {
  constructor(
    readonly until: Promise<void>,
    readonly transactionId: string,
  ) {
    super(`waits for transaction ${transactionId}`)
  }
}

export class Transaction {
  private readonly writes = new Map<string, Own>()
  /** the store's version when the transaction first read or wrote; undefined before */
  private snapshot: number | undefined
  lastUsed = Date.now()
  private endNow!: () => void
  /** resolves when the transaction commits, aborts, conflicts or expires */
  readonly ended = new Promise<void>((resolve) => (this.endNow = resolve))

  constructor(
    readonly id: string,
    private readonly manager: TransactionManager,
  ) {}

  get version(): number {
    if (this.snapshot === undefined) this.snapshot = this.manager.takeSnapshot()
    return this.snapshot
  }

  get hasSnapshot(): boolean {
    return this.snapshot !== undefined
  }

  read(collection: Collection, id: IdKey): Doc | null {
    const own = this.writes.get(docKey(collection, id))
    if (own) return own.doc
    return collection.stateAt(id, this.version).doc
  }

  /**
   * Buffers writes, all or none: fails at once if a document changed after the
   * snapshot or another open transaction wrote it first.
   */
  write(ops: WriteOp[]): void {
    const version = this.version
    for (const op of ops) {
      const key = docKey(op.collection, op.id)
      if (this.writes.has(key)) continue
      const holder = this.manager.holder(key)
      if ((holder && holder !== this) || op.collection.versionOf(op.id) > version) {
        this.manager.end(this)
        throw transactionConflict()
      }
    }
    for (const op of ops) {
      const key = docKey(op.collection, op.id)
      this.writes.set(key, { collection: op.collection, id: op.id, doc: op.doc })
      this.manager.lock(key, this)
    }
  }

  /** This transaction's own writes to one collection. */
  own(collection: Collection): Map<IdKey, Doc | null> {
    const out = new Map<IdKey, Doc | null>()
    for (const own of this.writes.values()) if (own.collection === collection) out.set(own.id, own.doc)
    return out
  }

  ops(): WriteOp[] {
    return [...this.writes.values()].map(({ collection, id, doc }) => ({ collection, id, doc }))
  }

  keys(): Iterable<string> {
    return this.writes.keys()
  }

  /** Called once by the manager. */
  finish(): void {
    this.endNow()
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>()
  /** documents written by open transactions: who holds each */
  private readonly locks = new Map<string, Transaction>()
  private readonly sweeper: NodeJS.Timeout

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
  ) {
    this.sweeper = setInterval(() => this.expire(), Math.min(Math.max(timeoutMs / 2, 10), 5000))
    this.sweeper.unref()
  }

  get size(): number {
    return this.open.size
  }

  start(): Transaction {
    const transaction = new Transaction(newTransactionId(), this)
    this.open.set(transaction.id, transaction)
    return transaction
  }

  get(id: unknown): Transaction {
    const transaction = typeof id === 'string' ? this.open.get(id) : undefined
    if (!transaction) throw transactionNotExist(this.timeoutMs)
    transaction.lastUsed = Date.now()
    return transaction
  }

  takeSnapshot(): number {
    this.store.snapshots++
    return this.store.version
  }

  holder(key: string): Transaction | undefined {
    return this.locks.get(key)
  }

  lock(key: string, transaction: Transaction): void {
    this.locks.set(key, transaction)
  }

  /**
   * For a write outside transactions: throws WaitForTransaction if an open
   * transaction has written one of these documents.
   */
  checkUnlocked(ops: WriteOp[]): void {
    if (this.locks.size === 0) return
    for (const op of ops) {
      const holder = this.locks.get(docKey(op.collection, op.id))
      if (holder) throw new WaitForTransaction(holder.ended, holder.id)
    }
  }

  /** Commit cannot conflict: every write was checked when it was made. */
  commit(id: unknown): Promise<void> {
    const transaction = this.get(id)
    const ops = transaction.ops()
    try {
      return this.store.commit(ops)
    } finally {
      this.end(transaction)
    }
  }

  /** Aborting a transaction that is already gone succeeds: there is nothing to undo. */
  abort(id: unknown): void {
    const transaction = typeof id === 'string' ? this.open.get(id) : undefined
    if (transaction) this.end(transaction)
  }

  end(transaction: Transaction): void {
    if (!this.open.delete(transaction.id)) return
    for (const key of transaction.keys()) if (this.locks.get(key) === transaction) this.locks.delete(key)
    if (transaction.hasSnapshot) {
      this.store.snapshots--
      if (this.store.snapshots === 0) this.store.pruneHistory(Infinity)
    }
    transaction.finish()
  }

  private expire(): void {
    const deadline = Date.now() - this.timeoutMs
    for (const transaction of [...this.open.values()]) if (transaction.lastUsed < deadline) this.end(transaction)
    if (this.store.snapshots > 0) {
      let oldest = Infinity
      for (const transaction of this.open.values()) if (transaction.hasSnapshot) oldest = Math.min(oldest, transaction.version)
      this.store.pruneHistory(oldest)
    }
  }

  /** Ends every open transaction. */
  dropAll(): void {
    for (const transaction of [...this.open.values()]) this.end(transaction)
  }

  close(): void {
    clearInterval(this.sweeper)
    this.dropAll()
  }
}
