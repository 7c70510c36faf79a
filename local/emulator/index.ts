/**
 * Local CloudBase: the TCB `/admin` API that `@cloudbase/node-sdk` speaks, over
 * LMDB (storage) and mingo (MongoDB semantics). Point the genuine SDK at it:
 *
 *   tcb.init({ env: 'local', serviceUrl: `${url}`, secretId: 'local', secretKey: 'local' })
 *
 * `createEmulator` gives a request handler a gateway can mount beside its own
 * routes; `startEmulator` serves it on a port of its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CollectionSpec } from '../../cloudfunctions/api/src/platform/schema'
import { ACTIONS, type ActionContext, type TcbRequest } from './actions'
import { Database } from './database'
import { EmulatorError } from './errors'
import { errorBody, handleAdmin, handleFiles, sendJson } from './http'
import { newRequestId } from './ids'
import { FileStorage } from './storage'
import { Store } from './store'
import { WaitForTransaction } from './transactions'

export type { CollectionSpec, IndexSpec } from '../../cloudfunctions/api/src/platform/schema'
export { ACTIONS } from './actions'
export type { Action, ActionContext, TcbRequest, TcbResult } from './actions'
export { EmulatorError, type ErrorCode } from './errors'

export interface EmulatorOptions {
  /** LMDB lives here (created if missing) */
  dataDir: string
  /** reject WHERE queries no declared index serves (DATABASE_INDEX_REQUIRED) */
  strictIndexes?: boolean
  /** collections created on open, and the indexes strict mode checks against */
  schema?: CollectionSpec[]
  /** open transactions idle this long are dropped; default 30 s */
  transactionTimeoutMs?: number
  /**
   * CloudBase's own clock, in ms: request times (`db.serverDate()`) and the expiry
   * of file URLs. The real time by default; tests step it to watch a URL expire.
   */
  now?: () => number
}

export interface EmulatorStats {
  /** TCB API calls and file transfers since start or `resetStats()` */
  requests: number
  /** the same, by action name (`database.getDocument`, …; `files.get`, `files.put`) */
  byAction: Record<string, number>
  /** write requests by collection (a commit counts under `(transaction)`), so a test can tell bookkeeping from data */
  writes: Record<string, number>
}

export interface Emulator {
  /** Serves `POST /admin…` and `/files/…`; resolves false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>
  /** One TCB call without HTTP: the response body the SDK would receive. */
  call(request: TcbRequest, origin?: string): Promise<Record<string, unknown>>
  readonly stats: EmulatorStats
  resetStats(): void
  readonly dataDir: string
  /**
   * Ends every open transaction, unwritten, as a restart of the process does (crash
   * tests that cut the connection instead of killing the process call it).
   */
  dropTransactions(): void
  close(): Promise<void>
}

/**
 * Before every request the node-sdk asks whether it runs in Tencent Cloud by
 * fetching http://metadata.tencentyun.com with a 30 ms timeout; off the cloud the
 * lookup fails, is never cached, and costs ~65 ms and two DNS lookups per call.
 * TENCENTCLOUD=true answers the question up front. With `serviceUrl` set it changes
 * nothing else but the X-TCB-Source header, so a process that hosts the emulator
 * (gateway, tests, bench) sets it for the SDK it runs beside it.
 */
export function skipSdkCloudProbe(): void {
  process.env.TENCENTCLOUD ??= 'true'
}

const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc'])

/**
 * Runs an action; when its write must wait for an open transaction that holds a
 * document (WaitForTransaction, thrown before anything was written), waits for
 * that transaction to end and runs the action again from the start.
 */
async function runWaiting<T>(run: () => Promise<T>, name: string, requestId: string): Promise<T> {
  for (;;) {
    try {
      return await run()
    } catch (error) {
      if (!(error instanceof WaitForTransaction)) throw error
      const slow = setTimeout(() => {
        console.warn(
          `[emulator] ${name} ${requestId} waits for open transaction ${error.transactionId}, which wrote the same ` +
            'document (a write outside a transaction waits for it to commit, abort or expire)',
        )
      }, 2000)
      await error.until
      clearTimeout(slow)
    }
  }
}

export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  skipSdkCloudProbe()
  const store = await Store.open(options.dataDir, options.schema ?? [])
  const db = new Database(store, options.strictIndexes ?? false, options.transactionTimeoutMs ?? 30_000)
  const storage = new FileStorage(store, await store.secret())
  const now = options.now ?? Date.now
  const stats: EmulatorStats = { requests: 0, byAction: {}, writes: {} }
  const count = (action: string, collection: unknown) => {
    stats.requests++
    stats.byAction[action] = (stats.byAction[action] ?? 0) + 1
    const target = action === 'database.commitTransaction' ? '(transaction)' : WRITE_ACTIONS.has(action) ? String(collection) : null
    if (target) stats.writes[target] = (stats.writes[target] ?? 0) + 1
  }
  let closed = false

  const call = async (request: TcbRequest, origin = 'http://127.0.0.1', query?: URLSearchParams) => {
    const requestId = newRequestId()
    const name = typeof request.action === 'string' ? request.action : ''
    count(name || '(none)', request.collectionName)
    try {
      const action = ACTIONS[name]
      if (!action) {
        throw new EmulatorError(
          'INVALID_ACTION',
          `the local emulator does not implement action ${JSON.stringify(name)}; ` +
            `it serves ${Object.keys(ACTIONS).join(', ')}`,
        )
      }
      const env = String(request.envName || query?.get('env') || 'local')
      const context: ActionContext = { db, storage, now: now(), env, origin }
      const result = await runWaiting(() => action(request, { ...context, now: now() }), name, requestId)
      // Answer only with what is on disk: no reply may reveal a write a crash could lose.
      await store.settled()
      return { ...result, requestId }
    } catch (error) {
      if (!(error instanceof EmulatorError)) console.error(`[emulator] ${name} ${requestId}`, error)
      return errorBody(error, requestId)
    }
  }

  return {
    stats,
    dataDir: options.dataDir,
    call: (request, origin) => call(request, origin),
    dropTransactions: () => db.transactions.dropAll(),
    resetStats() {
      stats.requests = 0
      stats.byAction = {}
      stats.writes = {}
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://emulator')
      const admin = url.pathname === '/admin' || url.pathname.startsWith('/admin/')
      const files = url.pathname.startsWith('/files/')
      if (!admin && !files) return false
      if (closed) {
        sendJson(res, 503, { code: 'SYS_ERR', message: 'the emulator is closed', requestId: newRequestId() })
        return true
      }
      try {
        if (admin) await handleAdmin(req, res, url, (body, origin, query) => call(body, origin, query))
        else {
          count(req.method === 'PUT' ? 'files.put' : 'files.get', null)
          await handleFiles(req, res, url, storage, store, now())
        }
      } catch (error) {
        console.error('[emulator]', error)
        if (!res.headersSent) sendJson(res, 500, errorBody(error, newRequestId()))
        else res.destroy()
      }
      return true
    },
    async close() {
      if (closed) return
      closed = true
      db.transactions.close()
      await store.close()
    },
  }
}

export interface StartOptions extends EmulatorOptions {
  /** 0 picks a free port */
  port?: number
  host?: string
}

export interface RunningEmulator {
  /** the serviceUrl for `tcb.init`: http://host:port/admin */
  url: string
  /** http://host:port */
  origin: string
  port: number
  emulator: Emulator
  close(): Promise<void>
}

export async function startEmulator({ port = 0, host = '127.0.0.1', ...options }: StartOptions): Promise<RunningEmulator> {
  const emulator = await createEmulator(options)
  const server = createServer((req, res) => {
    emulator.handle(req, res).then((handled) => {
      if (!handled) sendJson(res, 404, { code: 'INVALID_PARAM', message: `no route ${req.method} ${req.url}` })
    })
  })
  // The SDK's keep-alive agent frees idle sockets after 4.8 s; outlive that.
  server.keepAliveTimeout = 10_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const actual = (server.address() as AddressInfo).port
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`
  return {
    url: `${origin}/admin`,
    origin,
    port: actual,
    emulator,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await emulator.close()
    },
  }
}
