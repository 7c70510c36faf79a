import type { Doc } from '../ejson'
import { idKeyOf } from '../indexes'
import { docId, isDocRequest, queryOf, requireCondition, type Action } from './context'

/** `doc(id).remove()` and `where(q).remove()`. */
export const removeDocument: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const scope = context.db.scope(request.transactionId)
  const query = queryOf(request, context)

  let matches: Array<[unknown, Doc]>
  if (isDocRequest(request)) {
    const id = docId(query)
    const doc = scope.get(collection, idKeyOf(id))
    matches = doc ? [[id, doc]] : []
  } else {
    requireCondition(query, 'remove')
    context.db.requireIndex(collection, query, 'remove')
    matches = scope.find(collection, query, request.multi === false ? 1 : Infinity)
  }
  await scope.write(matches.map(([, doc]) => ({ collection, id: idKeyOf(doc._id), doc: null })))
  return { data: { deleted: matches.length } }
}
