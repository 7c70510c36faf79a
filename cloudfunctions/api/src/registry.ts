/** Every action and timer job the `api` function serves. New modules register here. */
import type { ActionDef, TimerJob } from './platform/action'
import { getMe } from './modules/me'
import { closePublicity, listNotices } from './modules/notices'
import { describeAction, ping } from './modules/system'

const describe = describeAction(() => ALL_ACTIONS)

/** Keyed by action name; the contract's types are read from this object. */
export const registry = {
  'system.ping': ping,
  'system.describe': describe,
  'me.get': getMe,
  'notice.list': listNotices,
} as const

export const ALL_ACTIONS: ReadonlyArray<ActionDef> = Object.values(registry) as unknown as ActionDef[]

export const TIMER_JOBS: ReadonlyArray<TimerJob> = [closePublicity]
