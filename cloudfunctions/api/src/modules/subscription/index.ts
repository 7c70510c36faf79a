/**
 * Subscribe-message consent: WeChat lets a member receive one subscribe message per
 * consent granted, so consents are counted per member and template (platform/notify).
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import { addOnce } from '../../platform/db'
import { registerPersonalData } from '../../platform/personal'
import type { Membership } from '../../platform/roles'
import { subscriptionId, TEMPLATE_KEYS, TEMPLATES, templateId, type Subscription, type TemplateKey } from '../../platform/notify'

export const recordSubscription = action({
  name: 'subscription.record',
  summary: '记录订阅消息授权结果（小程序 requestSubscribeMessage 后调用；每次同意可收到一条）',
  roles: ['resident'],
  input: z.strictObject({ accepted: z.array(z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]])).max(TEMPLATE_KEYS.length) }),
  async run({ db, member, input, clock }) {
    const subs = db.collection<Subscription>('subscriptions')
    const now = clock.now()
    // Marked before the consents land, so a consent never exists unmarked (platform/notify skips unmarked members).
    if (input.accepted.length > 0 && member.membership.consents === false) {
      await db.collection<Membership>('memberships').update(member.membership._id, { consents: true }, { consents: false })
    }
    for (const template of new Set(input.accepted)) {
      const sid = subscriptionId(member.membership._id, template)
      if (await subs.update(sid, { remaining: db._.inc(1), updatedAt: now })) continue
      const first = { _id: sid, memberId: member.membership._id, template, remaining: 1, updatedAt: now }
      if ((await addOnce(subs, first)) === 'exists') await subs.update(sid, { remaining: db._.inc(1), updatedAt: now })
    }
    return { recorded: [...new Set(input.accepted)] }
  },
})

export const subscriptionStatus = action({
  name: 'subscription.status',
  summary: '我的订阅消息：每种通知还可接收的条数，以及各模板的微信模板编号（用于请求授权）',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ db, member }) {
    const rows = await db.collection<Subscription>('subscriptions').find({ memberId: member.membership._id }, { limit: 50 })
    const remaining = new Map(rows.map((r) => [r.template, r.remaining]))
    return {
      templates: TEMPLATE_KEYS.map((key) => ({ key, title: TEMPLATES[key].title, templateId: templateId(key), remaining: remaining.get(key) ?? 0 })),
    }
  },
})

registerPersonalData({
  name: 'subscriptions',
  async forget(db, m) {
    await db.collection('subscriptions').removeWhere({ memberId: m._id })
  },
})

export const actions = [recordSubscription, subscriptionStatus] as const
