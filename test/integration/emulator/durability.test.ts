/**
 * The emulator CLI as a child process: it prints its URL when ready, stops cleanly
 * on SIGTERM, and — killed with SIGKILL in the middle of a stream of writes —
 * comes back on the same folder with every write it acknowledged and no
 * transaction half applied.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { skipSdkCloudProbe } from '../../../local/emulator'
import type { Doc } from '../../../local/emulator/ejson'
import { Store } from '../../../local/emulator/store'
import { startEmulatorProcess } from '../../helpers/crash'

jest.setTimeout(120_000)

// The emulator runs in the child; this process only hosts the SDK.
skipSdkCloudProbe()

const sdk = (url: string) =>
  tcb.init({ env: 'local', serviceUrl: url, secretId: 'local', secretKey: 'local', timeout: 5000 }).database()

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-crash-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

it('prints its actual URL for --port 0 and exits 0 on SIGTERM, keeping what it wrote', async () => {
  const dir = tempDir()
  const server = await startEmulatorProcess({ dataDir: dir, strictIndexes: true })
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin$/)
  expect(server.url).not.toContain(':0/')
  const db = sdk(server.url)
  // The project's schema is created on open.
  await db.collection('users').add({ _id: 'u1', nickname: '邻居' })
  expect(await server.stop()).toBe(0)

  await server.restart()
  expect((await sdk(server.url).collection('users').doc('u1').get()).data).toEqual([{ _id: 'u1', nickname: '邻居' }])
  expect(await server.stop()).toBe(0)
})

it('keeps every acknowledged write and no torn transaction across kill -9', async () => {
  const dir = tempDir()
  const server = await startEmulatorProcess({ dataDir: dir, strictIndexes: true })
  const db = sdk(server.url)
  await db.createCollection('crash_docs')
  await db.createCollection('crash_accounts')
  await db.createCollection('crash_ledger')

  const WORKERS = 8
  const START = 1000
  for (let w = 0; w < WORKERS; w++) {
    await db.collection('crash_accounts').add([
      { _id: `from-${w}`, balance: START },
      { _id: `to-${w}`, balance: 0 },
    ])
  }

  const ackedDocs: string[] = []
  const ackedTransfers: string[] = []
  const attemptedTransfers: string[] = []
  let crashed = false

  /** Each worker alternates a plain insert and a transfer that also writes a ledger entry. */
  async function worker(w: number) {
    for (let i = 0; !crashed; i++) {
      try {
        if (i % 2 === 0) {
          const _id = `w${w}-${i}`
          await db.collection('crash_docs').add({ _id, w, i, at: new Date() })
          ackedDocs.push(_id)
        } else {
          const _id = `t${w}-${i}`
          attemptedTransfers.push(_id)
          const tx = await db.startTransaction()
          const from = (await tx.collection('crash_accounts').doc(`from-${w}`).get()).data
          const to = (await tx.collection('crash_accounts').doc(`to-${w}`).get()).data
          await tx.collection('crash_accounts').doc(`from-${w}`).update({ balance: from.balance - 1 })
          await tx.collection('crash_accounts').doc(`to-${w}`).update({ balance: to.balance + 1 })
          await tx.collection('crash_ledger').add({ _id, w })
          await tx.commit()
          ackedTransfers.push(_id)
        }
      } catch {
        if (crashed) return
        throw new Error(`write failed before the crash (worker ${w}, step ${i})`)
      }
    }
  }

  const running = Array.from({ length: WORKERS }, (_, w) => worker(w))
  // Let writes stream, then pull the plug while many are in flight.
  while (ackedDocs.length + ackedTransfers.length < 400) await new Promise((r) => setTimeout(r, 20))
  crashed = true
  await server.kill()
  await Promise.all(running)

  await server.restart()
  try {
    const db2 = sdk(server.url)
    const _ = db2.command
    const present = async (collection: string, ids: string[]) => {
      const found = new Set<string>()
      for (let i = 0; i < ids.length; i += 500) {
        const { data } = await db2.collection(collection).where({ _id: _.in(ids.slice(i, i + 500)) }).limit(1000).get()
        for (const doc of data) found.add(doc._id)
      }
      return found
    }

    const docs = await present('crash_docs', ackedDocs)
    expect(ackedDocs.filter((id) => !docs.has(id))).toEqual([])

    const ledger = await present('crash_ledger', attemptedTransfers)
    expect(ackedTransfers.filter((id) => !ledger.has(id))).toEqual([])
    for (let w = 0; w < WORKERS; w++) {
      const from = (await db2.collection('crash_accounts').doc(`from-${w}`).get()).data[0].balance
      const to = (await db2.collection('crash_accounts').doc(`to-${w}`).get()).data[0].balance
      const entries = [...ledger].filter((id) => id.startsWith(`t${w}-`)).length
      // Both balances and the ledger entry moved together, or none of them did.
      expect({ worker: w, sum: from + to, to }).toEqual({ worker: w, sum: START, to: entries })
    }
    expect(ackedDocs.length + ackedTransfers.length).toBeGreaterThanOrEqual(400)
  } finally {
    await server.stop()
  }
})

it('stores writes in the order they were applied: a transaction’s commit and a plain write of the same document in one moment', async () => {
  // A transaction's writes went to LMDB in a callback lmdb runs after the plain writes
  // queued beside it, so its older state of a document overwrote newer ones on disk:
  // memory was right until a restart brought the older state back (kill -9 lost writes
  // the emulator had acknowledged).
  const dir = tempDir()
  let store = await Store.open(dir)
  await store.createCollection('order_docs')
  const docs = () => store.collection('order_docs')
  const write = (id: string, doc: Doc) => ({ collection: docs(), id, doc })
  const landed = [store.commit([write('a', { _id: 'a', v: 1 }), write('b', { _id: 'b', v: 1 })])]
  for (let v = 2; v <= 5; v++) landed.push(store.commit([write('a', { _id: 'a', v })]))
  landed.push(store.commit([write('b', { _id: 'b', v: 2 }), write('c', { _id: 'c', v: 1 })]), store.commit([write('c', { _id: 'c', v: 2 })]))
  await Promise.all(landed)
  await store.close()

  store = await Store.open(dir)
  try {
    expect(['a', 'b', 'c'].map((id) => docs().get(id)?.doc)).toEqual([
      { _id: 'a', v: 5 },
      { _id: 'b', v: 2 },
      { _id: 'c', v: 2 },
    ])
  } finally {
    await store.close()
  }
})
