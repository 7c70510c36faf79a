/**
 * Where a gateway bench runs its parts. By default as in production, where phones,
 * the function and the database are different machines: this process is the load
 * generator (fetch), a child process runs the gateway with the built api bundle (the
 * function), another the emulator (the database), so the machine's cores are shared
 * the way the three would use them. `--one-process` puts all of them in this process,
 * as the benches did before, to compare. The floor a bench prints beside its figure
 * is measured through the same layout in the same run.
 *
 * Round trips are counted at the emulator either way (in the child: asked over IPC).
 */
import { fork, type ChildProcess, type ForkOptions } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { buildApi } from '../cloudfunctions/api/build'
import { skipSdkCloudProbe } from '../local/emulator'
import { startGateway } from '../local/gateway'

// The gateway's function instance serves all the requests in flight at once (in CloudBase
// each instance has one): the SDK adds a once('connect') listener per request queued on a
// connecting socket, which passes Node's warning threshold of 10 without leaking.
EventEmitter.defaultMaxListeners = 64

export type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } } // eslint-disable-line @typescript-eslint/no-explicit-any

export interface BenchWorld {
  /** the gateways, one per function instance: POST `${url}/api` as the mini-program does */
  urls: string[]
  /** one action through the gateway, as the mini-program sends it (X-Dev-Openid); instances take turns unless one is named */
  post(openid: string, action: string, payload: unknown, instance?: number): Promise<Answer>
  /** the floor: so many system.ping calls (no database) through the same layout, so many in flight, per second */
  pingsPerSecond(calls: number, inFlight: number): Promise<number>
  /** the genuine SDK's database on the emulator, for a bench's setup */
  db: any // eslint-disable-line @typescript-eslint/no-explicit-any
  /** what runs where, printed beside the figures */
  layout: string
  /** CPU time (user + system, ms) each process has used so far, by part */
  cpu(): Promise<Record<string, number>>
  /** database requests since the last reset, counted at the emulator */
  trips(): Promise<number>
  resetTrips(): Promise<void>
  close(): Promise<void>
}

export const oneProcess = () => process.argv.includes('--one-process')

export async function startWorld(name: string, communityId: string, together = oneProcess()): Promise<BenchWorld> {
  const parts = await startParts(name, together)
  // The phones' side is not what is measured: node:http on kept-alive sockets costs it
  // a third of what fetch does, CPU the function and the database would otherwise lose.
  const agent = new http.Agent({ keepAlive: true })
  const apis = parts.urls.map((url) => new URL(`${url}/api`))
  let turn = 0
  const post = (openid: string, action: string, payload: unknown, instance?: number) =>
    new Promise<Answer>((ok, fail) => {
      const body = JSON.stringify({ action, payload, communityId })
      // Calls take turns between the function's instances, as CloudBase spreads concurrent invocations.
      const api = apis[(instance ?? turn++) % apis.length]
      const req = http.request(api, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          try {
            ok(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer)
          } catch (error) {
            fail(error)
          }
        })
        res.on('error', fail)
      })
      req.on('error', fail)
      req.end(body)
    })
  const pingsPerSecond = async (calls: number, inFlight: number) => {
    let sent = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (sent < calls) {
          sent++
          const res = await post('demo-resident', 'system.ping', {})
          if (!res.ok) throw new Error(`system.ping: ${res.error?.code}`)
        }
      }),
    )
    return Math.round(calls / ((performance.now() - started) / 1000))
  }
  return {
    ...parts,
    post,
    pingsPerSecond,
    async close() {
      agent.destroy()
      await parts.close()
    },
  }
}

/** CPU ms per call of each part between two `cpu()` readings, e.g. `function 2.1 · database 1.3`. */
export function cpuPerCall(before: Record<string, number>, after: Record<string, number>, calls: number): string {
  return Object.keys(after)
    .map((part) => `${part} ${((after[part] - before[part]) / calls).toFixed(2)}`)
    .join(' · ')
}

async function startParts(name: string, together: boolean): Promise<Omit<BenchWorld, 'post' | 'pingsPerSecond'>> {
  await buildApi({ quiet: true })
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`))
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  if (together) {
    const gw = await startGateway({ port: 0, dataDir, quiet: true, strictIndexes: true })
    return {
      urls: [gw.url],
      db: gw.app.database(),
      layout: 'one process: load generator, gateway + api bundle and emulator together (--one-process)',
      cpu: async () => ({ 'all parts (one process)': cpuMs(process.cpuUsage()) }),
      trips: async () => gw.emulator.stats.requests,
      resetTrips: async () => gw.emulator.resetStats(),
      async close() {
        await gw.close()
        removeData()
      },
    }
  }
  skipSdkCloudProbe()
  const children: ChildProcess[] = []
  const stop = () => {
    for (const child of children) child.kill('SIGTERM')
  }
  try {
    const emulator = fork(require.resolve('../local/emulator/cli'), ['--port', '0', '--data', join(dataDir, 'db'), '--strict-indexes'], CHILD)
    children.push(emulator)
    const serviceUrl = (await reply<{ ready: string }>(emulator, 'ready')).ready
    const origin = serviceUrl.replace(/\/admin$/, '')
    // One after the other: the first seeds the demo, the others find it there.
    const gateways: ChildProcess[] = []
    const urls: string[] = []
    for (let i = 0; i < INSTANCES; i++) {
      const gateway = fork(__filename, ['gateway', dataDir, origin], CHILD)
      children.push(gateway)
      gateways.push(gateway)
      urls.push((await reply<{ ready: string }>(gateway, 'ready')).ready)
    }
    const ask = async <T>(child: ChildProcess, message: string, key: string) => {
      const answer = reply<T>(child, key)
      child.send(message)
      return answer
    }
    const stats = async (message: 'stats' | 'reset-stats') => (await ask<{ stats: { requests: number } }>(emulator, message, 'stats')).stats.requests
    return {
      urls,
      db: tcb.init({ env: 'local', serviceUrl, secretId: 'local', secretKey: 'local' }).database(),
      layout: `${INSTANCES + 2} processes, as phones, function and database are separate machines: load generator (node:http) → ${INSTANCES} function instances (gateway + api bundle each; CloudBase runs concurrent calls on several) → emulator`,
      cpu: async () => ({
        'load generator': cpuMs(process.cpuUsage()),
        'function (gateway + api, all instances)': (await Promise.all(gateways.map(async (gateway) => cpuMs((await ask<{ cpu: NodeJS.CpuUsage }>(gateway, 'cpu', 'cpu')).cpu)))).reduce((a, b) => a + b, 0),
        'database (emulator)': cpuMs((await ask<{ cpu: NodeJS.CpuUsage }>(emulator, 'stats', 'cpu')).cpu),
      }),
      trips: () => stats('stats'),
      resetTrips: async () => void (await stats('reset-stats')),
      async close() {
        await Promise.all(children.map((child) => new Promise((ok) => (child.exitCode !== null ? ok(null) : (child.once('exit', ok), child.kill('SIGTERM'))))))
        removeData()
      },
    }
  } catch (error) {
    stop()
    removeData()
    throw error
  }
}

/** BENCH_CPU_PROF=<dir>: each child writes a .cpuprofile there (the load generator: run it with node --cpu-prof). */
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
/** Function instances (BENCH_INSTANCES, default 2): each its own process with its own per-instance caches. */
const INSTANCES = Math.max(1, Number(process.env.BENCH_INSTANCES ?? 2))

const CHILD: ForkOptions = { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }

/** The child's next message carrying `key`; fails if it exits first. */
function reply<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((ok, fail) => {
    const onMessage = (message: unknown) => {
      if (!message || typeof message !== 'object' || !(key in message)) return
      child.off('exit', onExit)
      child.off('message', onMessage)
      ok(message as T)
    }
    const onExit = (code: number | null) => {
      child.off('message', onMessage)
      fail(new Error(`a bench child process exited (${code}) before it answered ${key}`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/** The gateway's process: the function, its SDK pointed at the emulator's process. */
async function serveGateway(dataDir: string, emulatorOrigin: string) {
  const gw = await startGateway({ port: 0, dataDir, quiet: true, emulatorOrigin })
  let closing: Promise<void> | null = null
  const stop = () => (closing ??= gw.close().then(() => process.exit(0)))
  process.on('disconnect', stop)
  process.on('SIGTERM', stop)
  process.on('message', (message) => message === 'cpu' && process.send!({ cpu: process.cpuUsage() }))
  process.send!({ ready: gw.url })
}

if (require.main === module && process.argv[2] === 'gateway') {
  serveGateway(process.argv[3], process.argv[4]).catch((error) => {
    console.error('bench gateway:', error)
    process.exit(1)
  })
}
