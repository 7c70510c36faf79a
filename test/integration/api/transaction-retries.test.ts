/**
 * platform/db.ts transaction(): conflicts are retried, but never for longer than a
 * cloud function can wait; then a retryable CONFLICT in Chinese, nothing written.
 */
import { BUSY, ScopedDb, TRANSACTION_BUDGET_MS } from '../../../cloudfunctions/api/src/platform/db'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator
let db: ScopedDb
beforeAll(async () => {
  t = await startTestEmulator({ schema: [{ name: 'things', indexes: [] }] })
  db = new ScopedDb(t.db, 'c1')
})
afterAll(() => t.close())

const things = () => t.db.collection('things')

/** Every attempt loses the race: someone else changes the document between its read and its write. */
async function alwaysOvertaken(id: string, budgetMs?: number) {
  let attempts = 0
  const began = Date.now()
  const outcome = await db
    .transaction(async (tx) => {
      attempts++
      const doc = await tx.get('things', id)
      await things().doc(id).update({ n: t._.inc(1) })
      await tx.update('things', id, { n: (doc!.n as number) + 100 })
    }, budgetMs)
    .then(
      () => 'committed',
      (err) => err,
    )
  return { outcome, attempts, elapsed: Date.now() - began }
}

it('gives up after its time budget with a retryable CONFLICT, long before 40 attempts', async () => {
  await things().add({ _id: 'busy', communityId: 'c1', n: 0 })
  const { outcome, attempts, elapsed } = await alwaysOvertaken('busy', 1500)
  expect(outcome).toMatchObject({ code: 'CONFLICT', message: BUSY })
  expect(BUSY).toMatch(/请稍后再试/)
  expect(elapsed).toBeGreaterThanOrEqual(1500)
  expect(elapsed).toBeLessThan(4000)
  expect(attempts).toBeGreaterThan(1)
  expect(attempts).toBeLessThan(40)
  // Only the other writer's increments landed; none of the transaction's +100.
  expect((await things().doc('busy').get()).data[0].n).toBe(attempts)
})

it('the default budget stops at about 12 s, within a cloud function’s 20 s timeout', async () => {
  expect(TRANSACTION_BUDGET_MS).toBe(12_000)
  await things().add({ _id: 'busy-default', communityId: 'c1', n: 0 })
  const { outcome, elapsed } = await alwaysOvertaken('busy-default')
  expect(outcome).toMatchObject({ code: 'CONFLICT', message: BUSY })
  expect(elapsed).toBeGreaterThanOrEqual(12_000)
  expect(elapsed).toBeLessThan(16_000)
}, 30_000)

it('a conflict that clears is retried and commits', async () => {
  await things().add({ _id: 'once', communityId: 'c1', n: 0 })
  let attempts = 0
  await db.transaction(async (tx) => {
    attempts++
    const doc = await tx.get('things', 'once')
    if (attempts === 1) await things().doc('once').update({ n: 5 })
    await tx.update('things', 'once', { n: (doc!.n as number) + 1 })
  })
  expect(attempts).toBe(2)
  expect((await things().doc('once').get()).data[0].n).toBe(6)
})
