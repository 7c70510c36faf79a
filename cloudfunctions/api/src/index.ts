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
import type { Services } from './platform/action'
import { systemClock, type Clock } from './platform/clock'
import { CrossCommunityDb } from './platform/db'
import { consoleLogger, type Logger } from './platform/log'
import { looksLikeMediaPush } from './platform/media'
import { cloudStorage } from './platform/storage'
import { cloudWechatPort, type WechatPort } from './platform/wechat'
import { ALL_ACTIONS, TIMER_JOBS } from './registry'
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
  const router = new Router(createServices(deps), ALL_ACTIONS, TIMER_JOBS)
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

const isTimer = (event: unknown): event is TimerEvent =>
  !!event && typeof event === 'object' && (event as TimerEvent).Type === 'Timer'

/**
 * Invocation sources (the context's TCB_SOURCE, WeChat's `SOURCE`, a comma-separated
 * chain) a user can originate: the mini-program, DevTools and its local debugging,
 * WeChat's HTTP API and its crawler. A user controls the whole event of such a call,
 * so an event shaped like a timer or a message push is still only a user's call there.
 */
export const USER_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_http', 'wx_crawler'] as const

export type Invocation = 'timer' | 'push' | 'call'

/**
 * What CloudBase invoked the function for. A timer trigger and a WeChat message push
 * carry no `action`; a user's call (`callFunction`) carries whatever the user sent, so
 * the event's shape alone proves nothing: a timer or push shape is honoured only when
 * no hop of the invocation's source is one a user can originate. Anything else goes to
 * `handle`, whose strict event schema refuses an event without `action`.
 *
 * Not verified here (no WeChat in this environment): the SOURCE a cloud-function
 * message push carries. It is not a user source by WeChat's table (`wx_client` is a
 * mini-program's call); `main` logs it with every push so an operator can confirm.
 * Were a crafted push ever to get through, it would still need a trace id, which only
 * WeChat and the database know (platform/media.ts).
 */
export function classifyInvocation(event: unknown, ctx: { TCB_SOURCE?: unknown; WX_OPENID?: unknown }): Invocation {
  // The SDK's older context format splits a comma-separated value into an array: both are read as the chain.
  const source = Array.isArray(ctx.TCB_SOURCE) ? ctx.TCB_SOURCE.join(',') : ctx.TCB_SOURCE
  const hops = typeof source === 'string' ? source.split(',').map((h) => h.trim()) : []
  const fromUser = hops.some((h) => (USER_SOURCES as readonly string[]).includes(h))
  if (fromUser) return 'call'
  // A timer is nobody's: one that names a WeChat user is a call, whatever its source says.
  if (isTimer(event)) return ctx.WX_OPENID ? 'call' : 'timer'
  if (looksLikeMediaPush(event) && !('action' in (event as object))) return 'push'
  return 'call'
}

export async function main(event: unknown, context: unknown): Promise<unknown> {
  production ??= createApi({ app: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }) })
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<string, string | string[] | undefined>
  const kind = classifyInvocation(event, ctx)
  if (kind === 'timer') return production.runTimer((event as TimerEvent).TriggerName)
  if (kind === 'push') {
    const out = await production.push(event)
    consoleLogger({ fn: 'api' }).info('message push', { source: ctx.TCB_SOURCE ?? null, outcome: out.outcome })
    // A failure is thrown so the invocation fails (and WeChat may deliver again); the handler is idempotent.
    if (out.outcome === 'failed') throw new Error(`message push failed (${out.requestId})`)
    return 'success'
  }
  return production.handle(event, { openid: typeof ctx.WX_OPENID === 'string' && ctx.WX_OPENID ? ctx.WX_OPENID : null })
}

/**
 * The SDK instance this bundle carries, pointed wherever the caller says: the local
 * gateway and tests pass the emulator's `serviceUrl`; production never calls this.
 */
export function initCloudbase(config: Parameters<typeof tcb.init>[0]): CloudBase {
  return tcb.init(config)
}

export { ALL_ACTIONS, TIMER_JOBS }
export { fixedClock, systemClock } from './platform/clock'
export { SCHEMA } from './platform/schema'
export { silentLogger, consoleLogger } from './platform/log'
export type { Envelope, Identity } from './router'
export type { WechatPort } from './platform/wechat'
