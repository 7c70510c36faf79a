/**
 * `action({ name, roles, input, run })`: one use case, its input schema beside its
 * handler (as tRPC procedures do). The router — not the handler — resolves the
 * caller, checks roles, validates input and wraps the result.
 */
import type { z } from 'zod'
import type { CloudBase } from '@cloudbase/node-sdk'
import type { AuditFn } from './audit'
import type { Clock } from './clock'
import type { GlobalDb, RawDb, ScopedDb } from './db'
import type { Logger } from './log'
import type { RateRule } from './ratelimit'
import type { Membership, Role } from './roles'
import type { WechatPort } from './wechat'

export interface Caller {
  /** from the WeChat context only, never from the payload; null when not signed in */
  openid: string | null
  communityId: string | null
  roles: ReadonlySet<Role>
  membership: Membership | null
}

/** A caller known to be signed in and a member of the current community. */
export interface MemberCaller extends Caller {
  openid: string
  communityId: string
  membership: Membership
}

export interface Services {
  app: CloudBase
  raw: RawDb
  global: GlobalDb
  clock: Clock
  wechat: WechatPort
  log: Logger
}

export interface ActionContext<I> extends Services {
  requestId: string
  caller: Caller
  input: I
  /** the caller's community; throws FORBIDDEN for a caller without one */
  db: ScopedDb
  /** the caller as a member; throws FORBIDDEN for a caller without membership */
  member: MemberCaller
  audit: AuditFn
  /** rejects text WeChat's content check flags (CONTENT_REJECTED); nothing is stored before it passes */
  moderate(...texts: Array<string | undefined | null>): Promise<void>
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
  run(ctx: ActionContext<z.output<S>>): Promise<O>
}

/** Declares an action; its literal name types the contract (contract.ts reads the registry's list). */
export function action<N extends string, S extends z.ZodType, O>(def: ActionDef<S, O, N>): ActionDef<S, O, N> {
  return def
}

export interface TimerContext extends Services {
  requestId: string
}

export interface TimerJob {
  name: string
  /** the trigger in config.json that runs it */
  trigger: string
  run(ctx: TimerContext): Promise<Record<string, unknown>>
}

export function timer(job: TimerJob): TimerJob {
  return job
}
