/**
 * ObjectId values, after the SDK's own oid tests (node-sdk test/database/unit/oid.test.ts):
 * stored as ObjectIds, answered as their hex strings, an `_id` that is one reads
 * back (and updates, and removes) by that hex id, and a `$lookup` joins on them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObjectId } from 'bson'
import type { CollectionSpec } from '../../../local/emulator'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'
import { openLmdbElsewhere } from '../../helpers/lmdb-elsewhere'

const SCHEMA: CollectionSpec[] = [
  { name: 'oid', indexes: [{ name: 'by_a', keys: { a: 1 } }] },
  { name: 'oidLookup', indexes: [{ name: 'by_inviter', keys: { inviter_uid: 1 } }] },
]

let t: TestEmulator
const dataDir = mkdtempSync(join(tmpdir(), 'emulator-oid-'))
beforeAll(async () => {
  // As when another test file of this jest worker opened lmdb first (see the helper).
  await openLmdbElsewhere()
  t = await startTestEmulator({ schema: SCHEMA, dataDir })
})
afterAll(async () => {
  await t.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const oid = (hex: string) => t.db.ObjectId({ id: hex })
const coll = () => t.db.collection('oid')

it('an _id given as ObjectId comes back as its hex string, and the document reads back by it', async () => {
  const hex = new ObjectId().toHexString()
  const added = await coll().add({ _id: oid(hex), name: 'test' })
  expect(added.id).toBe(hex)
  expect((await coll().doc(hex).get()).data).toEqual([{ _id: hex, name: 'test' }])
  expect((await coll().doc(hex).update({ name: 'changed' })).updated).toBe(1)
  expect((await coll().where({ _id: oid(hex) }).get()).data).toEqual([{ _id: hex, name: 'changed' }])
  expect((await coll().doc(hex).remove()).deleted).toBe(1)
  expect((await coll().doc(hex).get()).data).toEqual([])
})

it('a field holding an ObjectId matches an ObjectId and comes back as the hex string', async () => {
  const hex = new ObjectId().toHexString()
  await coll().add({ a: oid(hex) })
  const { data } = await coll().where({ a: oid(hex) }).get()
  expect(data).toHaveLength(1)
  expect(data[0].a).toBe(hex)
  // A string is not an ObjectId: MongoDB compares types first.
  expect((await coll().where({ a: hex }).get()).data).toEqual([])
})

it('$lookup joins an ObjectId field to an ObjectId _id', async () => {
  const [one, two] = [new ObjectId().toHexString(), new ObjectId().toHexString()]
  await coll().add({ _id: oid(one), inviter_uid: oid(two), name: 'test' })
  await t.db.collection('oidLookup').add({ _id: oid(two), inviter_uid: oid(one), name: 'test1' })
  const { data } = await t.db
    .collection('oidLookup')
    .aggregate()
    .match({ inviter_uid: oid(one) })
    .lookup({ from: 'oid', localField: 'inviter_uid', foreignField: '_id', as: 'newTest' })
    .end()
  expect(data).toEqual([{ _id: two, inviter_uid: one, name: 'test1', newTest: [{ _id: one, inviter_uid: two, name: 'test' }] }])
})

describe('across a reopen', () => {
  // Dates and ObjectIds written from one realm must not reach the disk as strings or
  // come back as foreign objects (lmdb's encoder used to live in whichever realm
  // opened lmdb first; jest runs each test file in a realm of its own).
  it('ObjectIds survive closing and reopening the data folder', async () => {
    const hex = new ObjectId().toHexString()
    await coll().add({ _id: oid(hex), a: oid(hex), when: new Date(0) })
    await t.close()
    t = await startTestEmulator({ schema: SCHEMA, dataDir })
    expect((await coll().doc(hex).get()).data).toEqual([{ _id: hex, a: hex, when: new Date(0) }])
    expect((await coll().where({ a: oid(hex) }).get()).data).toHaveLength(1)
  })
})
