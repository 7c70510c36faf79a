/**
 * Emulator throughput with the genuine SDK over HTTP, SDK and emulator in one
 * process as in the gateway: inserts, doc gets, conditional updates, transactions,
 * indexed WHERE queries and the 3-round-trip vote, at 10k and 100k documents;
 * plus the time to open a 100k-document data folder and to load it on first use.
 *
 *   tsx bench/emulator.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { createEmulator, startEmulator } from '../local/emulator'
import type { CollectionSpec } from '../cloudfunctions/api/src/platform/schema'

const SCHEMA: CollectionSpec[] = [
  { name: 'bench', indexes: [{ name: 'by_group', keys: { group: 1, n: 1 } }] },
  { name: 'votes', indexes: [{ name: 'by_campaign', keys: { campaignId: 1, candidateId: 1 } }] },
  { name: 'tallies', indexes: [] },
]
/** Requests in flight at once, as concurrent callers of the api would have. */
const CONCURRENCY = 32
/** Documents per group: WHERE queries by group return this many. */
const GROUP_SIZE = 20

/**
 * Runs `count` operations, `CONCURRENCY` at a time; returns operations per second
 * and the process's CPU time per operation (SDK and emulator together, in µs), which
 * other sessions' load on a shared machine distorts far less than the wall clock.
 */
async function rate(count: number, op: (i: number) => Promise<unknown>): Promise<{ perSecond: number; cpuMicros: number }> {
  let next = 0
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await op(next++)
    }),
  )
  const cpu = process.cpuUsage(cpuBefore)
  return {
    perSecond: Math.round(count / ((performance.now() - started) / 1000)),
    cpuMicros: Math.round((cpu.user + cpu.system) / count),
  }
}

const random = (n: number) => Math.floor(Math.random() * n)

/**
 * Runs the throughput figures at `size` documents against `start` (this emulator, or
 * another version of it); `cpu`, if given, receives each figure's CPU µs per operation.
 */
export async function benchSize(
  size: number,
  out: Record<string, number | string>,
  start: typeof startEmulator = startEmulator,
  cpu?: Record<string, number>,
): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-emulator-${size}-`))
  const running = await start({ port: 0, dataDir, schema: SCHEMA, strictIndexes: true })
  const app = tcb.init({ env: 'local', serviceUrl: running.url, secretId: 'local', secretKey: 'local' })
  const db = app.database()
  const _ = db.command
  const bench = db.collection('bench')
  const doc = (i: number) => ({ _id: `d${i}`, group: `g${Math.floor(i / GROUP_SIZE)}`, n: 0, i, at: new Date(), label: `document ${i}` })
  const label = size >= 1000 ? `${size / 1000}k` : String(size)
  const measure = async (figure: string, count: number, op: (i: number) => Promise<unknown>) => {
    const { perSecond, cpuMicros } = await rate(count, op)
    out[`${figure} @${label}`] = perSecond
    if (cpu) cpu[`${figure} @${label}`] = cpuMicros
  }

  const measured = Math.min(5000, size / 2)
  const bulk = size - measured
  for (let i = 0; i < bulk; i += 1000) {
    await bench.add(Array.from({ length: Math.min(1000, bulk - i) }, (_, k) => doc(i + k)))
  }
  await measure('inserts/s', measured, (k) => bench.add(doc(bulk + k)))
  await measure('doc gets/s', 5000, () => bench.doc(`d${random(size)}`).get())
  await measure('conditional updates/s', 5000, () =>
    bench.where({ _id: `d${random(size)}`, n: _.lt(1_000_000) }).update({ n: _.inc(1) }),
  )
  await measure(`WHERE queries/s (indexed, ${GROUP_SIZE} hits)`, 3000, () =>
    bench.where({ group: `g${random(size / GROUP_SIZE)}` }).get(),
  )
  await measure('transactions/s (get+update+commit)', 1000, () =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK types the callback loosely
    db.runTransaction(async (tx: any) => {
      const id = `d${random(size)}`
      const { data } = await tx.collection('bench').doc(id).get()
      await tx.collection('bench').doc(id).update({ n: data.n + 1 })
    }, 20),
  )
  // A vote: deterministic _id (no double vote), the tally's conditional increment, a read back.
  await db.collection('tallies').add(Array.from({ length: 10 }, (_, c) => ({ _id: `cand${c}`, votes: 0 })))
  await measure('votes/s (3 round trips)', 3000, async (k) => {
    const candidate = `cand${k % 10}`
    await db.collection('votes').add({ _id: `camp:openid${k}:day:${candidate}`, campaignId: 'camp', candidateId: candidate })
    await db.collection('tallies').where({ _id: candidate, votes: _.gte(0) }).update({ votes: _.inc(1) })
    await db.collection('tallies').doc(candidate).get()
  })
  await running.close()
  return dataDir
}

export async function benchEmulator(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {}
  rmSync(await benchSize(10_000, out), { recursive: true, force: true })
  const big = await benchSize(100_000, out)
  try {
    let started = performance.now()
    const emulator = await createEmulator({ dataDir: big, schema: SCHEMA, strictIndexes: true })
    out['open 100k data dir (ms)'] = Math.round(performance.now() - started)
    started = performance.now()
    const res = await emulator.call({
      action: 'database.getDocument',
      collectionName: 'bench',
      queryType: 'DOC',
      query: JSON.stringify({ _id: 'd99999' }),
    })
    if ((res.data as { list: unknown[] }).list.length !== 1) throw new Error('the reopened data dir lost d99999')
    out['first read after open, loading 100k docs (ms)'] = Math.round(performance.now() - started)
    await emulator.close()
  } finally {
    rmSync(big, { recursive: true, force: true })
  }
  return out
}

if (require.main === module) {
  benchEmulator().then(
    (figures) => console.table(figures),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
