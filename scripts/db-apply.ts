/**
 * `npm run db:apply`: create every collection and index declared in
 * cloudfunctions/api/src/platform/schema.ts in a CloudBase environment, and set the
 * permissions of scripts/db-plan.ts: every collection admin-only (also any found in
 * the environment that the schema does not name), storage readable by no client and
 * writable only by a file's creator. Idempotent: existing collections and indexes are
 * left as they are, permissions are set again. The emulator reads the same schema,
 * so what CI enforces is what production has.
 */
import CloudBase from '@cloudbase/manager-node'
import { SCHEMA } from '../cloudfunctions/api/src/platform/schema'
import { collectionAcl, COLLECTION_ACL, planFor } from './db-plan'
import { readCloudbaseEnv } from './env'

async function main() {
  const env = readCloudbaseEnv()
  const manager = new CloudBase({ envId: env.envId, secretId: env.secretId, secretKey: env.secretKey })
  const db = manager.database
  const plan = planFor(env.envId, SCHEMA)

  for (const collection of plan.collections) {
    const created = await db.createCollectionIfNotExists(collection.name)
    console.log(`${collection.name}: ${created.IsCreated ? '已创建' : '已存在'}`)
    for (const index of collection.indexes) {
      if ((await db.checkIndexExists(collection.name, index.name)).Exists) continue
      await db.updateCollection(collection.name, index.request)
      console.log(`  + 索引 ${index.name}`)
    }
    await manager.commonService().call(collection.acl)
    console.log(`  权限 ${COLLECTION_ACL}（仅管理员，即云函数）`)
  }

  const declared = new Set(plan.collections.map((c) => c.name))
  for (const name of (await allCollections(db)).filter((n) => !declared.has(n))) {
    await manager.commonService().call(collectionAcl(env.envId, name))
    console.log(`${name}（不在 schema 中）: 权限 ${COLLECTION_ACL}`)
  }

  await manager.storage.setStorageAcl(plan.storage.acl, plan.storage.rule)
  console.log(`云存储：自定义安全规则 ${JSON.stringify(plan.storage.rule)}`)
  console.log(`完成：${SCHEMA.length} 个集合。`)
}

/** Every collection the environment holds, a page of 100 at a time. */
async function allCollections(db: CloudBase['database']): Promise<string[]> {
  const names: string[] = []
  for (let offset = 0; ; offset += 100) {
    const page = (await db.listCollections({ MgoLimit: 100, MgoOffset: offset })) as { Collections: Array<{ CollectionName: string }> }
    names.push(...page.Collections.map((c) => c.CollectionName))
    if (page.Collections.length < 100) return names
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
