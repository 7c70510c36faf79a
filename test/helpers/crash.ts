/**
 * Crash harnesses for "no half-done writes": a write and its effect must land
 * together, so that whenever the server dies every retry converges on the whole.
 *
 * - `startEmulatorProcess`: the emulator CLI as a child process in its own process
 *   group; `kill()` is kill -9, `restart()` brings it back on the same folder and port.
 * - `startCrashableApi`: the api in this process (genuine SDK, demo seed, fixed clock,
 *   local WeChat) talking to such a child, so the server can die under it.
 * - `crashBurst`: fires many calls at once, kills the server a few times meanwhile and
 *   retries every call until it answers.
 * - `startPluggedApi`: the api talking to an in-process emulator through a plug that is
 *   pulled right after the n-th database request lands, for every n: the deterministic
 *   counterpart of a kill, one crash point at a time.
 *
 * An answer is anything but INTERNAL (and the busy CONFLICT of a transaction that ran
 * out of time, which asks to try again): a server that died mid-call makes the router
 * answer INTERNAL, and a client retries that. A domain refusal (CONFLICT, …) is an
 * answer; whether it is the right one is for the caller's checks on the stored state.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { createApi } from '../../cloudfunctions/api/src/index'
import type { ActionInput, ActionName, ActionOutput } from '../../cloudfunctions/api/src/contract'
import { fixedClock } from '../../cloudfunctions/api/src/platform/clock'
import { BUSY } from '../../cloudfunctions/api/src/platform/db'
import { silentLogger } from '../../cloudfunctions/api/src/platform/log'
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import type { Envelope } from '../../cloudfunctions/api/src/router'
import { skipSdkCloudProbe, startEmulator } from '../../local/emulator'
import { seededDataDir } from './demo'
import { DEMO_COMMUNITY } from '../../local/seed/data'
import { createLocalWechat } from '../../local/wechat'
import { NOW } from './api'

const ROOT = resolve(__dirname, '../..')
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

export interface EmulatorProcess {
  /** the serviceUrl; the same across restarts */
  readonly url: string
  readonly port: number
  readonly dataDir: string
  readonly child: ChildProcess
  /** how many times it was killed */
  readonly kills: number
  /** kill -9 of the whole process group (tsx and the node process running the emulator) */
  kill(): Promise<void>
  /** starts it again on the same folder and port */
  restart(): Promise<void>
  /** SIGTERM; resolves with the exit code */
  stop(): Promise<number | null>
}

interface Started {
  child: ChildProcess
  url: string
  exited: Promise<number | null>
}

/** Starts `tsx local/emulator/cli.ts` in its own process group and waits for its "ready" line. */
function spawnCli(dataDir: string, port: number, flags: string[]): Promise<Started> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['local/emulator/cli.ts', '--port', String(port), '--data', dataDir, ...flags], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return new Promise((resolveStart, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`emulator did not get ready:\n${output}`)), 60_000)
    const onExit = (code: number | null) => reject(new Error(`emulator exited with ${code} before ready:\n${output}`))
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const ready = /ready at (http:\/\/\S+)/.exec(output)
      if (ready) {
        clearTimeout(timer)
        child.off('exit', onExit)
        resolveStart({ child, url: ready[1], exited })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', onExit)
  })
}

/** The emulator CLI as a child process that can be killed hard and restarted on its data. */
export async function startEmulatorProcess({ dataDir, strictIndexes = true }: { dataDir: string; strictIndexes?: boolean }): Promise<EmulatorProcess> {
  const flags = strictIndexes ? ['--strict-indexes'] : []
  let current = await spawnCli(dataDir, 0, flags)
  const port = Number(new URL(current.url).port)
  let kills = 0
  return {
    url: current.url,
    port,
    dataDir,
    get child() {
      return current.child
    },
    get kills() {
      return kills
    },
    async kill() {
      process.kill(-current.child.pid!, 'SIGKILL')
      await current.exited
      kills++
    },
    async restart() {
      // The port was just freed by the kill; binding it again may race the kernel for a moment.
      for (let attempt = 0; ; attempt++) {
        try {
          current = await spawnCli(dataDir, port, flags)
          return
        } catch (error) {
          if (attempt >= 5 || !/EADDRINUSE/.test(String(error))) throw error
          await sleep(200)
        }
      }
    },
    async stop() {
      current.child.kill('SIGTERM')
      return current.exited
    },
  }
}

const C = DEMO_COMMUNITY._id

/**
 * The SDK warns of a request slower than 3 s by a timer it clears only when a reply
 * arrives, so every request a crash cut off warns later. Those are expected here.
 */
function quietCutOffRequests() {
  const warn = console.warn
  if ((warn as { quiet?: boolean }).quiet) return
  const quiet = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[TCB][WARN] Your current request')) return
    warn(...args)
  }
  console.warn = Object.assign(quiet, { quiet: true })
}

type Call = <A extends ActionName>(openid: string | null, action: A, payload?: ActionInput<A> | Record<string, unknown>, communityId?: string) => Promise<Envelope<ActionOutput<A>>>

/** What both crash harnesses offer a test: calls as a person (in the demo community by default), unwrapped or retried. */
function caller(api: ReturnType<typeof createApi>) {
  const call: Call = async (openid, action, payload, communityId = C) =>
    (await api.handle({ action, payload: payload ?? {}, communityId }, { openid })) as Envelope<ActionOutput<typeof action>>

  async function ok<A extends ActionName>(openid: string | null, action: A, payload?: ActionInput<A> | Record<string, unknown>, communityId?: string): Promise<ActionOutput<A>> {
    const res = await call(openid, action, payload, communityId)
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  return { call, ok }
}

export interface Answered<T = unknown> {
  answer: Envelope<T>
  /** how many times the call was sent before it answered */
  attempts: number
}

/** The retryable CONFLICT a transaction gives after its time budget: nothing was written, 「请稍后再试」. */
const isBusy = (answer: Envelope<unknown>) => !answer.ok && answer.error.code === 'CONFLICT' && answer.error.message === BUSY

/**
 * Sends a call again and again until it answers (anything but INTERNAL, or the busy
 * CONFLICT that asks to try again later), as a client would while the server is down;
 * fails after `deadlineMs`.
 */
export async function untilAnswered<T>(send: () => Promise<Envelope<T>>, { deadlineMs = 90_000, pauseMs = 100 } = {}): Promise<Answered<T>> {
  const deadline = Date.now() + deadlineMs
  for (let attempts = 1; ; attempts++) {
    const answer = await send()
    if (answer.ok || (answer.error.code !== 'INTERNAL' && !isBusy(answer))) return { answer, attempts }
    if (Date.now() > deadline) throw new Error(`no answer after ${attempts} attempts: ${answer.error.message}`)
    await sleep(pauseMs)
  }
}

/** The api in this process against an emulator child process that tests may kill -9 and restart. */
export async function startCrashableApi({ seed = true } = {}) {
  skipSdkCloudProbe()
  quietCutOffRequests()
  const clock = fixedClock(NOW)
  const dataDir = seed ? await seededDataDir(clock.now(), 'crash-api-') : mkdtempSync(join(tmpdir(), 'crash-api-'))
  const server = await startEmulatorProcess({ dataDir })
  // The SDK keeps its address across restarts: the emulator comes back on the same port.
  const app = tcb.init({ env: 'local', serviceUrl: server.url, secretId: 'local', secretKey: 'local', timeout: 10_000 })
  const wechat = createLocalWechat({ dataDir: mkdtempSync(join(tmpdir(), 'crash-wechat-')) })
  const api = createApi({ app, wechat, clock, log: silentLogger })
  const db = app.database()
  return {
    ...caller(api),
    api,
    app,
    db,
    _: db.command,
    clock,
    wechat,
    server,
    async close() {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type CrashableApi = Awaited<ReturnType<typeof startCrashableApi>>

export interface BurstOptions {
  /** the calls, each a thunk that sends one call once */
  calls: Array<() => Promise<Envelope>>
  /** how many calls are in flight at most */
  concurrency?: number
  /** how many times the server is killed during the burst */
  kills?: number
  /** how long the server stays down after each kill */
  downMs?: number
}

export interface BurstResult {
  /** the final answer of every call, in the order given */
  answers: Answered[]
  kills: number
  /** calls that needed more than one attempt */
  retried: number
  ms: number
}

/**
 * Runs the calls concurrently and kills the server `kills` times while they run (spread
 * over the burst by how many calls have started), restarting it each time; every call
 * is retried until it answers.
 */
export async function crashBurst(server: EmulatorProcess, { calls, concurrency = 48, kills = 3, downMs = 300 }: BurstOptions): Promise<BurstResult> {
  const started = Date.now()
  const answers: Answered[] = new Array(calls.length)
  let next = 0
  const killAt = Array.from({ length: kills }, (_, i) => Math.floor(((i + 1) * calls.length) / (kills + 1)))
  let killing: Promise<void> = Promise.resolve()
  const killsBefore = server.kills

  const crash = async () => {
    await server.kill()
    await sleep(downMs)
    await server.restart()
  }

  async function lane() {
    while (next < calls.length) {
      const i = next++
      if (killAt.length && i >= killAt[0]) {
        killAt.shift()
        // Pull the plug while the calls before this one are still in flight.
        killing = killing.then(crash)
      }
      answers[i] = await untilAnswered(calls[i])
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, lane))
  await killing
  return { answers, kills: server.kills - killsBefore, retried: answers.filter((a) => a.attempts > 1).length, ms: Date.now() - started }
}

export interface Plug {
  /** the serviceUrl to give the SDK */
  url: string
  /** database requests that reached the emulator through the plug */
  readonly delivered: number
  /**
   * After `n` more requests pass normally, the next one is delivered but its reply is
   * lost, and nothing passes after it: the server died right after that request landed.
   */
  pullAfter(n: number): void
  /** the server is back */
  plugIn(): void
  close(): Promise<void>
}

/** A pass-through between the SDK and the emulator that can be pulled at an exact request. */
export async function startPlug(target: string): Promise<Plug> {
  const upstream = new URL(target)
  let left = Infinity
  let pulled = false
  let delivered = 0
  const server: Server = createServer((req, res) => {
    if (pulled) {
      req.socket.destroy()
      return
    }
    const last = left === 0
    if (last) pulled = true
    else left--
    delivered++
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (reply) => {
      if (last) {
        reply.resume()
        reply.on('end', () => req.socket.destroy())
        return
      }
      res.writeHead(reply.statusCode ?? 502, reply.headers)
      reply.pipe(res)
    })
    forward.on('error', () => req.socket.destroy())
    req.pipe(forward)
  })
  server.keepAliveTimeout = 10_000
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/admin`,
    get delivered() {
      return delivered
    },
    pullAfter(n) {
      left = n
      pulled = false
    },
    plugIn() {
      left = Infinity
      pulled = false
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/**
 * The api against an in-process emulator (strict indexes, demo seed) through a plug:
 * `crashAfter(n, send)` runs one call with the server "dying" right after its n-th
 * database request lands, then brings the server back.
 */
export async function startPluggedApi() {
  skipSdkCloudProbe()
  quietCutOffRequests()
  const clock = fixedClock(NOW)
  const dataDir = await seededDataDir(clock.now(), 'plugged-api-')
  const running = await startEmulator({ port: 0, dataDir, schema: SCHEMA, strictIndexes: true })
  const plug = await startPlug(running.url)
  const app = tcb.init({ env: 'local', serviceUrl: plug.url, secretId: 'local', secretKey: 'local', timeout: 10_000 })
  const wechat = createLocalWechat({ dataDir: mkdtempSync(join(tmpdir(), 'plugged-wechat-')) })
  const api = createApi({ app, wechat, clock, log: silentLogger })
  const db = app.database()

  /**
   * One call that crashes right after its n-th request (1-based) lands; the server is
   * back afterwards, without the transactions that were open (as after a restart).
   */
  async function crashAfter(n: number, send: () => Promise<Envelope>): Promise<Envelope> {
    plug.pullAfter(n - 1)
    try {
      return await send()
    } finally {
      running.emulator.dropTransactions()
      plug.plugIn()
    }
  }

  return {
    ...caller(api),
    api,
    app,
    db,
    _: db.command,
    clock,
    wechat,
    plug,
    emulator: running.emulator,
    crashAfter,
    async close() {
      await plug.close()
      await running.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type PluggedApi = Awaited<ReturnType<typeof startPluggedApi>>
