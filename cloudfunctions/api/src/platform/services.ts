/**
 * What the function is built from (index.ts createServices): platform code only.
 * Handlers get a narrower `ActionContext` (platform/action.ts); timers and WeChat's
 * pushes get these and a request id.
 */
import type { Clock } from './clock'
import type { CrossCommunityDb } from './db'
import type { Logger } from './log'
import type { Storage } from './storage'
import type { WechatPort } from './wechat'

export interface Services {
  crossCommunity: CrossCommunityDb
  storage: Storage
  clock: Clock
  wechat: WechatPort
  log: Logger
}
