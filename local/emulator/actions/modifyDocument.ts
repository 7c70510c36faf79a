import { isPlainObject, type Doc } from '../ejson'
import { newDocId } from '../ids'
import { idKeyOf } from '../indexes'
import type { WriteOp } from '../store'
import { applyUpdate, replacement, upsertDocument } from '../update'
import { docId, isDocRequest, queryOf, requireCondition, requiredObject, type Action } from './context'

/**
 * `doc(id).update(u)` (merge), `doc(id).set(d)` (replace, upsert) and
 * `where(q).update(u)` (multi). `updated` counts documents an update actually
 * changed, like MongoDB's nModified (an update that changes nothing writes
 * nothing); a set() of an existing document counts 1; an upsert that inserts
 * reports `upsert_id`.
 */
export const modifyDocument: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const scope = context.db.scope(request.transactionId)
  const query = queryOf(request, context)
  const data = requiredObject(request, 'data', context)
  const merge = request.merge !== false
  const upsert = request.upsert === true

  // CloudBase reports a set() of an existing document as updated whatever its
  // content (the SDK's own geo tests set a document to what it holds and expect
  // `updated: 1`), so a replacement always counts and always writes.
  const change = (doc: Doc): Doc | null => (merge ? applyUpdate(doc, data, query) : replacement(doc._id, data))

  let matches: Array<[unknown, Doc]>
  if (isDocRequest(request)) {
    const id = docId(query)
    const doc = scope.get(collection, idKeyOf(id))
    matches = doc ? [[id, doc]] : []
  } else {
    requireCondition(query, 'update')
    context.db.requireIndex(collection, query, 'update')
    matches = scope.find(collection, query, request.multi === false ? 1 : Infinity)
  }

  const ops: WriteOp[] = []
  for (const [, doc] of matches) {
    const next = change(doc)
    if (next) ops.push({ collection, id: idKeyOf(doc._id), doc: next })
  }
  if (matches.length === 0 && upsert) {
    const id = upsertId(query)
    const doc = upsertDocument(id, query, data, merge)
    await scope.write([{ collection, id: idKeyOf(id), doc, insert: true }])
    return { data: { updated: 0, upsert_id: id } }
  }
  await scope.write(ops)
  return { data: { updated: ops.length } }
}

function upsertId(query: Doc): unknown {
  const id = query._id
  if (id === undefined || (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$')))) return newDocId()
  return id
}
