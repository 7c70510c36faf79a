/**
 * What `npm run db:apply` would send to CloudBase (it cannot run here: no Tencent
 * Cloud). The permissions are the security model's floor, so they are checked as data.
 */
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import { planFor, STORAGE_RULE } from '../../scripts/db-plan'

const plan = planFor('prod-7g2x', SCHEMA)

describe('db:apply', () => {
  it('makes every collection of the schema admin-only, through ModifyDatabaseACL', () => {
    expect(plan.collections.map((c) => c.name)).toEqual(SCHEMA.map((s) => s.name))
    for (const c of plan.collections) {
      expect(c.acl).toEqual({ Action: 'ModifyDatabaseACL', Param: { EnvId: 'prod-7g2x', CollectionName: c.name, AclTag: 'ADMINONLY' } })
    }
  })

  it('creates each declared index with its keys in order', () => {
    const spec = SCHEMA.find((s) => s.indexes.some((i) => Object.keys(i.keys).length >= 2))!
    const index = spec.indexes.find((i) => Object.keys(i.keys).length >= 2)!
    const planned = plan.collections.find((c) => c.name === spec.name)!.indexes.find((i) => i.name === index.name)!
    expect(planned.request).toEqual({
      CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })) } }],
    })
    expect(planned.request.CreateIndexes[0].MgoKeySchema.MgoIndexKeys[0]).toEqual({ Name: 'communityId', Direction: '1' })
    expect(plan.collections.flatMap((c) => c.indexes)).toHaveLength(SCHEMA.flatMap((s) => s.indexes).length)
  })

  describe('storage rule (CUSTOM, sent as JSON)', () => {
    // CloudBase's rule expressions are JavaScript-like (==, !=, &&, null): read them as such.
    const allows = (expr: boolean | string, auth: unknown, resource: unknown) =>
      typeof expr === 'boolean' ? expr : (new Function('auth', 'resource', `return (${expr})`) as (a: unknown, r: unknown) => boolean)(auth, resource)
    const me = { openid: 'o-me', loginType: 'WECHAT' }
    const mine = { openid: 'o-me', path: 'uploads/c_lujiang/m-1/issues/a.jpg' }
    const theirs = { openid: 'o-neighbour', path: 'uploads/c_lujiang/m-2/issues/b.jpg' }

    it('is custom and travels as the JSON manager-node sends', () => {
      expect(plan.storage.acl).toBe('CUSTOM')
      expect(JSON.parse(JSON.stringify(plan.storage.rule))).toEqual(STORAGE_RULE)
    })

    it('lets only a signed-in person read a file (the fileID itself comes only from the function)', () => {
      expect(allows(STORAGE_RULE.read, me, mine)).toBe(true)
      expect(allows(STORAGE_RULE.read, me, theirs)).toBe(true)
      expect(allows(STORAGE_RULE.read, null, mine)).toBe(false)
    })

    it('lets a signed-in person write their own files and nobody else’s, and nobody signed out', () => {
      expect(allows(STORAGE_RULE.write, me, mine)).toBe(true)
      expect(allows(STORAGE_RULE.write, me, theirs)).toBe(false)
      expect(allows(STORAGE_RULE.write, null, mine)).toBe(false)
      expect(allows(STORAGE_RULE.write, { uid: 'web-anon', loginType: 'ANONYMOUS' }, { openid: undefined, path: 'x' })).toBe(false)
    })
  })
})
