import { resolve } from 'mingo/util'
import { toEJSON, type Doc } from '../ejson'
import { distanceFrom, findNear } from '../geo'
import { idKeyOf } from '../indexes'
import { applyCursor } from '../query'
import { docId, integer, isDocRequest, optionalObject, orderOf, queryOf, type Action } from './context'

/** CloudBase returns 100 documents unless told otherwise, and never more than 1000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** `doc(id).get()` and `where(q).orderBy().skip().limit().field().get()`. */
export const getDocument: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const scope = context.db.scope(request.transactionId)
  const query = queryOf(request, context)
  const projection = optionalObject(request, 'projection', context)

  if (isDocRequest(request)) {
    const doc = scope.get(collection, idKeyOf(docId(query)))
    const list = doc ? applyCursor([doc], { projection }) : []
    return { data: { list: list.map(toEJSON) } }
  }

  context.db.requireIndex(collection, query, 'get')
  const order = orderOf(request, context)
  const offset = Math.max(0, integer(request.offset, 0))
  const requested = integer(request.limit, DEFAULT_LIMIT)
  const limit = requested > 0 ? Math.min(requested, MAX_LIMIT) : DEFAULT_LIMIT
  const sorted = order !== undefined && Object.keys(order).length > 0
  // $nearSphere (the SDK's geoNear) answers nearest first unless an order is given, as MongoDB does.
  const near = sorted ? null : findNear(query)
  let matches = scope.find(collection, query, sorted || near ? Infinity : offset + limit).map(([, doc]) => doc)
  if (near) matches = byDistance(matches, near.field, near.near.point)
  const page = applyCursor(matches, { order, offset, limit, projection })
  return { data: { list: page.map(toEJSON), offset, limit } }
}

function byDistance(docs: Doc[], field: string, point: [number, number]): Doc[] {
  const measured = docs.map((doc) => ({ doc, d: distanceFrom(point, resolve(doc, field)) ?? Infinity }))
  return measured.sort((a, b) => a.d - b.d).map(({ doc }) => doc)
}
