import { toEJSON } from '../ejson'
import { idKeyOf } from '../indexes'
import { applyUpdate } from '../update'
import { queryOf, requiredObject, type Action } from './context'

/**
 * `where(q).updateAndReturn(u)`: updates the first match in natural order and
 * returns it as it is after the update (`updated: 0, doc: null` when nothing matched).
 */
export const modifyAndReturnDoc: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const scope = context.db.scope(request.transactionId)
  const query = queryOf(request, context)
  const data = requiredObject(request, 'data', context)
  context.db.requireIndex(collection, query, 'updateAndReturn')

  const [match] = scope.find(collection, query, 1)
  if (!match) return { data: { updated: 0, doc: null } }
  const [, doc] = match
  const next = applyUpdate(doc, data, query)
  if (next) await scope.write([{ collection, id: idKeyOf(doc._id), doc: next }])
  // findAndModify's count: the document it found, changed or not (CloudBase answers
  // `updated: 1` for an update to the value already there).
  return { data: { updated: 1, doc: toEJSON(next ?? doc) } }
}
