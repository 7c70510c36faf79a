import { invalidParam } from '../errors'
import { type Action } from './context'

/** `db.createCollection(name)`: DATABASE_COLLECTION_ALREADY_EXIST if it exists. */
export const addCollection: Action = async (request, context) => {
  const name = request.collectionName
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/.test(name)) {
    throw invalidParam('collectionName must start with a letter or _ and hold only letters, digits, _ and -')
  }
  await context.db.store.createCollection(name)
  return {}
}
