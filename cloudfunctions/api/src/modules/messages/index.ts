/** 消息中心 and subscribe-message consent: everything that concerns a member, read or unread. */
import { z } from 'zod'
import { action } from '../../platform/action'
import { notFound } from '../../platform/errors'
import { subscriptionId, TEMPLATE_KEYS, TEMPLATES, templateId, type Message, type Subscription, type TemplateKey } from '../../platform/notify'
import { cursor, id, limit } from '../../platform/validation'

export const listMessages = action({
  name: 'message.list',
  summary: '消息中心：与我有关的通知，最新在前，含未读数',
  roles: ['resident'],
  input: z.strictObject({ limit: limit(50, 20), cursor, unreadOnly: z.boolean().default(false) }),
  async run({ db, member, input }) {
    const messages = db.collection<Message>('messages')
    const offset = Number(input.cursor ?? 0) || 0
    const query: Record<string, unknown> = { memberId: member.membership._id }
    if (input.unreadOnly) query.read = false
    const [rows, unread] = await Promise.all([
      messages.find(query, { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.limit + 1 }),
      messages.count({ memberId: member.membership._id, read: false }),
    ])
    return {
      items: rows.slice(0, input.limit).map((m) => ({ id: m._id, kind: m.kind, title: m.title, body: m.body, link: m.link, read: m.read, createdAt: new Date(m.createdAt).toISOString() })),
      unread,
      nextCursor: rows.length > input.limit ? String(offset + input.limit) : null,
    }
  },
})

export const markRead = action({
  name: 'message.markRead',
  summary: '标记消息已读（不传编号则全部标为已读）',
  roles: ['resident'],
  input: z.strictObject({ messageId: id.optional() }),
  async run({ db, member, input }) {
    const messages = db.collection<Message>('messages')
    if (input.messageId) {
      const m = await messages.get(input.messageId)
      if (!m || m.memberId !== member.membership._id) throw notFound('消息不存在')
      return { updated: await messages.update(m._id, { read: true }, { read: false }) }
    }
    return { updated: await messages.updateWhere({ memberId: member.membership._id, read: false }, { read: true }) }
  },
})

export const recordSubscription = action({
  name: 'subscription.record',
  summary: '记录订阅消息授权结果（小程序 requestSubscribeMessage 后调用；每次同意可收到一条）',
  roles: ['resident'],
  input: z.strictObject({ accepted: z.array(z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]])).max(TEMPLATE_KEYS.length) }),
  async run({ db, member, input, clock }) {
    const subs = db.collection<Subscription>('subscriptions')
    const now = clock.now()
    for (const template of new Set(input.accepted)) {
      const sid = subscriptionId(member.membership._id, template)
      if (await subs.update(sid, { remaining: db._.inc(1), updatedAt: now })) continue
      try {
        await subs.add({ _id: sid, memberId: member.membership._id, template, remaining: 1, updatedAt: now })
      } catch (err) {
        if ((err as { code?: string })?.code !== 'DATABASE_DUPLICATE_WRITE') throw err
        await subs.update(sid, { remaining: db._.inc(1), updatedAt: now })
      }
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
