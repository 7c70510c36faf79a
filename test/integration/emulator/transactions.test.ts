/**
 * Transactions through the genuine SDK: buffered writes that land all or none,
 * reads that see the transaction's own writes, DATABASE_TRANSACTION_CONFLICT when
 * a document it touched changed meanwhile, and runTransaction retrying.
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

describe('conflicts', () => {
  it('a document read inside and changed outside before commit: DATABASE_TRANSACTION_CONFLICT, nothing lands', async () => {
    const [a, b] = [await account(100), await account(0)]
    const tx = await t.db.startTransaction()
    await transfer(tx, a, b, 30)
    await accounts().doc(a).update({ balance: 500 })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect([await balance(a), await balance(b)]).toEqual([500, 0])
    expect((await t.db.collection('ledger').where({ from: a }).count()).total).toBe(0)
  })

  it('two transactions touching one document: the first commit wins, the second conflicts', async () => {
    const a = await account(10)
    const [tx1, tx2] = [await t.db.startTransaction(), await t.db.startTransaction()]
    const read1 = (await tx1.collection('accounts').doc(a).get()).data.balance
    const read2 = (await tx2.collection('accounts').doc(a).get()).data.balance
    await tx1.collection('accounts').doc(a).update({ balance: read1 + 1 })
    await tx2.collection('accounts').doc(a).update({ balance: read2 + 1 })
    await tx1.commit()
    await expect(tx2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(await balance(a)).toBe(11)
  })

  it('writing a document that changed since the transaction read it conflicts at once', async () => {
    const a = await account(10)
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc(a).get()
    await accounts().doc(a).update({ balance: 11 })
    await expect(tx.collection('accounts').doc(a).update({ balance: 99 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    expect(await balance(a)).toBe(11)
  })

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

  it('expire after the idle timeout and cannot commit', async () => {
    await short.db.collection('accounts').add({ _id: 'a', balance: 1 })
    const tx = await short.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ balance: 2 })
    await new Promise((r) => setTimeout(r, 800))
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    expect((await short.db.collection('accounts').doc('a').get()).data[0].balance).toBe(1)
  })
})
