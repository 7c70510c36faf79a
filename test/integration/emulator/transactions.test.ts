/**
 * Transactions through the genuine SDK: buffered writes that land all or none,
 * reads that see the transaction's snapshot and its own writes,
 * DATABASE_TRANSACTION_CONFLICT only between writes, and runTransaction retrying.
 */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

// The SDK types a transaction's doc().get() like the plain one (data: array) and
// its runTransaction callback loosely; inside a transaction `data` is the document.
/* eslint-disable @typescript-eslint/no-explicit-any */

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({
    schema: [
      { name: 'accounts', indexes: [{ name: 'by_owner', keys: { owner: 1 } }] },
      { name: 'ledger', indexes: [{ name: 'by_from', keys: { from: 1 } }] },
    ],
  })
})
afterAll(() => t.close())

const accounts = () => t.db.collection('accounts')
const balance = async (id: string) => (await accounts().doc(id).get()).data[0]?.balance
let seq = 0
async function account(balance: number, owner = 'someone'): Promise<string> {
  const id = `acc${++seq}`
  await accounts().add({ _id: id, balance, owner })
  return id
}

/** Moves money between two accounts inside `tx`, as an action would. */
async function transfer(tx: any, from: string, to: string, amount: number) {
  const source = (await tx.collection('accounts').doc(from).get()).data
  const target = (await tx.collection('accounts').doc(to).get()).data
  await tx.collection('accounts').doc(from).update({ balance: source.balance - amount })
  await tx.collection('accounts').doc(to).update({ balance: target.balance + amount })
  await tx.collection('ledger').add({ from, to, amount })
}

describe('commit and rollback', () => {
  it('commits every write at once', async () => {
    const [a, b] = [await account(100), await account(0)]
    const tx = await t.db.startTransaction()
    await transfer(tx, a, b, 30)
    // Nothing is visible outside before the commit.
    expect(await balance(a)).toBe(100)
    await tx.commit()
    expect([await balance(a), await balance(b)]).toEqual([70, 30])
  })

  it('reads inside see the transaction’s own writes, by id and by query', async () => {
    const a = await account(5, 'reader')
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc(a).update({ balance: 6 })
    const added = await tx.collection('accounts').add({ _id: `${a}-new`, balance: 1, owner: 'reader' })
    expect(added).toEqual({ id: `${a}-new`, inserted: 1, ok: 1, requestId: expect.any(String) })
    expect((await tx.collection('accounts').doc(a).get()).data).toEqual({ _id: a, balance: 6, owner: 'reader' })
    const { data } = await tx.collection('accounts').where({ owner: 'reader' }).get()
    expect(data).toEqual([
      { _id: a, balance: 6, owner: 'reader' },
      { _id: `${a}-new`, balance: 1, owner: 'reader' },
    ])
    await tx.collection('accounts').doc(`${a}-new`).remove()
    expect((await tx.collection('accounts').doc(`${a}-new`).get()).data).toBeNull()
    await tx.commit()
    expect(await balance(a)).toBe(6)
    expect((await accounts().doc(`${a}-new`).get()).data).toEqual([])
  })

  it('set inside a transaction upserts', async () => {
    const tx = await t.db.startTransaction()
    const res = await tx.collection('accounts').doc('tx-set').set({ balance: 9, owner: 'x' })
    expect(res).toMatchObject({ updated: 0, upserted: [{ _id: 'tx-set' }] })
    await tx.commit()
    expect(await balance('tx-set')).toBe(9)
  })

  it('an explicit rollback discards the writes', async () => {
    const [a, b] = [await account(100), await account(0)]
    const tx = await t.db.startTransaction()
    await transfer(tx, a, b, 30)
    await tx.rollback()
    expect([await balance(a), await balance(b)]).toEqual([100, 0])
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  })

  it('runTransaction returns the callback’s value and commits', async () => {
    const [a, b] = [await account(10), await account(0)]
    const result = await t.db.runTransaction(async (tx: any) => {
      await transfer(tx, a, b, 10)
      return 'done'
    })
    expect(result).toBe('done')
    expect([await balance(a), await balance(b)]).toEqual([0, 10])
  })

  it('an error thrown inside runTransaction rolls back and reaches the caller', async () => {
    const [a, b] = [await account(10), await account(0)]
    const insufficient = new Error('余额不足')
    await expect(
      t.db.runTransaction(async (tx: any) => {
        await transfer(tx, a, b, 50)
        throw insufficient
      }),
    ).rejects.toBe(insufficient)
    expect([await balance(a), await balance(b)]).toEqual([10, 0])
  })

  it('tx.rollback(reason) inside runTransaction rejects with the reason', async () => {
    const a = await account(10)
    await expect(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('accounts').doc(a).update({ balance: 0 })
        await tx.rollback('changed my mind')
      }),
    ).rejects.toBe('changed my mind')
    expect(await balance(a)).toBe(10)
  })

  it('a duplicate _id inside a transaction is DATABASE_DUPLICATE_WRITE', async () => {
    const a = await account(1)
    const tx = await t.db.startTransaction()
    await expect(tx.collection('accounts').add({ _id: a })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await tx.rollback()
  })
})

/*
 * CloudBase's semantics, as the SDK's own transaction tests against a real
 * environment state them (tcb-admin-node test/database/unit/transaction.test.ts:
 * 冲突检测, 读快照, 读偏, write skew) and MongoDB documents them ("In-progress
 * Transactions and Write Conflicts"): snapshot isolation, only writes conflict.
 */
const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ' +
  'Please check your request, but if the problem persists, contact us.'

describe('snapshot isolation', () => {
  it('冲突检测: writing a document another open transaction wrote fails at once; the first writer commits', async () => {
    const a = await account(10)
    const [tx1, tx2] = [await t.db.startTransaction(), await t.db.startTransaction()]
    const read1 = (await tx1.collection('accounts').doc(a).get()).data.balance
    await tx2.collection('accounts').doc(a).update({ balance: 20 })
    await expect(tx1.collection('accounts').doc(a).update({ balance: read1 + 1 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: CONFLICT_MESSAGE,
    })
    await tx2.commit()
    expect(await balance(a)).toBe(20)
    // The conflict ended tx1 on the server.
    await expect(tx1.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  })

  it('读快照: outside readers do not see a transaction’s writes before it commits; it sees its own', async () => {
    const a = await account(10, 'snap')
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc(a).update({ owner: 'in transaction' })
    expect((await accounts().doc(a).get()).data[0].owner).toBe('snap')
    expect((await tx.collection('accounts').doc(a).get()).data.owner).toBe('in transaction')
    await tx.rollback()
    expect((await accounts().doc(a).get()).data[0].owner).toBe('snap')
  })

  it('读偏: reads see the snapshot of the first read, later commits stay invisible; writing a changed document conflicts', async () => {
    const [a, b] = [await account(1), await account(2)]
    const tx = await t.db.startTransaction()
    expect((await tx.collection('accounts').doc(a).get()).data.balance).toBe(1)
    await accounts().doc(a).set({ balance: 100, owner: 'outside' })
    await accounts().doc(b).set({ balance: 200, owner: 'outside' })
    expect((await tx.collection('accounts').doc(a).get()).data.balance).toBe(1)
    expect((await tx.collection('accounts').doc(b).get()).data.balance).toBe(2)
    await expect(tx.collection('accounts').doc(a).update({ balance: 3 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: CONFLICT_MESSAGE,
    })
    expect([await balance(a), await balance(b)]).toEqual([100, 200])
  })

  it('the snapshot is taken at the first read, not when the transaction starts', async () => {
    const a = await account(1)
    const tx = await t.db.startTransaction()
    await accounts().doc(a).update({ balance: 2 })
    expect((await tx.collection('accounts').doc(a).get()).data.balance).toBe(2)
    await tx.collection('accounts').doc(a).update({ balance: 3 })
    await tx.commit()
    expect(await balance(a)).toBe(3)
  })

  it('write skew commits: each transaction reads one document and writes the other', async () => {
    const [a, b] = [await account(1), await account(2)]
    const [tx1, tx2] = [await t.db.startTransaction(), await t.db.startTransaction()]
    const one = (await tx1.collection('accounts').doc(a).get()).data.balance
    const two = (await tx2.collection('accounts').doc(b).get()).data.balance
    await tx1.collection('accounts').doc(b).update({ balance: one + 10 })
    await tx2.collection('accounts').doc(a).update({ balance: two + 10 })
    await tx1.commit()
    await tx2.commit()
    expect([await balance(a), await balance(b)]).toEqual([12, 11])
  })

  it('a document only read inside may change outside: the transaction still commits its other writes', async () => {
    const [a, b] = [await account(100), await account(0)]
    const tx = await t.db.startTransaction()
    const source = (await tx.collection('accounts').doc(a).get()).data.balance
    await accounts().doc(a).update({ balance: 500 })
    await tx.collection('accounts').doc(b).update({ balance: source })
    await tx.commit()
    expect([await balance(a), await balance(b)]).toEqual([500, 100])
  })

  it('transaction.collection().where().update() runs outside the transaction and does not abort it', async () => {
    const owner = 'where-update'
    const [a, b] = [await account(1, owner), await account(2, owner)]
    const tx = await t.db.startTransaction()
    const { data: before } = await tx.collection('accounts').where({ owner }).get()
    // The SDK sends this without the transaction id: CloudBase applies it at once.
    const res = await tx.collection('accounts').where({ owner }).update({ balance: t._.inc(10) })
    expect(res.updated).toBe(2)
    expect([await balance(a), await balance(b)]).toEqual([11, 12])
    // The transaction keeps reading its snapshot, and commits.
    const { data: after } = await tx.collection('accounts').where({ owner }).get()
    expect(after).toEqual(before)
    await tx.collection('ledger').add({ _id: `${a}-where`, from: a, to: b, amount: 0 })
    await tx.commit()
    expect((await t.db.collection('ledger').doc(`${a}-where`).get()).data).toHaveLength(1)
  })

  it('a write outside transactions to a document an open transaction wrote waits for its commit, then applies', async () => {
    const a = await account(10)
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc(a).update({ balance: 50 })
    let landed = false
    const outside = accounts()
      .doc(a)
      .update({ balance: t._.inc(1) })
      .then((res: any) => ((landed = true), res))
    await new Promise((r) => setTimeout(r, 200))
    expect(landed).toBe(false)
    await tx.commit()
    expect((await outside).updated).toBe(1)
    expect(await balance(a)).toBe(51)
  })

  it('a WHERE query inside sees the snapshot: later inserts, removals and changes are invisible', async () => {
    const owner = 'snapshot-query'
    const [a, b] = [await account(1, owner), await account(2, owner)]
    const tx = await t.db.startTransaction()
    const { data: first } = await tx.collection('accounts').where({ owner }).get()
    await accounts().add({ _id: `${a}-late`, balance: 3, owner })
    await accounts().doc(a).remove()
    await accounts().doc(b).update({ owner: 'moved' })
    const { data: again } = await tx.collection('accounts').where({ owner }).get()
    expect(again).toEqual(first)
    expect(again.map((d: any) => d._id)).toEqual([a, b])
    expect((await tx.collection('accounts').where({ owner: 'moved' }).get()).data).toEqual([])
    await tx.commit()
    expect((await accounts().where({ owner }).get()).data.map((d: any) => d._id)).toEqual([`${a}-late`])
  })

  it('adding an _id committed after the snapshot conflicts; one in the snapshot is DATABASE_DUPLICATE_WRITE', async () => {
    const a = await account(1)
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc(a).get()
    await accounts().add({ _id: `${a}-raced`, balance: 0 })
    await expect(tx.collection('accounts').add({ _id: a, balance: 0 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await expect(tx.collection('accounts').add({ _id: `${a}-raced`, balance: 0 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
  })

  it('two transactions adding one _id: the second fails at once, the first commits', async () => {
    const id = `once-${++seq}`
    const [tx1, tx2] = [await t.db.startTransaction(), await t.db.startTransaction()]
    await tx1.collection('accounts').add({ _id: id, balance: 1 })
    await expect(tx2.collection('accounts').add({ _id: id, balance: 2 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    await tx1.commit()
    expect(await balance(id)).toBe(1)
  })
})

describe('retries', () => {
  it('runTransaction retries on conflict, without aborting the old transaction, until it succeeds', async () => {
    const a = await account(10)
    let attempts = 0
    await t.db.runTransaction(async (tx: any) => {
      attempts++
      const { balance } = (await tx.collection('accounts').doc(a).get()).data
      // Someone else deposits while the first attempt is in flight.
      if (attempts === 1) await accounts().doc(a).update({ balance: t._.inc(5) })
      await tx.collection('accounts').doc(a).update({ balance: balance * 2 })
    })
    expect(attempts).toBe(2)
    expect(await balance(a)).toBe(30)
  })

  it('100 parallel read-modify-write increments of one document end at exactly 100', async () => {
    await accounts().add({ _id: 'counter', balance: 0, owner: 'counter' })
    let attempts = 0
    // Optimistic concurrency: each round one transaction commits and the rest retry,
    // so 100 contenders need up to 100 attempts (runTransaction's default is 3).
    await Promise.all(
      Array.from({ length: 100 }, () =>
        t.db.runTransaction(async (tx: any) => {
          attempts++
          const { balance } = (await tx.collection('accounts').doc('counter').get()).data
          await tx.collection('accounts').doc('counter').update({ balance: balance + 1 })
        }, 100),
      ),
    )
    expect(await balance('counter')).toBe(100)
    expect(attempts).toBeGreaterThanOrEqual(100)
  }, 60_000)

  it('_.inc inside transactions needs no read and still counts exactly', async () => {
    await accounts().add({ _id: 'inc-counter', balance: 0, owner: 'counter' })
    await Promise.all(
      Array.from({ length: 50 }, () =>
        t.db.runTransaction(async (tx: any) => {
          await tx.collection('accounts').doc('inc-counter').update({ balance: t._.inc(1) })
        }, 50),
      ),
    )
    expect(await balance('inc-counter')).toBe(50)
  }, 60_000)
})

describe('abandoned transactions', () => {
  // A short idle timeout on an emulator of its own: on a loaded machine the busy
  // tests above would otherwise see their live transactions expire.
  let short: TestEmulator
  beforeAll(async () => {
    short = await startTestEmulator({ schema: [{ name: 'accounts', indexes: [] }], transactionTimeoutMs: 300 })
  })
  afterAll(() => short.close())

  it('release what they wrote: a write outside that waited for one runs once it expires', async () => {
    await short.db.collection('accounts').add({ _id: 'held', balance: 1 })
    const tx = await short.db.startTransaction()
    await tx.collection('accounts').doc('held').update({ balance: 2 })
    const res = await short.db.collection('accounts').doc('held').update({ balance: short._.inc(10) })
    expect(res.updated).toBe(1)
    expect((await short.db.collection('accounts').doc('held').get()).data[0].balance).toBe(11)
  })

  it('expire after the idle timeout and cannot commit', async () => {
    await short.db.collection('accounts').add({ _id: 'a', balance: 1 })
    const tx = await short.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ balance: 2 })
    await new Promise((r) => setTimeout(r, 800))
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    expect((await short.db.collection('accounts').doc('a').get()).data[0].balance).toBe(1)
  })
})
