import { queryOf, type Action } from './context'

/** `where(q).count()`; the SDK never sends it inside a transaction. */
export const calculateDocument: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const query = queryOf(request, context)
  context.db.requireIndex(collection, query, 'count')
  const total = context.db.scope(request.transactionId).find(collection, query).length
  return { data: { total } }
}
