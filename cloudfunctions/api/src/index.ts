/**
 * The one deployable cloud function.
 *
 * `main` is what CloudBase invokes, for three kinds of invocation (`classifyInvocation`):
 * a user's call (`{ action, payload }`), a timer trigger, and a WeChat message push
 * (`wxa_media_check`, an image check's verdict). For a call, the caller's openid comes
 * only from the WeChat context CloudBase injects, never from the event. `createApi` builds the core whose
 * `handle(event, identity)` the local gateway calls with the persona chosen on the
 * dev login page; a forged header can therefore never reach production code.
 */
import tcb, { type CloudBase } from '@cloudbase/node-sdk'
import functionConfig from '../config.json'
import { systemClock, type Clock } from './platform/clock'
import { CrossCommunityDb } from './platform/db'
import { consoleLogger, type Logger } from './platform/log'
import { looksLikeMediaPush } from './platform/media'
import type { Services } from './platform/services'
import { cloudStorage } from './platform/storage'
import { cloudWechatPort, type WechatPort } from './platform/wechat'
import { allActions, CATALOGUE } from './registry'
import { Router, type Envelope, type Identity } from './router'

export interface ApiDeps {
  app: CloudBase
  wechat?: WechatPort
  clock?: Clock
  log?: Logger
}

export interface Api {
  handle(event: unknown, identity: Identity): Promise<Envelope>
  runTimer(trigger: string): Promise<Record<string, unknown>>
  /** a WeChat message push (wxa_media_check); never reached by a user's call */
  push(event: unknown): ReturnType<Router['handlePush']>
  router: Router
}

/** The capabilities the router hands out, built once from the CloudBase app; nothing else holds the app. */
export function createServices(deps: ApiDeps): Services {
  return {
    crossCommunity: new CrossCommunityDb(deps.app.database()),
    storage: cloudStorage(deps.app),
    clock: deps.clock ?? systemClock,
    wechat: deps.wechat ?? cloudWechatPort(deps.app),
    log: deps.log ?? consoleLogger({ fn: 'api' }),
  }
}

export function createApi(deps: ApiDeps): Api {
  const router = new Router(createServices(deps), CATALOGUE)
  return {
    router,
    handle: (event, identity) => router.handle(event, identity),
    runTimer: (trigger) => router.runTimer(trigger),
    push: (event) => router.handlePush(event),
  }
}

let production: Api | undefined

interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
}

const isTimerShaped = (event: unknown): event is TimerEvent =>
  !!event && typeof event === 'object' && (event as TimerEvent).Type === 'Timer'

/**
 * Invocation sources (the context's TCB_SOURCE, WeChat's `SOURCE`, a comma-separated
 * chain of hops) a user can originate: the mini-program, DevTools and its local
 * debugging, WeChat's HTTP API and its crawler. A user controls the whole event of
 * such a call, so an event shaped like a timer or a push is still only a user's call.
 */
export const USER_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_http', 'wx_crawler'] as const

/** The source WeChat documents for a cloud function's timer trigger (getWXContext: 云函数定时触发器调用). */
export const TIMER_SOURCE = 'wx_trigger'

/** The timer triggers this function declares (config.json): the only `TriggerName`s a timer may carry. */
export const TRIGGER_NAMES: readonly string[] = functionConfig.triggers.map((t) => t.name)

/**
 * The sources a WeChat message push (消息推送, an image check's verdict) is honoured
 * from, set per deployment in `WX_PUSH_SOURCES` (comma-separated). WeChat documents no
 * SOURCE value for a push to a cloud function, so none is assumed: until an operator
 * reads the source from the `invocation refused` log line of the first real verdict
 * and sets it, pushes are refused, never guessed into trust. A user source can never be
 * configured as one.
 */
export function pushSources(env: Record<string, string | undefined> = process.env): string[] {
  return (env.WX_PUSH_SOURCES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !(USER_SOURCES as readonly string[]).includes(s))
}

export type Invocation = 'timer' | 'push' | 'call'

/** The hops of the invocation's source chain; the SDK's older context format gives them as an array. */
export function sourceHops(ctx: { TCB_SOURCE?: unknown }): string[] {
  const source = Array.isArray(ctx.TCB_SOURCE) ? ctx.TCB_SOURCE.join(',') : ctx.TCB_SOURCE
  return typeof source === 'string' && source ? source.split(',').map((h) => h.trim()) : []
}

/**
 * What CloudBase invoked the function for, by an allowlist of genuine sources, never
 * by the event's shape alone:
 * - a timer: a `Type: 'Timer'` event whose source is exactly WeChat's timer source,
 *   naming one of config.json's triggers, with no WeChat user in the context;
 * - a push: an image-check verdict (no `action`) whose source is exactly one of the
 *   configured push sources;
 * - anything else is a call, and `handle`'s strict event schema refuses whatever has
 *   no `action` — so a forged timer or push, from a user or from an unknown, web,
 *   HTTP or missing source, is answered INVALID_ARGUMENT and runs nothing.
 */
export function classifyInvocation(
  event: unknown,
  ctx: { TCB_SOURCE?: unknown; WX_OPENID?: unknown },
  allowedPushSources: readonly string[] = pushSources(),
): Invocation {
  const hops = sourceHops(ctx)
  const only = hops.length === 1 ? hops[0] : null
  if (isTimerShaped(event)) {
    const genuine = only === TIMER_SOURCE && !ctx.WX_OPENID && TRIGGER_NAMES.includes(event.TriggerName)
    return genuine ? 'timer' : 'call'
  }
  if (looksLikeMediaPush(event) && !('action' in (event as object))) {
    return only !== null && allowedPushSources.includes(only) ? 'push' : 'call'
  }
  return 'call'
}

const wechatOpenid = (ctx: Record<string, unknown>) => (typeof ctx.WX_OPENID === 'string' && ctx.WX_OPENID ? ctx.WX_OPENID : null)
/** The caller's IP as WeChat injects it (getWXContext's CLIENTIP, or CLIENTIPV6). */
const wechatClientIp = (ctx: Record<string, unknown>) => [ctx.WX_CLIENTIP, ctx.WX_CLIENTIPV6].find((ip): ip is string => typeof ip === 'string' && ip !== '') ?? null

export async function main(event: unknown, context: unknown): Promise<unknown> {
  production ??= createApi({ app: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }) })
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<string, string | string[] | undefined>
  const log = consoleLogger({ fn: 'api' })
  const kind = classifyInvocation(event, ctx)
  if (kind === 'timer') return production.runTimer((event as TimerEvent).TriggerName)
  if (kind === 'push') {
    const out = await production.push(event)
    log.info('message push', { source: ctx.TCB_SOURCE ?? null, outcome: out.outcome })
    // A failure is thrown so the invocation fails (and WeChat may deliver again); the handler is idempotent.
    if (out.outcome === 'failed') throw new Error(`message push failed (${out.requestId})`)
    return 'success'
  }
  if (isTimerShaped(event) || (looksLikeMediaPush(event) && !('action' in (event as object)))) {
    // Logged so an operator can read the source a genuine push or timer really carries.
    log.info('invocation refused', { shape: isTimerShaped(event) ? 'timer' : 'push', source: ctx.TCB_SOURCE ?? null })
  }
  return production.handle(event, { openid: wechatOpenid(ctx), clientIp: wechatClientIp(ctx) })
}

/**
 * The SDK instance this bundle carries, pointed wherever the caller says: the local
 * gateway and tests pass the emulator's `serviceUrl`; production never calls this.
 */
export function initCloudbase(config: Parameters<typeof tcb.init>[0]): CloudBase {
  return tcb.init(config)
}

export { allActions }
export { fixedClock, systemClock } from './platform/clock'
export { SCHEMA } from './platform/schema'
export { silentLogger, consoleLogger } from './platform/log'
export type { Envelope, Identity } from './router'
export type { WechatPort } from './platform/wechat'
