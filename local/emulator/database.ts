/**
 * What the database actions share: the store, open transactions, strict index
 * mode, and a Scope that reads and writes either the committed state or a
 * transaction's view of it.
 */
import { type Doc } from './ejson'
import { duplicateWrite, invalidParam } from './errors'
import type { IdKey } from './indexes'
import { requireIndex } from './plan'
import { candidates, compile, select } from './query'
import type { Collection, Store, WriteOp } from './store'
import { TransactionManager, type Transaction } from './transactions'

export interface Scope {
  get(collection: Collection, id: IdKey): Doc | null
  /** Matching documents in natural order (at most `stopAfter`). */
  find(collection: Collection, filter: Doc, stopAfter?: number): Array<[IdKey, Doc]>
  /**
   * Resolves once the writes are durable (or buffered, inside a transaction).
   * Outside a transaction it throws WaitForTransaction, before writing anything,
   * if an open transaction holds one of the documents.
   */
  write(ops: WriteOp[]): Promise<void>
}

export class Database {
  readonly transactions: TransactionManager
  private readonly direct: Scope

  constructor(
    readonly store: Store,
    readonly strictIndexes: boolean,
    transactionTimeoutMs: number,
  ) {
    const transactions = (this.transactions = new TransactionManager(store, transactionTimeoutMs))
    this.direct = {
      get: (collection, id) => collection.get(id)?.doc ?? null,
      find: (collection, filter, stopAfter) => select(collection, filter, stopAfter),
      write(ops) {
        transactions.checkUnlocked(ops)
        return store.commit(ops)
      },
    }
  }

  collection(name: unknown): Collection {
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName must be a non-empty string')
    return this.store.collection(name)
  }

  /** Strict index mode: throws DATABASE_INDEX_REQUIRED for a query no index serves. */
  requireIndex(collection: Collection, filter: Doc, what: string): void {
    if (this.strictIndexes) requireIndex(collection.name, collection.spec, filter, what)
  }

  scope(transactionId: unknown): Scope {
    if (transactionId === undefined || transactionId === null || transactionId === '') return this.direct
    return transactionScope(this.transactions.get(transactionId))
  }
}

/** The collection as it was at the transaction's snapshot, with its own writes on top. */
function transactionScope(transaction: Transaction): Scope {
  return {
    get: (collection, id) => transaction.read(collection, id),
    find(collection, filter, stopAfter = Infinity) {
      const version = transaction.version
      const own = transaction.own(collection)
      const test = compile(filter)
      const found: Array<[IdKey, Doc, number]> = []
      // Documents unchanged since the snapshot, found through the current indexes…
      for (const [id, entry] of candidates(collection, filter)) {
        if (entry.version <= version && !own.has(id) && test(entry.doc)) found.push([id, entry.doc, entry.seq])
      }
      // …those changed since, as they were…
      for (const id of collection.history.keys()) {
        if (own.has(id) || collection.versionOf(id) <= version) continue
        const past = collection.stateAt(id, version)
        if (past.doc && test(past.doc)) found.push([id, past.doc, past.seq])
      }
      // …and what the transaction wrote itself; documents it inserted come last.
      for (const [id, doc] of own) {
        if (!doc || !test(doc)) continue
        const seq = collection.get(id)?.seq || collection.stateAt(id, version).seq || Number.MAX_SAFE_INTEGER
        found.push([id, doc, seq])
      }
      found.sort((a, b) => a[2] - b[2])
      return found.slice(0, stopAfter).map(([id, doc]) => [id, doc])
    },
    async write(ops) {
      const inserted = new Set<IdKey>()
      for (const op of ops) {
        if (!op.insert) continue
        if (inserted.has(op.id) || transaction.read(op.collection, op.id)) throw duplicateWrite(op.collection.name, op.doc?._id)
        inserted.add(op.id)
      }
      transaction.write(ops)
    },
  }
}
