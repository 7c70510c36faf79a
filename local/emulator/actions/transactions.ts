import { type Action } from './context'

/** `db.startTransaction()`: the id comes back at the top level of the body. */
export const startTransaction: Action = async (_request, context) => {
  return { transactionId: context.db.transactions.start().id }
}

/** DATABASE_TRANSACTION_CONFLICT if a document it read or wrote changed meanwhile. */
export const commitTransaction: Action = async (request, context) => {
  await context.db.transactions.commit(request.transactionId)
  return {}
}

export const abortTransaction: Action = async (request, context) => {
  context.db.transactions.abort(request.transactionId)
  return {}
}
