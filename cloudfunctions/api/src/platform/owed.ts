/**
 * News a change owes. A threshold crossed (a matter becomes 候选议题, ratings reopen
 * a task) or a record made (an objection) must be told, once, to the people it
 * concerns; telling takes further requests, and the server may die between the change
 * and the telling. So the write that makes the change also records, on the document it
 * changes, the news it owes (`owes: ['candidate']`); the news is delivered after it
 * and then struck off. A crash between leaves it owed, and whoever next sees the
 * document owing — the retry of the same call, the next call on that document —
 * delivers it. Deliveries are keyed messages (platform/notify), so nobody hears twice
 * however many deliver at once.
 */
import type { ScopedDb, StoredDoc } from './db'

export interface OwingDoc extends StoredDoc {
  /** news keys not yet delivered; absent when none is owed */
  owes?: string[]
}

/** The patch fragment that records news as owed, for the update or transaction that makes the change. */
export const owe = (db: ScopedDb, ...keys: string[]) => ({ owes: db._.push(keys) })

/**
 * Delivers what `doc` owes and strikes each key off once delivered. A key `deliver`
 * does not know (or no longer needs telling) is struck off without a word.
 */
export async function payOwed(db: ScopedDb, collection: string, doc: OwingDoc, deliver: (key: string) => Promise<void>): Promise<void> {
  for (const key of doc.owes ?? []) {
    await deliver(key)
    await db.collection(collection).update(doc._id, { owes: db._.pull(key) })
  }
}
