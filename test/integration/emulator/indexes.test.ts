/**
 * Strict index mode: a WHERE query no declared index serves fails with
 * DATABASE_INDEX_REQUIRED (the rule is documented in platform/schema.ts), so a
 * query that would scan a collection in production fails in CI instead.
 */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'
import type { CollectionSpec } from '../../../cloudfunctions/api/src/platform/schema'

const SPEC: CollectionSpec[] = [
  {
    name: 'memberships',
    indexes: [
      { name: 'by_openid', keys: { openid: 1, communityId: 1 } },
      { name: 'by_community_status', keys: { communityId: 1, status: 1, createdAt: -1 } },
    ],
  },
  { name: 'settings', indexes: [], scan: true },
]

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ schema: SPEC })
  await t.db.collection('memberships').add([
    { _id: 'm1', openid: 'o1', communityId: 'c1', status: 'active', role: 'resident', createdAt: new Date(1) },
    { _id: 'm2', openid: 'o2', communityId: 'c1', status: 'pending', role: 'committee', createdAt: new Date(2) },
    { _id: 'm3', openid: 'o1', communityId: 'c2', status: 'active', role: 'admin', createdAt: new Date(3) },
  ])
  await t.db.collection('settings').add({ _id: 'flags', beta: true })
})
afterAll(() => t.close())

const members = () => t.db.collection('memberships')
const served = async (query: object) => (await members().where(query).get()).data.map((d: { _id: string }) => d._id)
const refused = (query: object) => expect(members().where(query).get()).rejects.toMatchObject({ code: 'DATABASE_INDEX_REQUIRED' })

describe('served queries', () => {
  it('the leading key of an index alone', async () => {
    expect(await served({ openid: 'o1' })).toEqual(['m1', 'm3'])
    expect(await served({ communityId: 'c1' })).toEqual(['m1', 'm2'])
  })

  it('equality on several keys of one index, in any order', async () => {
    expect(await served({ status: 'active', communityId: 'c1' })).toEqual(['m1'])
    expect(await served({ communityId: 'c2', openid: 'o1' })).toEqual(['m3'])
  })

  it('$in pins like equality', async () => {
    expect(await served({ communityId: t._.in(['c1', 'c2']), status: 'pending' })).toEqual(['m2'])
  })

  it('range, $ne, $exists and regex on other fields are filtered after the index', async () => {
    expect(await served({ communityId: 'c1', createdAt: t._.gt(new Date(1)) })).toEqual(['m2'])
    expect(await served({ communityId: 'c1', role: t._.neq('resident') })).toEqual(['m2'])
    expect(await served({ communityId: 'c1', role: /^comm/, note: t._.exists(false) })).toEqual(['m2'])
  })

  it('a range on the leading key', async () => {
    expect(await served({ openid: t._.gte('o2') })).toEqual(['m2'])
  })

  it('any query by _id, whatever else it pins', async () => {
    expect(await served({ _id: 'm2', role: 'committee' })).toEqual(['m2'])
    expect(await served({ _id: t._.in(['m1', 'm3']), whatever: t._.exists(false) })).toEqual(['m1', 'm3'])
  })

  it('an $or whose every branch is served', async () => {
    expect(await served(t._.or([{ openid: 'o2' }, { communityId: 'c2', status: 'active' }]))).toEqual(['m2', 'm3'])
    expect(await served({ communityId: 'c1', status: t._.eq('active').or(t._.eq('pending')) })).toEqual(['m1', 'm2'])
  })

  it('anything on a collection declared scan: true', async () => {
    expect((await t.db.collection('settings').get()).data).toEqual([{ _id: 'flags', beta: true }])
    expect((await t.db.collection('settings').where({ beta: true }).count()).total).toBe(1)
  })
})

describe('refused queries', () => {
  it('a field no index leads with', async () => {
    await refused({ status: 'active' })
    await refused({ role: 'admin' })
  })

  it('an equality on a field that is not a key of the index whose leading key is used', async () => {
    await refused({ communityId: 'c1', role: 'committee' })
    await refused({ openid: 'o1', status: 'active' })
  })

  it('only negative conditions', async () => {
    await refused({ communityId: t._.neq('c1') })
  })

  it('an $or with one unserved branch', async () => {
    await refused(t._.or([{ openid: 'o1' }, { role: 'admin' }]))
  })

  it('no condition at all: a full scan', async () => {
    await expect(members().get()).rejects.toMatchObject({ code: 'DATABASE_INDEX_REQUIRED' })
    await expect(members().limit(10).get()).rejects.toMatchObject({ code: 'DATABASE_INDEX_REQUIRED' })
  })

  it('every kind of WHERE request is checked: count, update, remove, updateAndReturn, aggregate', async () => {
    const code = { code: 'DATABASE_INDEX_REQUIRED' }
    await expect(members().where({ role: 'admin' }).count()).rejects.toMatchObject(code)
    await expect(members().where({ role: 'admin' }).update({ x: 1 })).rejects.toMatchObject(code)
    await expect(members().where({ role: 'admin' }).remove()).rejects.toMatchObject(code)
    await expect(members().where({ role: 'admin' }).updateAndReturn({ x: 1 })).rejects.toMatchObject(code)
    await expect(members().aggregate().match({ role: 'admin' }).end()).rejects.toMatchObject(code)
    await expect(members().aggregate().group({ _id: '$role' }).end()).rejects.toMatchObject(code)
    expect((await members().aggregate().match({ communityId: 'c1' }).count('n').end()).data).toEqual([{ n: 2 }])
  })

  it('a $lookup by a foreign field no index leads with', async () => {
    await expect(
      members()
        .aggregate()
        .match({ communityId: 'c1' })
        .lookup({ from: 'memberships', localField: 'openid', foreignField: 'role', as: 'x' })
        .end(),
    ).rejects.toMatchObject({ code: 'DATABASE_INDEX_REQUIRED' })
  })

  it('the message names the collection, the fields and the index to declare', async () => {
    const error = await members()
      .where({ communityId: 'c1', role: 'committee' })
      .get()
      .catch((e: Error) => e)
    expect((error as Error).message).toContain('"memberships"')
    expect((error as Error).message).toContain('[communityId, role]')
    expect((error as Error).message).toContain('{ keys: { "communityId": 1, "role": 1 } }')
    expect((error as Error).message).toContain('by_openid(openid, communityId)')
    expect((error as Error).message).toContain('schema.ts')
  })

  it('writes and reads by id are never checked', async () => {
    await members().doc('m1').update({ note: 'x' })
    expect((await members().doc('m1').get()).data[0].note).toBe('x')
  })
})

describe('without strict mode', () => {
  it('the same queries scan the collection', async () => {
    const loose = await startTestEmulator({ schema: SPEC, strictIndexes: false })
    try {
      await loose.db.collection('memberships').add({ role: 'admin' })
      expect((await loose.db.collection('memberships').where({ role: 'admin' }).count()).total).toBe(1)
      expect((await loose.db.collection('memberships').get()).data).toHaveLength(1)
    } finally {
      await loose.close()
    }
  })
})
