/** 消息中心: everything that concerns a member, read or unread. */
import { z } from 'zod'
import { action } from '../../platform/action'
import { notFound } from '../../platform/errors'
import type { Message } from '../../platform/notify'
import { registerPersonalData } from '../../platform/personal'
import { cursor, id, limit } from '../../platform/validation'

export const listMessages = action({
  name: 'message.list',
  summary: '消息中心：与我有关的通知，最新在前，含未读数',
  roles: ['resident'],
  input: z.strictObject({ limit: limit(50, 20), cursor, unreadOnly: z.boolean().default(false) }),
  async run({ db, member, input }) {
    const messages = db.collection<Message>('messages')
    const offset = input.cursor ?? 0
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

// What was said to someone who left is read by nobody any more.
registerPersonalData({
  name: 'messages',
  async forget(db, m) {
    await db.collection('messages').removeWhere({ memberId: m._id })
  },
})

export const actions = [listMessages, markRead] as const
