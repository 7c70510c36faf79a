/**
 * `npm run db:apply`: create every collection and index declared in
 * cloudfunctions/api/src/platform/schema.ts in a CloudBase environment. Idempotent:
 * existing collections and indexes are left as they are. The emulator reads the same
 * schema, so what CI enforces is what production has.
 */
import CloudBase from '@cloudbase/manager-node'
import { SCHEMA } from '../cloudfunctions/api/src/platform/schema'
import { readCloudbaseEnv } from './env'

async function main() {
  const env = readCloudbaseEnv()
  const manager = new CloudBase({ envId: env.envId, secretId: env.secretId, secretKey: env.secretKey })
  const db = manager.database
  for (const spec of SCHEMA) {
    const created = await db.createCollectionIfNotExists(spec.name)
    console.log(`${spec.name}: ${created.IsCreated ? '已创建' : '已存在'}`)
    for (const index of spec.indexes) {
      const exists = await db.checkIndexExists(spec.name, index.name)
      if (exists.Exists) continue
      await db.updateCollection(spec.name, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: {
              MgoIsUnique: !!index.unique,
              MgoIndexKeys: Object.entries(index.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
            },
          },
        ],
      })
      console.log(`  + 索引 ${index.name} (${Object.keys(index.keys).join(', ')})`)
    }
  }
  console.log(`完成：${SCHEMA.length} 个集合。`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
