/**
 * The router: event → caller → membership and roles → role check → input
 * validation → screening (own files, allowances, WeChat's text check) → handler →
 * envelope. Handlers never see an unvalidated payload, an unchecked text or an
 * unscoped database, and an unexpected error never leaks a stack or a document.
 */
import { z } from 'zod'
import type { ActionContext, ActionDef, Caller, MemberCaller, TimerJob } from './platform/action'
import { FREQUENT_MS, rungAlarms, silence, type Alarm } from './platform/alarms'
import { auditWriter } from './platform/audit'
import type { ScopedDb } from './platform/db'
import { Directory, membershipOf, type UserDoc } from './platform/directory'
import { AppError, forbidden, invalid, notFound, unauthenticated, type ErrorCode } from './platform/errors'
import { ownsFile } from './platform/files'
import { newRequestId } from './platform/log'
import { handleMediaCheckPush, photoChecks, type PushOutcome } from './platform/media'
import { checkTexts } from './platform/moderation'
import { RATE, rateSubject, takeRate, type RateRule } from './platform/ratelimit'
import { effectiveRoles, ROLE_LABELS } from './platform/roles'
import type { Services } from './platform/services'
import { withDefaults, type CommunitySettings } from './platform/settings'
import { chinaHour } from './platform/time'
import { describeZodError, id, marked, moderatedText, ownFile } from './platform/validation'

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } }

const eventSchema = z.strictObject({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  /** the community the client acts in; membership is checked, never trusted */
  communityId: id.optional(),
  /**
   * What WeChat injects into a mini-program's call (`{ appId, openId }`; an HTTP API
   * call gets `{ appId }`). Accepted so production calls pass the strict check, and
   * never read: identity is the context's WX_OPENID alone.
   */
  userInfo: z.unknown().optional(),
})

/** How often a timer run also runs the alarmed jobs whatever their alarms say, and the catch-up-only jobs (China time 00:00, 06:00, 12:00, 18:00). */
export const CATCH_UP_HOURS = 6

/**
 * The run of the 10-minute trigger that opens hour 0, 6, 12 or 18 (China time) is a
 * catch-up: four a day, so a lost alarm or a half-done request waits at most 6 hours.
 */
export const isCatchUpRun = (now: Date) => chinaHour(now) % CATCH_UP_HOURS === 0 && now.getUTCMinutes() < FREQUENT_MS / 60_000

export interface Identity {
  openid: string | null
  /** the phone's IP as WeChat reports it (WX_CLIENTIP), for risk checks that require it */
  clientIp?: string | null
}

/**
 * What a router serves. The function's (registry.ts) loads an area's code on the
 * first call of one of its actions, so the router asks for one action by name.
 */
export interface Catalogue {
  /** undefined when no such action exists */
  action(name: string): ActionDef | undefined
  actions(): readonly ActionDef[]
  timers(): readonly TimerJob[]
}

/** A catalogue of these actions and jobs alone (a test's own). */
export function catalogueOf(defs: ReadonlyArray<ActionDef>, timers: ReadonlyArray<TimerJob> = []): Catalogue {
  const byName = new Map<string, ActionDef>()
  for (const def of defs) {
    if (byName.has(def.name)) throw new Error(`duplicate action ${def.name}`)
    byName.set(def.name, def)
  }
  return { action: (name) => byName.get(name), actions: () => [...byName.values()], timers: () => timers }
}

export class Router {
  constructor(
    private readonly services: Services,
    private readonly catalogue: Catalogue,
  ) {}

  list(): ActionDef[] {
    return [...this.catalogue.actions()]
  }

  async handle(event: unknown, identity: Identity): Promise<Envelope> {
    const requestId = newRequestId()
    const started = Date.now()
    let actionName = '?'
    try {
      const parsed = eventSchema.safeParse(event)
      if (!parsed.success) throw invalid(`请求格式不对：${describeZodError(parsed.error)}`)
      actionName = parsed.data.action
      const def = this.catalogue.action(actionName)
      if (!def) throw notFound(`没有「${actionName}」这个操作`)

      const caller = await this.resolveCaller(identity, parsed.data.communityId, def)
      this.authorize(def, caller)

      const input = def.input.safeParse(parsed.data.payload ?? {})
      if (!input.success) throw invalid(describeZodError(input.error))
      await this.screen(def, caller, input.data, requestId)

      const data = await def.run(this.context(def, caller, input.data, requestId))
      this.services.log.info('action', { requestId, action: actionName, ms: Date.now() - started })
      return { ok: true, data: data === undefined ? null : data }
    } catch (err) {
      return this.fail(err, requestId, actionName)
    }
  }

  /**
   * A CloudBase timer trigger fired: run every job bound to it, each isolated from the
   * others. Alarmed jobs run only when an alarm has rung (one read when none has);
   * every CATCH_UP_HOURS one run (isCatchUpRun) runs them unguarded, with the
   * catch-up-only jobs, for work whose alarm a crash kept from being armed and work an
   * interrupted request left half-done (platform/alarms).
   */
  async runTimer(trigger: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    const now = this.services.clock.now()
    const jobs = this.catalogue.timers().filter((j) => j.trigger === trigger)
    const catchUp = isCatchUpRun(now)
    let rung: Alarm[] = []
    if (jobs.some((j) => j.alarmed)) {
      try {
        rung = await rungAlarms(this.services.crossCommunity, now)
      } catch (err) {
        // Unable to tell: sweep as if it had rung rather than miss a deadline.
        this.services.log.error('timer alarm unread', { trigger, error: String((err as Error)?.stack ?? err) })
        out.alarm = { error: 'failed' }
      }
    }
    const ringing = rung.length > 0 || !!out.alarm || catchUp
    let finished = true
    for (const job of jobs) {
      if ((job.alarmed && !ringing) || (job.catchUpOnly && !catchUp)) {
        out[job.name] = { idle: true }
        continue
      }
      const requestId = newRequestId()
      try {
        out[job.name] = await job.run({ ...this.services, requestId })
        if ((out[job.name] as { more?: boolean }).more) finished = false
        this.services.log.info('timer', { requestId, job: job.name, result: out[job.name] })
      } catch (err) {
        finished = false
        out[job.name] = { error: 'failed', requestId }
        this.services.log.error('timer failed', { requestId, job: job.name, error: String((err as Error)?.stack ?? err) })
      }
    }
    // Rung moments come off only once every alarmed job has done all it found.
    if (rung.length && finished) await silence(this.services.crossCommunity, rung, now)
    return out
  }

  /**
   * A WeChat message push (today: `wxa_media_check`, the verdict of an image check).
   * Not an action: no caller, no roles, no envelope. Only `main` reaches this, and only
   * for an invocation that is not a user's call (index.ts `classifyInvocation`); the
   * local WeChat port delivers its simulated pushes here too. `handle` never does: its
   * event schema requires `action` and rejects every other key.
   */
  async handlePush(event: unknown): Promise<PushOutcome | { outcome: 'failed'; requestId: string }> {
    const requestId = newRequestId()
    try {
      const out = await handleMediaCheckPush({ ...this.services, requestId }, event)
      this.services.log.info('push', { requestId, ...out })
      return out
    } catch (err) {
      this.services.log.error('push failed', { requestId, error: String((err as Error)?.stack ?? err) })
      return { outcome: 'failed', requestId }
    }
  }

  private async resolveCaller(identity: Identity, requested: string | undefined, def: ActionDef): Promise<Caller> {
    const openid = identity.openid || null
    const clientIp = identity.clientIp || null
    const anonymous: Caller = { openid, clientIp, communityId: null, roles: effectiveRoles(null, !!openid), membership: null }
    if (!openid) return anonymous
    // Actions open to any signed-in user skip the membership read unless a community was named.
    const needsMembership = !def.roles.every((r) => r === 'public' || r === 'user')
    if (!needsMembership && !requested) return anonymous
    if (!needsMembership && def.readsOwnMemberships) return { ...anonymous, named: requested ?? null }

    const cross = this.services.crossCommunity
    let communityId = requested ?? null
    if (!communityId) {
      const user = await cross.collection<UserDoc>('users').get(openid)
      communityId = user?.currentCommunityId ?? null
    }
    if (!communityId) return anonymous
    const active = await membershipOf(cross, communityId, openid)
    return { openid, clientIp, communityId: active ? communityId : null, roles: effectiveRoles(active, true), membership: active }
  }

  private authorize(def: ActionDef, caller: Caller) {
    if (def.roles.some((r) => caller.roles.has(r))) return
    if (!caller.openid) throw unauthenticated()
    if (!caller.membership) {
      throw forbidden(caller.roles.has('user') ? '你还不是本社区成员，请先加入社区' : undefined)
    }
    const needed = def.roles.map((r) => ROLE_LABELS[r]).join('或')
    if (def.roles.includes('verified') && !caller.roles.has('verified')) {
      throw forbidden(`需要${needed}才能进行这个操作，请等待居委会或楼栋长确认你的住户信息`)
    }
    throw forbidden(`需要${needed}身份才能进行这个操作`)
  }

  /**
   * Before the handler: files attached as the caller's own must lie in the caller's own
   * place in storage; the call is counted against the caller's allowances (the action's
   * own, and the content check's whenever a text goes to WeChat); then every text the
   * input declares as one a person writes for others goes to WeChat's check, and only a
   * clean pass lets the handler run. In this order, so a foreign file costs nothing and
   * nothing reaches WeChat past the allowance.
   */
  private async screen(def: ActionDef, caller: Caller, input: unknown, requestId: string) {
    const files = marked(ownFile, def.input, input).map((m) => String(m.value))
    if (files.length > 0) {
      if (!caller.communityId || !caller.membership) throw forbidden('请先加入社区，再上传图片')
      const { communityId, membership } = caller
      if (!files.every((f) => ownsFile(f, communityId, membership._id))) throw forbidden('只能使用你自己上传的图片，请重新选择图片')
    }
    const texts = marked(moderatedText, def.input, input).flatMap(({ value, meta }) =>
      typeof value === 'string' && value.trim() ? [{ text: value, scene: meta.scene }] : [],
    )
    const rules = new Map<string, RateRule>()
    if (def.rateLimit) rules.set(def.rateLimit.bucket, def.rateLimit)
    if (texts.length > 0) rules.set(RATE.contentCheck.bucket, RATE.contentCheck)
    if (rules.size > 0 && caller.openid) {
      const subject = rateSubject(caller.openid)
      for (const rule of rules.values()) await takeRate(this.services.crossCommunity, rule, subject, this.services.clock.now())
    }
    if (texts.length === 0) return
    // WeChat checks a text as a user's: without one there is nobody to check it for.
    if (!caller.openid) throw unauthenticated()
    await checkTexts(this.services, caller.openid, texts, { requestId, action: def.name })
  }

  private context<I>(def: ActionDef, caller: Caller, input: I, requestId: string): ActionContext<I> {
    const { crossCommunity, clock, wechat, log, storage } = this.services
    const directory = new Directory(crossCommunity, clock)
    let db: ScopedDb | undefined
    let settings: Promise<CommunitySettings> | undefined
    const scoped = () => {
      if (!caller.communityId) throw forbidden('请先加入社区')
      return (db ??= crossCommunity.in(caller.communityId))
    }
    const catalogue = () => this.list()
    const member = (): MemberCaller => {
      if (!caller.openid || !caller.communityId || !caller.membership) throw forbidden('请先加入社区')
      return caller as MemberCaller
    }
    return {
      requestId,
      caller,
      input,
      clock,
      log,
      wechat,
      storage,
      directory,
      // Only system.describe reads it: built on demand, not copied into every request.
      get catalogue() {
        return catalogue()
      },
      photos: photoChecks({ ...this.services, requestId }, caller.openid, scoped),
      get db() {
        return scoped()
      },
      get member() {
        return member()
      },
      get settings() {
        settings ??= directory.community(scoped().communityId).then((c) => withDefaults(c?.settings))
        return settings
      },
      audit: (entry) => auditWriter(scoped(), member().membership._id, requestId, () => clock.now())(entry),
    }
  }

  private fail(err: unknown, requestId: string, action: string): Envelope {
    if (err instanceof AppError) {
      this.services.log.info('action refused', { requestId, action, code: err.code })
      return { ok: false, error: { code: err.code, message: err.message } }
    }
    this.services.log.error('internal error', {
      requestId,
      action,
      error: err instanceof Error ? err.stack : String(err),
      cloudbaseCode: (err as { code?: unknown })?.code,
    })
    return { ok: false, error: { code: 'INTERNAL', message: `服务开小差了，请稍后再试（编号 ${requestId}）` } }
  }
}
