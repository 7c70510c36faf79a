/**
 * Optimistic transactions. A transaction remembers the version of every document
 * it reads or writes and buffers its writes; reads see its own writes. Commit
 * fails with DATABASE_TRANSACTION_CONFLICT if any of those documents changed
 * meanwhile, otherwise all writes land in one LMDB transaction.
 *
 * A conflict ends the transaction on the server (as MongoDB aborts on a write
 * conflict): `runTransaction` retries with a new transaction without aborting the
 * old one. Transactions idle longer than the timeout expire for the same reason.
 * Phantoms are not detected: a document another request inserts after a WHERE read
 * does not conflict.
 */
import type { Doc } from './ejson'
import { EmulatorError, transactionConflict } from './errors'
import { newTransactionId } from './ids'
import type { IdKey } from './indexes'
import type { Collection, Store, WriteOp } from './store'

interface Touched {
  collection: Collection
  id: IdKey
  /** the committed version when the transaction first touched the document */
  version: number
  /** the document as this transaction sees it */
  doc: Doc | null
  dirty: boolean
}

const touchKey = (collection: Collection, id: IdKey) =>
  `${collection.name}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`

export class Transaction {
  private readonly touched = new Map<string, Touched>()
  lastUsed = Date.now()

  constructor(
    readonly id: string,
    private readonly onConflict: (transaction: Transaction) => void,
  ) {}

  private touch(collection: Collection, id: IdKey): Touched {
    const key = touchKey(collection, id)
    let touched = this.touched.get(key)
    if (!touched) {
      touched = {
        collection,
        id,
        version: collection.versionOf(id),
        doc: collection.get(id)?.doc ?? null,
        dirty: false,
      }
      this.touched.set(key, touched)
    }
    return touched
  }

  read(collection: Collection, id: IdKey): Doc | null {
    return this.touch(collection, id).doc
  }

  /** Records documents a WHERE read returned, so that their change conflicts. */
  saw(collection: Collection, id: IdKey): void {
    this.touch(collection, id)
  }

  /** Buffers a write; fails at once if the document already changed under us. */
  write(collection: Collection, id: IdKey, doc: Doc | null): void {
    const touched = this.touch(collection, id)
    if (collection.versionOf(id) !== touched.version) throw this.conflict(touched)
    touched.doc = doc
    touched.dirty = true
  }

  /** This transaction's view of the documents of one collection it touched. */
  own(collection: Collection): Map<IdKey, Doc | null> {
    const out = new Map<IdKey, Doc | null>()
    for (const touched of this.touched.values()) {
      if (touched.collection === collection) out.set(touched.id, touched.doc)
    }
    return out
  }

  /** The writes to commit; throws if anything it touched changed. */
  validate(): WriteOp[] {
    const ops: WriteOp[] = []
    for (const touched of this.touched.values()) {
      if (touched.collection.versionOf(touched.id) !== touched.version) throw this.conflict(touched)
      if (touched.dirty) ops.push({ collection: touched.collection, id: touched.id, doc: touched.doc })
    }
    return ops
  }

  private conflict(touched: Touched): EmulatorError {
    this.onConflict(this)
    return transactionConflict(touched.collection.name, touched.doc?._id ?? touched.id)
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>()
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
    const transaction = new Transaction(newTransactionId(), (t) => this.open.delete(t.id))
    this.open.set(transaction.id, transaction)
    return transaction
  }

  get(id: unknown): Transaction {
    const transaction = typeof id === 'string' ? this.open.get(id) : undefined
    if (!transaction) {
      throw new EmulatorError(
        'DATABASE_TRANSACTION_FAIL',
        `事务不存在: transaction ${JSON.stringify(id)} is not open ` +
          `(committed, aborted, ended by a conflict, or idle longer than ${this.timeoutMs / 1000} s)`,
      )
    }
    transaction.lastUsed = Date.now()
    return transaction
  }

  commit(id: unknown): Promise<void> {
    const transaction = this.get(id)
    const ops = transaction.validate()
    this.open.delete(transaction.id)
    return this.store.commit(ops)
  }

  /** Aborting a transaction that is already gone succeeds: there is nothing to undo. */
  abort(id: unknown): void {
    if (typeof id === 'string') this.open.delete(id)
  }

  private expire(): void {
    const deadline = Date.now() - this.timeoutMs
    for (const [id, transaction] of this.open) if (transaction.lastUsed < deadline) this.open.delete(id)
  }

  close(): void {
    clearInterval(this.sweeper)
    this.open.clear()
  }
}
