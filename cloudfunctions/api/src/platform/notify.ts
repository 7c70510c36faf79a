/**
 * Telling people things. Every notice lands in the in-app message centre
 * (`messages`); when the recipient has granted a one-time subscribe-message consent
 * for that template, one WeChat subscribe message is sent too and one consent is
 * used up. WeChat's consents are one message each, so they are counted per person
 * and template (`subscriptions`), and the message centre is always the full record.
 */
import type { Services } from './services'
import { addOnce, type ScopedDb, type StoredDoc } from './db'
import type { Membership } from './roles'

/** The subscribe-message templates the app asks for. Real template ids are configured per deployment. */
export const TEMPLATES = {
  issueUpdate: { title: '议题进展通知', env: 'WX_TEMPLATE_ISSUE_UPDATE' },
  meetingReminder: { title: '议事会提醒', env: 'WX_TEMPLATE_MEETING_REMINDER' },
  voteOpen: { title: '表决开始通知', env: 'WX_TEMPLATE_VOTE_OPEN' },
  taskProgress: { title: '办事进度通知', env: 'WX_TEMPLATE_TASK_PROGRESS' },
  activityUpdate: { title: '活动报名通知', env: 'WX_TEMPLATE_ACTIVITY_UPDATE' },
  reviewResult: { title: '审核结果通知', env: 'WX_TEMPLATE_REVIEW_RESULT' },
} as const
export type TemplateKey = keyof typeof TEMPLATES
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[]

export const templateId = (key: TemplateKey) => process.env[TEMPLATES[key].env] || `local-${key}`

export interface Message extends StoredDoc {
  /** recipient */
  memberId: string
  kind: string
  title: string
  body: string
  /** a mini-program page to open (platform/links pageLink), e.g. `packages/council/issue/index?id=…` */
  link: string | null
  read: boolean
  createdAt: Date
}

export interface Subscription extends StoredDoc {
  memberId: string
  template: TemplateKey
  /** consents granted and not yet used */
  remaining: number
  updatedAt: Date
}

export const subscriptionId = (memberId: string, template: TemplateKey) => `${memberId}:sub:${template}`

export interface Notification {
  kind: string
  title: string
  body: string
  link?: string
  /** also send a WeChat subscribe message when the recipient has a consent left */
  template?: TemplateKey
  /** a stable key makes the notice idempotent: the same key never notifies one person twice */
  key?: string
}

/**
 * Notifies members (by member id) of the community of `db`; a member who left hears
 * nothing. Returns how many messages were new and how many subscribe messages went out.
 */
export async function notify(
  services: Pick<Services, 'wechat' | 'clock' | 'log'>,
  db: ScopedDb,
  memberIds: readonly string[],
  n: Notification,
): Promise<{ messages: number; pushed: number }> {
  const now = services.clock.now()
  let messages = 0
  let pushed = 0
  await Promise.all(
    [...(await stillMembers(db, memberIds))].map(async ([memberId, mayConsent]) => {
      const doc = { memberId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, read: false, createdAt: now }
      const message = n.key ? { _id: `${memberId}:msg:${n.key}`, ...doc } : doc
      if ((await addOnce(db.collection<Message>('messages'), message)) === 'exists') return
      messages++
      if (!n.template || !mayConsent) return
      // Use one consent only if one is left: a conditional decrement, never below zero.
      const consent = { remaining: db._.inc(-1), updatedAt: now }
      if (!(await db.collection<Subscription>('subscriptions').update(subscriptionId(memberId, n.template), consent, { remaining: db._.gt(0) }))) return
      if (await sendSubscribeMessage(services, db, memberId, n.template, n, now)) pushed++
    }),
  )
  return { messages, pushed }
}

/**
 * The given members who have not left, in one read, each with whether they may hold a
 * consent (Membership.consents: never granted one, no conditional write to try).
 */
async function stillMembers(db: ScopedDb, memberIds: readonly string[]): Promise<Map<string, boolean>> {
  const ids = [...new Set(memberIds)]
  if (ids.length === 0) return new Map()
  const rows = await db.collection<Membership>('memberships').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { status: true, consents: true } })
  return new Map(rows.filter((m) => m.status !== 'left').map((m) => [m._id, m.consents !== false]))
}

/**
 * One WeChat subscribe message, the only place a member's openid is read: WeChat
 * addresses people by openid. The message centre already has the notice, so a failed
 * push is logged, never fatal to the action.
 */
async function sendSubscribeMessage(services: Pick<Services, 'wechat' | 'log'>, db: ScopedDb, memberId: string, template: TemplateKey, n: Notification, now: Date): Promise<boolean> {
  try {
    const member = await db.collection<Membership>('memberships').get(memberId)
    if (!member) return false
    const res = await services.wechat.sendSubscribeMessage({
      touser: member.openid,
      templateId: templateId(template),
      page: n.link ?? undefined,
      data: { thing1: { value: n.title.slice(0, 20) }, thing2: { value: n.body.slice(0, 20) }, time3: { value: now.toISOString().slice(0, 16).replace('T', ' ') } },
    })
    return res.sent
  } catch (err) {
    services.log.error('subscribe message failed', { template, error: String(err) })
    return false
  }
}
