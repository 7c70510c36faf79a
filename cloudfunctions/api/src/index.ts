/**
 * The one deployable cloud function.
 *
 * `main` is what CloudBase invokes: the caller's openid comes only from the WeChat
 * context CloudBase injects, never from the event. `createApi` builds the core whose
 * `handle(event, identity)` the local gateway calls with the persona chosen on the
 * dev login page; a forged header can therefore never reach production code.
 */
import tcb, { type CloudBase } from '@cloudbase/node-sdk'
import type { Services } from './platform/action'
import { systemClock, type Clock } from './platform/clock'
import { GlobalDb } from './platform/db'
import { consoleLogger, type Logger } from './platform/log'
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
  router: Router
}

export function createApi(deps: ApiDeps): Api {
  const raw = deps.app.database()
  const services: Services = {
    app: deps.app,
    raw,
    global: new GlobalDb(raw),
    clock: deps.clock ?? systemClock,
    wechat: deps.wechat ?? cloudWechatPort(deps.app),
    log: deps.log ?? consoleLogger({ fn: 'api' }),
  }
  const router = new Router(services, ALL_ACTIONS, TIMER_JOBS)
  return {
    router,
    handle: (event, identity) => router.handle(event, identity),
    runTimer: (trigger) => router.runTimer(trigger),
  }
}

let production: Api | undefined

interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
}

const isTimer = (event: unknown): event is TimerEvent =>
  !!event && typeof event === 'object' && (event as TimerEvent).Type === 'Timer'

export async function main(event: unknown, context: unknown): Promise<unknown> {
  production ??= createApi({ app: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }) })
  if (isTimer(event)) return production.runTimer(event.TriggerName)
  const { WX_OPENID } = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0])
  return production.handle(event, { openid: WX_OPENID || null })
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
