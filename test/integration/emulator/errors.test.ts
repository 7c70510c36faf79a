/**
 * Error codes as CloudBase names them, thrown by the genuine SDK; collections
 * existing only once created; unique indexes; and the actions called on their
 * own, without HTTP, through `emulator.call`.
 */
import { ACTIONS } from '../../../local/emulator'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({
    schema: [
      { name: 'signups', indexes: [] },
      {
        name: 'accounts',
        indexes: [{ name: 'by_phone', keys: { phone: 1 }, unique: true }],
      },
    ],
  })
})
afterAll(() => t.close())

describe('codes the SDK throws', () => {
  it('DATABASE_DUPLICATE_WRITE for an _id that exists: a signup is made once', async () => {
    const signups = t.db.collection('signups')
    await signups.add({ _id: 'activity-1:openid-1', at: new Date() })
    const error = await signups.add({ _id: 'activity-1:openid-1', at: new Date() }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE', requestId: expect.any(String) })
    expect(error).toBeInstanceOf(Error)
  })

  it('DATABASE_DUPLICATE_WRITE for concurrent inserts of one _id: exactly one lands', async () => {
    const signups = t.db.collection('signups')
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => signups.add({ _id: 'race', n: 1 })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.code).toBe('DATABASE_DUPLICATE_WRITE')
    }
  })

  it('DATABASE_DUPLICATE_WRITE for a value a unique index already holds, on insert and on update', async () => {
    const accounts = t.db.collection('accounts')
    await accounts.add({ _id: 'a1', phone: '13800000001' })
    await accounts.add({ _id: 'a2', phone: '13800000002' })
    await expect(accounts.add({ phone: '13800000001' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await expect(accounts.doc('a2').update({ phone: '13800000001' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await accounts.doc('a2').get()).data[0].phone).toBe('13800000002')
    await accounts.doc('a1').remove()
    await accounts.doc('a2').update({ phone: '13800000001' })
  })

  it('DATABASE_COLLECTION_NOT_EXIST for a collection never created, on every action', async () => {
    const ghost = t.db.collection('ghost')
    const code = { code: 'DATABASE_COLLECTION_NOT_EXIST' }
    await expect(ghost.add({ a: 1 })).rejects.toMatchObject(code)
    await expect(ghost.doc('x').get()).rejects.toMatchObject(code)
    await expect(ghost.doc('x').update({ a: 1 })).rejects.toMatchObject(code)
    await expect(ghost.doc('x').set({ a: 1 })).rejects.toMatchObject(code)
    await expect(ghost.doc('x').remove()).rejects.toMatchObject(code)
    await expect(ghost.where({ _id: 'x' }).count()).rejects.toMatchObject(code)
    await expect(ghost.aggregate().match({ _id: 'x' }).end()).rejects.toMatchObject(code)
  })

  it('createCollection makes it usable; creating it again is DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    expect(await t.db.createCollection('fresh')).toEqual({ requestId: expect.any(String) })
    await t.db.collection('fresh').add({ _id: 'one' })
    expect((await t.db.collection('fresh').doc('one').get()).data).toEqual([{ _id: 'one' }])
    await expect(t.db.createCollection('fresh')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
    await expect(t.db.createCollection('signups')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
  })

  it('DATABASE_TRANSACTION_FAIL for a transaction that is not open', async () => {
    const tx = await t.db.startTransaction()
    await tx.commit()
    await expect(tx.collection('signups').doc('x').get()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  })
})

describe('actions on their own', () => {
  it('every action the SDK uses has a function', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(
      [
        'database.abortTransaction',
        'database.addCollection',
        'database.aggregateDocuments',
        'database.calculateDocument',
        'database.commitTransaction',
        'database.getDocument',
        'database.insertDocument',
        'database.modifyAndReturnDoc',
        'database.modifyDocument',
        'database.removeDocument',
        'database.startTransaction',
        'storage.batchDeleteFile',
        'storage.batchGetDownloadUrl',
        'storage.getUploadMetadata',
      ].sort(),
    )
  })

  it('answers in the wire format: EJSON strings in data.list', async () => {
    await t.emulator.call({
      action: 'database.insertDocument',
      collectionName: 'signups',
      data: ['{"_id":"wire","at":{"$date":{"$numberLong":"0"}},"n":{"$numberInt":"3"}}'],
    })
    const res = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'signups',
      queryType: 'DOC',
      query: '{"_id":"wire"}',
    })
    expect(res).toEqual({
      data: { list: ['{"_id":"wire","at":{"$date":"1970-01-01T00:00:00.000Z"},"n":3}'] },
      requestId: expect.any(String),
    })
  })

  it('an unknown action is INVALID_ACTION, naming the ones it serves', async () => {
    const res = await t.emulator.call({ action: 'functions.invokeFunction', function_name: 'api' })
    expect(res.code).toBe('INVALID_ACTION')
    expect(res.message).toContain('database.getDocument')
  })

  it('malformed EJSON and missing fields are INVALID_PARAM', async () => {
    const bad = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'signups',
      queryType: 'WHERE',
      query: '{"_id": ',
    })
    expect(bad.code).toBe('INVALID_PARAM')
    expect((await t.emulator.call({ action: 'database.getDocument' })).code).toBe('INVALID_PARAM')
    expect((await t.emulator.call({ action: 'database.insertDocument', collectionName: 'signups', data: [] })).code).toBe(
      'INVALID_PARAM',
    )
  })

  it('an unknown query operator is DATABASE_REQUEST_FAILED, not a crash', async () => {
    const res = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'signups',
      queryType: 'WHERE',
      query: '{"_id":{"$bogus":1}}',
    })
    expect(res.code).toBe('DATABASE_REQUEST_FAILED')
  })

  it('refuses JavaScript in queries ($where)', async () => {
    const res = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'signups',
      queryType: 'WHERE',
      query: '{"_id":"wire","$where":"true"}',
    })
    expect(res.code).toBe('DATABASE_REQUEST_FAILED')
  })

  it('counts requests by action (round-trip budgets) and writes by collection', async () => {
    t.emulator.resetStats()
    await t.db.collection('signups').doc('wire').get()
    await t.db.collection('signups').add({ n: 1 })
    await t.db.collection('signups').doc('wire').get()
    expect(t.emulator.stats).toEqual({
      requests: 3,
      byAction: { 'database.getDocument': 2, 'database.insertDocument': 1 },
      writes: { signups: 1 },
    })
  })
})

describe('HTTP', () => {
  it('answers another path with 404 standalone, and GET /admin with 405', async () => {
    expect((await fetch(`${t.origin}/elsewhere`)).status).toBe(404)
    expect((await fetch(t.url)).status).toBe(405)
  })

  it('answers a body that is not JSON with INVALID_PARAM', async () => {
    const res = await fetch(t.url, { method: 'POST', body: 'not json' })
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM' })
  })
})
