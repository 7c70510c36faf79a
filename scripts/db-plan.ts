/**
 * What `npm run db:apply` asks of a CloudBase environment, as data: collections and
 * their indexes from platform/schema.ts, and the permissions the security model
 * rests on. Kept apart from the script so a test can read exactly what would be
 * sent (nothing here can reach Tencent Cloud).
 *
 * - Every collection ADMINONLY (仅管理员可读写): a mini-program reading or writing
 *   the database directly is refused; all access goes through the `api` function,
 *   which runs as administrator and scopes every query to the caller's community.
 * - Storage CUSTOM: only a signed-in user of the app reads a file (the mini-program
 *   shows `cloud://` fileIDs in <Image>, which reads with the user's own login), and
 *   a fileID reaches a client only through the function, which hands a photo to
 *   others only after the image check passed (to its author before); a signed-in
 *   user may upload, and may overwrite or delete only a file they created. CloudBase's rule language can
 *   compare `resource.openid` with `auth.openid` but cannot name a path prefix, so
 *   "only into your own place" (uploads/<communityId>/<memberKey>/, platform/files.ts)
 *   is the function's check: it accepts a fileID only from the member whose place
 *   it lies in, so a file planted in someone else's place is never attached.
 */
import type { CollectionSpec, IndexSpec } from '../cloudfunctions/api/src/platform/schema'

export const COLLECTION_ACL = 'ADMINONLY'

/** The body of `ModifyDatabaseACL` (TCB API 2018-06-08), sent through manager-node's commonService. */
export function collectionAcl(envId: string, collection: string) {
  return { Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: collection, AclTag: COLLECTION_ACL } }
}

/** The second argument of manager-node's `storage.setStorageAcl('CUSTOM', rule)`, sent as `ModifyStorageSafeRule`'s `Rule` (JSON). */
export const STORAGE_RULE = {
  read: 'auth != null',
  write: 'auth != null && auth.openid != null && resource.openid == auth.openid',
} as const

/** What `database.updateCollection(name, …)` sends to create one index (`UpdateTable`'s CreateIndexes). */
export function indexRequest(index: IndexSpec) {
  return {
    CreateIndexes: [
      {
        IndexName: index.name,
        MgoKeySchema: {
          MgoIsUnique: !!index.unique,
          MgoIndexKeys: Object.entries(index.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
        },
      },
    ],
  }
}

export interface Plan {
  collections: Array<{ name: string; indexes: Array<{ name: string; request: ReturnType<typeof indexRequest> }>; acl: ReturnType<typeof collectionAcl> }>
  storage: { acl: 'CUSTOM'; rule: typeof STORAGE_RULE }
}

export function planFor(envId: string, schema: CollectionSpec[]): Plan {
  return {
    collections: schema.map((spec) => ({
      name: spec.name,
      indexes: spec.indexes.map((index) => ({ name: index.name, request: indexRequest(index) })),
      acl: collectionAcl(envId, spec.name),
    })),
    storage: { acl: 'CUSTOM', rule: STORAGE_RULE },
  }
}
