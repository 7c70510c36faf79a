import { isPlainObject, type Doc } from '../ejson'
import { invalidParam } from '../errors'
import { newDocId } from '../ids'
import { idKeyOf } from '../indexes'
import type { WriteOp } from '../store'
import { refuseDollarFields } from '../update'
import { ejsonList, type Action } from './context'

/** Longer `_id`s would not fit an LMDB key. */
const MAX_ID_BYTES = 1000

/**
 * `add(doc)`, `add([docs])` and `doc(id).create(doc)`. All documents land or
 * none does; an existing `_id` fails with DATABASE_DUPLICATE_WRITE.
 */
export const insertDocument: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const docs = ejsonList(request.data, 'data', context).map((item): Doc => {
    if (!isPlainObject(item)) throw invalidParam('every document to insert must be an object')
    refuseDollarFields(item)
    const { _id = newDocId(), ...fields } = item
    if (typeof _id === 'string' && Buffer.byteLength(_id) > MAX_ID_BYTES) {
      throw invalidParam(`_id is longer than ${MAX_ID_BYTES} bytes`)
    }
    return { _id, ...fields }
  })
  if (docs.length === 0) throw invalidParam('data must hold at least one document')
  const ops: WriteOp[] = docs.map((doc) => ({ collection, id: idKeyOf(doc._id), doc, insert: true }))
  await context.db.scope(request.transactionId).write(ops)
  return { data: { insertedIds: docs.map((doc) => doc._id) } }
}
