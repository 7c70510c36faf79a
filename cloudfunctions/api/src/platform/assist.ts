/**
 * 代办: a building lead acting for a resident of their buildings who will not use a
 * phone themselves (elderly, disabled). Every such action goes through here, so the
 * rules are one: the resident's consent is required and recorded (how: 当面 / 电话 /
 * 书面 / 家属, and when they gave it), the resident must live in one of the lead's
 * buildings (the committee, where an action allows it, acts for anyone of the
 * community), nobody acts for themselves, every act is audited, and the resident is
 * told in 消息. The record each action keeps (`Assist`) names the lead, so the
 * resident's own view shows 「由楼栋长 X 代办」.
 *
 * What may be done for someone is a closed list (`AssistKind`). Voting is not on it
 * and never will be: a vote cast by someone else is not the voter's, so the ballot
 * actions take no member to act for, and a resident who cannot vote online votes on
 * paper at the meeting (council.motion.paper.record, recorded by the committee).
 */
import { z } from 'zod'
import type { ActionContext } from './action'
import { forbidden, invalid, precondition } from './errors'
import { assertOwnId } from './ids'
import { ASSIST_METHODS, consentLabel, type AssistMethod, type ConsentMethod } from './labels'
import { notify } from './notify'
import { publicNames } from './names'
import { isCommittee, residentById, type Membership } from './roles'
import { chinaTime } from './time'
import { text } from './validation'

const DAY = 86_400_000
const ROLE_WORD = { buildingLead: '楼栋长', committee: '居委会' } as const

export type AssistKind = 'activity.signup' | 'issue.cosign' | 'task.rate' | 'wish.create'

/** The consent as the lead enters it: how, optionally when (default: now) and a note. */
export const consentInput = z.strictObject({
  method: z.enum(ASSIST_METHODS),
  at: z.iso.datetime({ offset: true, message: '时间格式不对' }).optional(),
  note: text(100).optional(),
})
export type ConsentInput = z.output<typeof consentInput>

/** Stored with what was done for the resident: by whom, how and when they agreed, when it was done. */
export interface Assist {
  by: string
  /** in which capacity: a lead of the resident's building, or the committee */
  as: 'buildingLead' | 'committee'
  /** a 微心愿 keeps its own older words for it (ConsentMethod) */
  method: AssistMethod | ConsentMethod
  note: string | null
  consentAt: Date
  at: Date
}

/**
 * The resident `memberId` names, once the caller may act for them with this consent;
 * throws, saying why, otherwise. `committee`: the committee may act for anyone here.
 */
export async function residentToAssist(
  ctx: ActionContext<unknown>,
  memberId: string,
  consent: ConsentInput | undefined,
  opts: { committee?: boolean; verified?: boolean } = {},
): Promise<{ who: Membership; assist: Assist }> {
  const { db, member, clock } = ctx
  if (!consent) throw invalid('代办须记录居民本人的同意（当面、电话、书面或家属）')
  assertOwnId(db, memberId, '没有这位居民')
  const now = clock.now()
  const consentAt = consent.at ? new Date(consent.at) : now
  if (consentAt.getTime() > now.getTime() + 60_000) throw invalid('同意的时间不能晚于现在')
  if (consentAt.getTime() < now.getTime() - 30 * DAY) throw precondition('居民的同意已超过 30 天，请重新征得同意')
  const me = member.membership
  if (memberId === me._id) throw precondition('为自己办理请直接操作')
  const who = await residentById(db, memberId)
  const leads = member.roles.has('buildingLead') && !!who.buildingId && (me.buildingIds ?? []).includes(who.buildingId)
  if (!leads && !(opts.committee && isCommittee(member))) throw forbidden('只能为自己负责楼栋的居民代办')
  if (opts.verified && who.status !== 'verified') throw precondition('这位居民还没有完成住户认证，不能代办这件事')
  return { who, assist: { by: me._id, as: leads ? 'buildingLead' : 'committee', method: consent.method, note: consent.note ?? null, consentAt, at: now } }
}

/**
 * After the act is stored: the audit entry and the resident's message. `what` reads
 * after 「为你」 (「报名了活动「…」」); `key` makes the message once per act.
 */
export async function recordAssist(
  ctx: ActionContext<unknown>,
  who: Pick<Membership, '_id'>,
  assist: Assist,
  act: {
    kind: AssistKind
    /** the audit entry's action: the action's own name */
    action: string
    target: { collection: string; id: string }
    what: string
    title?: string
    link: string | null
    key: string
    after?: Record<string, unknown>
  },
) {
  await ctx.audit({
    action: act.action,
    target: act.target,
    // The log is read by people (viewer and export): the consent in words, not its code.
    after: { ...act.after, for: who._id, consent: consentLabel(assist.method), consentNote: assist.note, consentAt: assist.consentAt },
  })
  const lead = (await publicNames(ctx.db, [assist.by]))(assist.by)
  await notify(ctx, ctx.db, [who._id], {
    kind: 'assist',
    title: act.title ?? `${ROLE_WORD[assist.as]}为你代办了一件事`,
    body: `${ROLE_WORD[assist.as]} ${lead} 为你${act.what}（你${chinaTime(assist.consentAt)}${consentLabel(assist.method)}）。如有疑问，请联系楼栋长或居委会`,
    ...(act.link ? { link: act.link } : {}),
    key: `assist-${act.kind}-${act.key}`,
  })
}

/** How the resident's own view names who acted for them: 「由楼栋长 吴*娟 代办」. */
export async function assistLine(ctx: Pick<ActionContext<unknown>, 'db'>, assist: Assist | null | undefined): Promise<string | null> {
  if (!assist) return null
  const name = (await publicNames(ctx.db, [assist.by]))(assist.by)
  return `由${ROLE_WORD[assist.as ?? 'buildingLead']} ${name} 代办（${consentLabel(assist.method)}）`
}
