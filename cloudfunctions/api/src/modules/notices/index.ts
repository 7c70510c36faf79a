import { z } from 'zod'
import { action, timer } from '../../platform/action'
import type { StoredDoc } from '../../platform/db'
import { cursor, limit } from '../../platform/validation'

export const NOTICE_CATEGORIES = ['announcement', 'decision', 'progress', 'spending', 'result'] as const

export interface Notice extends StoredDoc {
  title: string
  body: string
  summary?: string
  category: (typeof NOTICE_CATEGORIES)[number]
  status: 'draft' | 'published'
  publishedAt: Date | null
  /** end of the 公示 period; objections may be filed until then */
  publicUntil: Date | null
  publicityOpen: boolean
}

const summarize = (n: Notice) => n.summary ?? (n.body.length > 60 ? `${n.body.slice(0, 60)}…` : n.body)

export const listNotices = action({
  name: 'notice.list',
  summary: '公告栏（让邻知事）：本社区已发布的公告，最新在前',
  roles: ['resident', 'street'],
  input: z.strictObject({ limit: limit(50, 20), cursor }),
  async run({ db, input }) {
    const offset = input.cursor ? Number.parseInt(input.cursor, 10) || 0 : 0
    const rows = await db.collection<Notice>('notices').find(
      { status: 'published' },
      { orderBy: [['publishedAt', 'desc']], skip: offset, limit: input.limit + 1 },
    )
    const page = rows.slice(0, input.limit)
    return {
      items: page.map((n) => ({
        id: n._id,
        title: n.title,
        summary: summarize(n),
        category: n.category,
        publishedAt: n.publishedAt ? new Date(n.publishedAt).toISOString() : '',
        publicUntil: n.publicUntil ? new Date(n.publicUntil).toISOString() : null,
        publicityOpen: n.publicityOpen,
      })),
      nextCursor: rows.length > input.limit ? String(offset + input.limit) : null,
    }
  },
})

/** Hourly: notices whose 公示 period has ended stop accepting objections. */
export const closePublicity = timer({
  name: 'notice.closePublicity',
  trigger: 'hourly',
  async run({ raw, clock }) {
    const _ = raw.command
    const res = (await raw
      .collection('notices')
      .where({ publicityOpen: true, publicUntil: _.lt(clock.now()) })
      .update({ publicityOpen: false })) as { updated: number }
    return { closed: res.updated }
  },
})
