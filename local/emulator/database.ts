/**
 * What the database actions share: the store, open transactions, strict index
 * mode, and a Scope that reads and writes either the committed state or a
 * transaction's view of it.
 */
import { type Doc } from './ejson'
import { duplicateWrite, invalidParam } from './errors'
import type { IdKey } from './indexes'
import { requireIndex } from './plan'
import { compile, select } from './query'
import type { Collection, Store, WriteOp } from './store'
import { TransactionManager, type Transaction } from './transactions'

export interface Scope {
  get(collection: Collection, id: IdKey): Doc | null
  /** Matching documents in natural order (at most `stopAfter`). */
  find(collection: Collection, filter: Doc, stopAfter?: number): Array<[IdKey, Doc]>
  /** Resolves once the writes are durable (or buffered, inside a transaction). */
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
    this.transactions = new TransactionManager(store, transactionTimeoutMs)
    this.direct = {
      get: (collection, id) => collection.get(id)?.doc ?? null,
      find: (collection, filter, stopAfter) => select(collection, filter, stopAfter),
      write: (ops) => store.commit(ops),
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

function transactionScope(transaction: Transaction): Scope {
  return {
    get: (collection, id) => transaction.read(collection, id),
    find(collection, filter, stopAfter = Infinity) {
      const own = transaction.own(collection)
      const test = compile(filter)
      const found: Array<[IdKey, Doc]> = []
      for (const match of select(collection, filter)) if (!own.has(match[0])) found.push(match)
      for (const [id, doc] of own) if (doc && test(doc)) found.push([id, doc])
      // Natural order; documents this transaction inserted come last.
      const seq = (id: IdKey) => collection.get(id)?.seq ?? Number.MAX_SAFE_INTEGER
      found.sort((a, b) => seq(a[0]) - seq(b[0]))
      const result = found.slice(0, stopAfter)
      for (const [id] of result) transaction.saw(collection, id)
      return result
    },
    async write(ops) {
      const inserted = new Set<string>()
      for (const op of ops) {
        if (!op.insert) continue
        const key = `${typeof op.id}:${op.id}`
        if (inserted.has(key) || transaction.read(op.collection, op.id)) {
          throw duplicateWrite(op.collection.name, op.doc?._id)
        }
        inserted.add(key)
      }
      for (const op of ops) transaction.write(op.collection, op.id, op.doc)
    },
  }
}
