/**
 * The local CloudBase on one port: the H5 app at `/`, actions at `POST /api`, the
 * emulator at `/admin` and `/files/`, dev pages (persona login, outbox), the timer
 * triggers of the function's config.json and the local clock (`/dev/clock`).
 *
 * A development tool, not a server: it listens on 127.0.0.1 unless told otherwise,
 * and what a web page the developer happens to visit could reach (cross-site
 * requests) changes nothing: the TCB API and the clock take only JSON, uploads
 * need the persona header, and files open only through signed, expiring URLs.
 *
 * The `api` it serves is the built bundle (cloudfunctions/api/index.js) — what we
 * deploy is what runs here — with its genuine SDK pointed at this same port.
 */
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { uploaderOf } from '../../cloudfunctions/api/src/platform/files'
import { createEmulator, skipSdkCloudProbe, type Emulator } from '../emulator'
import { isJson } from '../emulator/http'
import { createLocalWechat, type LocalWechat, type MediaPushTiming } from '../wechat'
import { PERSONAS, DEMO_COMMUNITY } from '../seed/data'
import { seedDemo } from '../seed'
import { loginPage, outboxPage } from './devpages'
import { localClock, parseClockChange, type Clock, type LocalClock } from './clock'
import { firesBetween, parseCron } from './cron'
import { MIME, serveStatic } from './static'

export const ROOT = resolve(__dirname, '../..')
export const API_BUNDLE = join(ROOT, 'cloudfunctions/api/index.js')
const FUNCTION_CONFIG = join(ROOT, 'cloudfunctions/api/config.json')

/* eslint-disable @typescript-eslint/no-explicit-any */
type ApiModule = typeof import('../../cloudfunctions/api/src/index')
type Api = ReturnType<ApiModule['createApi']>

export interface GatewayOptions {
  port?: number
  host?: string
  dataDir: string
  /** the built H5 app; `/` answers 503 with a hint when it is missing */
  h5Dir?: string
  strictIndexes?: boolean
  seed?: boolean
  /** run the timer triggers of config.json on their schedule */
  timers?: boolean
  /** defaults to the built bundle; tests may pass the TypeScript source module */
  apiModule?: ApiModule
  /** the time the local clock follows (the real time by default); /dev/clock moves the local clock from it */
  clock?: Clock
  quiet?: boolean
  /** when the local WeChat delivers image-check verdicts: a delay in ms (default 1000) or 'manual' (POST /dev/media-checks/flush) */
  mediaPushTiming?: MediaPushTiming
}

/**
 * The database another process serves (`npm run emulator`, or a bench's child
 * process), as CloudBase's is another machine than the function's: its origin,
 * http://host:port. The gateway then serves neither /admin nor /files.
 */
export interface ElsewhereOptions {
  emulatorOrigin: string
}

export interface RemoteDbGateway {
  url: string
  port: number
  api: Api
  app: any
  wechat: LocalWechat
  /** what the api, the timers and the H5 app read */
  clock: LocalClock
  close(): Promise<void>
}

export interface Gateway extends RemoteDbGateway {
  emulator: Emulator
}


export function loadApiBundle(): ApiModule {
  if (!existsSync(API_BUNDLE)) throw new Error('找不到 cloudfunctions/api/index.js，请先运行 npm run build:api')
  return require(API_BUNDLE) as ApiModule
}

const readBody = async (req: http.IncomingMessage, limit = 1 << 20) => (await readRaw(req, limit)).toString('utf8')

function readRaw(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(Object.assign(new Error('body too large'), { status: 413 }))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

const refuse = (res: http.ServerResponse, status: number, code: string, message: string) =>
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }))

const personaOf = (req: http.IncomingMessage): string | null => {
  const openid = req.headers['x-dev-openid']
  return typeof openid === 'string' && openid ? openid : null
}

/** Browsers name the site a request comes from; another site's page gets no file URLs from us. */
const fromAnotherSite = (req: http.IncomingMessage) => req.headers['sec-fetch-site'] === 'cross-site'


export async function startGateway(opts: GatewayOptions & ElsewhereOptions): Promise<RemoteDbGateway>
export async function startGateway(opts: GatewayOptions): Promise<Gateway>
export async function startGateway(opts: GatewayOptions & Partial<ElsewhereOptions>): Promise<Gateway | RemoteDbGateway> {
  const host = opts.host ?? '127.0.0.1'
  const mod = opts.apiModule ?? loadApiBundle()
  const clock = localClock(opts.clock)
  skipSdkCloudProbe()
  const emulator = opts.emulatorOrigin
    ? null
    : await createEmulator({
        dataDir: join(opts.dataDir, 'db'),
        strictIndexes: opts.strictIndexes ?? false,
        schema: mod.SCHEMA,
      })
  // Image-check verdicts are pushed a second after each submission, as WeChat's (seconds, up to 30 minutes) would be.
  const wechat = createLocalWechat({ dataDir: opts.dataDir, mediaPushTiming: opts.mediaPushTiming ?? 1000 })
  // /api and the timers answer once the function is initialised against this very port.
  const ready: { api?: Api } = {}
  // eslint-disable-next-line prefer-const -- assigned once the server listens (the SDK needs its URL)
  let app: any
  let timers: Timers = NO_TIMERS
  const personas = PERSONAS.map(({ openid, name, role, label }) => ({ openid, name, role, label }))

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    try {
      if (emulator && (await emulator.handle(req, res))) return
      if (url.pathname === '/api') {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '请用 POST 调用' } }))
        let event: unknown
        try {
          event = JSON.parse(await readBody(req))
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '请求体不是有效的 JSON' } }))
        }
        if (!ready.api) return send(res, 503, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '服务正在启动，请稍候' } }))
        const envelope = await ready.api.handle(event, { openid: personaOf(req), clientIp: req.socket.remoteAddress ?? null })
        return send(res, 200, JSON.stringify(envelope))
      }
      // H5 stand-ins for wx.cloud.uploadFile and for showing a cloud:// file in <img>.
      if (url.pathname === '/dev/upload' && req.method === 'POST') return await upload(req, res, url)
      if (url.pathname === '/dev/file' && (req.method === 'GET' || req.method === 'HEAD')) return await redirectToFile(req, res, url)
      if (url.pathname === '/dev/clock') return await moveClock(req, res)
      if (url.pathname === '/dev/personas') return send(res, 200, JSON.stringify(personas))
      if (url.pathname === '/dev/login') return send(res, 200, loginPage(PERSONAS, DEMO_COMMUNITY.name), MIME['.html'])
      if (url.pathname === '/dev/outbox') {
        return url.searchParams.get('format') === 'json'
          ? send(res, 200, JSON.stringify(wechat.outbox()))
          : send(res, 200, outboxPage(wechat.outbox()), MIME['.html'])
      }
      if (url.pathname === '/dev/media-checks') return send(res, 200, JSON.stringify(wechat.mediaChecks()))
      if (url.pathname === '/dev/media-checks/flush' && req.method === 'POST') return send(res, 200, JSON.stringify(await wechat.flushMediaChecks()))
      const timerMatch = /^\/dev\/timers\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
      if (timerMatch && req.method === 'POST' && ready.api) return send(res, 200, JSON.stringify(await ready.api.runTimer(timerMatch[1])))
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(opts.h5Dir, req, url.pathname, res)
      send(res, 404, JSON.stringify({ error: 'not found' }))
    } catch (err) {
      if (!opts.quiet) console.error('gateway error', err)
      if (!res.headersSent) send(res, (err as { status?: number }).status ?? 500, JSON.stringify({ error: 'gateway error' }))
    }
  })
  /**
   * What CloudBase's storage rules and the function's checks allow a mini-program:
   * a signed-in person writes only into their own place (platform/files.ts) in a
   * community they belong to. The persona header, like /api's, is one a cross-site
   * page cannot send without the browser asking us first.
   */
  const upload = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const openid = personaOf(req)
    if (!openid) return refuse(res, 401, 'UNAUTHENTICATED', '请先选择一个演示身份再上传')
    if (!ready.api) return refuse(res, 503, 'INTERNAL', '服务正在启动，请稍候')
    const cloudPath = url.searchParams.get('cloudPath') ?? ''
    const place = uploaderOf(cloudPath)
    if (!place) return refuse(res, 400, 'INVALID_ARGUMENT', '文件路径不正确')
    const me = await ready.api.handle({ action: 'me.get', payload: {}, communityId: place.communityId }, { openid })
    const current = me.ok ? (me.data as { current: { communityId: string; memberId: string } | null }).current : null
    if (current?.communityId !== place.communityId || current.memberId !== place.memberId) {
      return refuse(res, 403, 'FORBIDDEN', '只能上传到自己在本社区的文件夹')
    }
    const body = await readRaw(req, 10 << 20)
    const uploaded = await app.uploadFile({ cloudPath, fileContent: body })
    send(res, 200, JSON.stringify({ fileID: uploaded.fileID }))
  }
  /** Where the H5 app's <img> finds a cloud:// file: a fresh temporary URL, as WeChat's Image fetches one. */
  const redirectToFile = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (fromAnotherSite(req)) return refuse(res, 403, 'FORBIDDEN', '不向其他网站提供文件')
    const fileID = url.searchParams.get('fileID') ?? ''
    if (!fileID.startsWith('cloud://')) return send(res, 400, JSON.stringify({ error: 'fileID' }))
    const r = await app.getTempFileURL({ fileList: [fileID] })
    const target = (r.fileList[0] as { tempFileURL?: string } | undefined)?.tempFileURL
    if (!target) return send(res, 404, JSON.stringify({ error: 'not found' }))
    res.writeHead(302, { location: target, 'cache-control': 'no-store' })
    res.end()
  }
  /** GET: what time the local world thinks it is; POST (JSON only): move it. */
  const moveClock = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const state = () => JSON.stringify({ now: clock.now().toISOString(), offsetMs: clock.offsetMs() })
    if (req.method === 'GET' || req.method === 'HEAD') return send(res, 200, state())
    if (req.method !== 'POST') return refuse(res, 405, 'INVALID_ARGUMENT', '请用 GET 读取或 POST 调整本地时钟')
    if (!isJson(req)) {
      req.resume()
      return refuse(res, 415, 'INVALID_ARGUMENT', '请以 Content-Type: application/json 发送')
    }
    let body: unknown
    try {
      body = JSON.parse(await readBody(req, 4096))
    } catch {
      return refuse(res, 400, 'INVALID_ARGUMENT', '请求体不是有效的 JSON')
    }
    const change = parseClockChange(body, new Date(clock.now().getTime() - clock.offsetMs()))
    if ('error' in change) return refuse(res, 400, 'INVALID_ARGUMENT', change.error)
    if ('advanceMs' in change) clock.advance(change.advanceMs)
    else if ('set' in change) clock.set(change.set)
    else clock.reset()
    // Timers due by the new time run now, not at the next tick.
    timers.tick()
    send(res, 200, state())
  }

  server.keepAliveTimeout = 65_000
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 10086, host, () => ok())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  app = mod.initCloudbase({
    env: 'local',
    serviceUrl: `${opts.emulatorOrigin ?? url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  } as any)
  const api = mod.createApi({ app, wechat, clock, ...(opts.quiet ? { log: mod.silentLogger } : {}) })

  ready.api = api
  // WeChat's message push, simulated: the local port hands its pushes to the push entry, never to /api.
  wechat.connectPush((event) => api.push(event))

  if (opts.seed ?? true) await seedDemo(app, clock.now())

  timers = opts.timers ? scheduleTimers(api, clock, opts.quiet) : NO_TIMERS

  const served: RemoteDbGateway = {
    url,
    port,
    api,
    app,
    wechat,
    clock,
    async close() {
      timers.stop()
      server.closeAllConnections?.()
      await new Promise<void>((ok) => server.close(() => ok()))
      await emulator?.close()
    },
  }
  return emulator ? { ...served, emulator } : served
}

interface Timers {
  /** runs every timer whose schedule fell between the last look at the clock and now */
  tick(): void
  stop(): void
}

const NO_TIMERS: Timers = { tick: () => {}, stop: () => {} }

/**
 * The timer triggers of config.json on the local clock: a look every second, and one
 * more whenever /dev/clock moves it, so advancing past a deadline runs its timer once.
 */
function scheduleTimers(api: Api, clock: Clock, quiet?: boolean): Timers {
  const config = JSON.parse(readFileSync(FUNCTION_CONFIG, 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> }
  const triggers = (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: t.name, matches: parseCron(t.config) }))
  let last = clock.now()
  const tick = () => {
    const now = clock.now()
    for (const t of triggers) {
      if (!firesBetween(t.matches, last, now)) continue
      api.runTimer(t.name).then(
        (r) => !quiet && Object.keys(r).length > 0 && console.log(`[timer] ${t.name}`, JSON.stringify(r)),
        (e) => console.error(`[timer] ${t.name} failed`, e),
      )
    }
    last = now
  }
  const interval = setInterval(tick, 1000)
  interval.unref()
  return { tick, stop: () => clearInterval(interval) }
}
