/**
 * `action({ name, roles, input, run })`: one use case, its input schema beside its
 * handler (as tRPC procedures do). The router — not the handler — resolves the
 * caller, checks roles, validates input and wraps the result.
 *
 * What a handler sees is narrow on purpose: its own community's database, its
 * community's settings, and a few named capabilities. Crossing communities goes
 * through `directory`; files through `storage`; nothing hands out the raw SDK.
 */
import type { z } from 'zod'
import type { AuditFn } from './audit'
import type { Clock } from './clock'
import type { ScopedDb } from './db'
import type { Directory } from './directory'
import type { Logger } from './log'
import type { PhotoChecks } from './media'
import type { RateRule } from './ratelimit'
import type { Membership, Role } from './roles'
import type { Services } from './services'
import type { CommunitySettings } from './settings'
import type { Storage } from './storage'
import type { WechatPort } from './wechat'

export interface Caller {
  /** from the WeChat context only, never from the payload; null when not signed in */
  openid: string | null
  /** the phone's IP from the WeChat context (WX_CLIENTIP); WeChat's risk rank requires it */
  clientIp?: string | null
  communityId: string | null
  roles: ReadonlySet<Role>
  membership: Membership | null
  /** the community the call named, unchecked: set only for an action that `readsOwnMemberships` */
  named?: string | null
}

/** A caller known to be signed in and a member of the current community. */
export interface MemberCaller extends Caller {
  openid: string
  communityId: string
  membership: Membership
}

export interface ActionContext<I> {
  requestId: string
  caller: Caller
  input: I
  clock: Clock
  log: Logger
  wechat: WechatPort
  /** the caller's community; throws FORBIDDEN for a caller without one */
  db: ScopedDb
  /** the caller as a member; throws FORBIDDEN for a caller without membership */
  member: MemberCaller
  /** the community's settings over the defaults, read once per request on first use */
  settings: Promise<CommunitySettings>
  /** writes the audit log, the caller (by member id) as actor */
  audit: AuditFn
  /** photos a member posts go through WeChat's image check (platform/media.ts) */
  photos: PhotoChecks
  storage: Storage
  /** users, communities and a person's memberships across communities: for the few actions that must cross */
  directory: Directory
  /** every action this function serves, as the router runs them (system.describe lists them) */
  catalogue: ReadonlyArray<ActionDef>
}

export interface ActionDef<S extends z.ZodType = z.ZodType, O = unknown, N extends string = string> {
  /** `area.verb`; the area is the folder under modules/ that holds it */
  name: N
  /** one Chinese line for the API reference */
  summary: string
  roles: readonly Role[]
  input: S
  /** a per-user allowance the router takes one call from before `run` (platform/ratelimit) */
  rateLimit?: RateRule
  /**
   * The action reads all of the caller's memberships itself (me.get), so the router
   * does not read the named community's: `caller.named` carries the name, unchecked,
   * and the caller has no community (only for actions open to any signed-in user).
   */
  readsOwnMemberships?: true
  run(ctx: ActionContext<z.output<S>>): Promise<O>
}

/** Declares an action; its literal name types the contract (contract.ts reads the registry's list). */
export function action<N extends string, S extends z.ZodType, O>(def: ActionDef<S, O, N>): ActionDef<S, O, N> {
  return def
}

/** A timer sweeps every community, so it reaches across them; nobody calls it, so it has no caller. */
export interface TimerContext extends Services {
  requestId: string
}

export interface TimerJob {
  name: string
  /** the trigger in config.json that runs it */
  trigger: string
  /**
   * Runs only when a community's alarm has rung (platform/alarms: whoever makes its
   * work due arms it), and unguarded at the catch-up runs (router isCatchUpRun). Its
   * result says `more: true` when it stopped at its batch limit with work left.
   */
  alarmed?: true
  /**
   * Runs only at the catch-up runs: the recovery of work a request finishes itself
   * unless interrupted (a scan's credit, an image check's verdict), so nothing arms
   * an alarm for it and an idle run never looks.
   */
  catchUpOnly?: true
  run(ctx: TimerContext): Promise<Record<string, unknown>>
}

export function timer(job: TimerJob): TimerJob {
  return job
}
