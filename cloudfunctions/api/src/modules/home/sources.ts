/**
 * 我参与的: one row per kind of taking part. Each source lists this person's own
 * records of that kind, newest first, a page at a time, with their state and the
 * page that shows them. A new kind (代办, a new area) is one more row here; the
 * page on 我的 shows whatever kinds this table has.
 *
 * Votes say only that the person took part and how the motion stands: which option
 * they chose is never read here, secret or open (the motion's page shows an open
 * ballot's pick to its voter).
 */
import type { MemberCaller } from '../../platform/action'
import type { ScopedDb } from '../../platform/db'
import { ISSUE_STATUS_LABELS, OUTCOME_LABELS, RATING_LABELS, WISH_STATUS_LABELS } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { findPage } from '../../platform/paging'
import { iso } from '../../platform/time'
import type { Registration } from '../activity/model'
import type { Issue, Meeting } from '../council/model'
import { votedIn, votingState, type Motion } from '../council/motions'
import type { RatingDoc } from '../council/tasks'
import type { Shift } from '../volunteer/model'
import type { Wish } from '../wish'

export type Tone = 'brand' | 'warning' | 'neutral' | 'danger'

export interface ParticipationItem {
  id: string
  title: string
  /** the state in words, and how it looks */
  state: string
  tone: Tone
  /** the time this row is about (raised, co-signed, the meeting's start…), ISO */
  at: string | null
  /** the page that shows it (platform/links) */
  link: string
}

export interface PageInput {
  limit: number
  cursor?: number
}

export interface ParticipationSource {
  kind: string
  label: string
  /** shown only to those who can have records of it */
  shownTo?(member: MemberCaller): boolean
  list(db: ScopedDb, member: MemberCaller, page: PageInput, now: Date): Promise<{ items: ParticipationItem[]; nextCursor: string | null }>
}

const issueTone = (s: Issue['status']): Tone => (s === 'open' || s === 'candidate' ? 'warning' : s === 'declined' ? 'neutral' : 'brand')
const issueFields = { title: true, status: true, cosigns: true, cosignThreshold: true, createdAt: true }

const issueState = (i: Pick<Issue, 'status' | 'cosigns' | 'cosignThreshold'>) =>
  i.status === 'open' ? `${ISSUE_STATUS_LABELS.open} ${i.cosigns}/${i.cosignThreshold}` : ISSUE_STATUS_LABELS[i.status]

const REGISTRATION_LABELS: Record<Registration['status'], [string, Tone]> = {
  registered: ['已报名', 'brand'],
  offered: ['有名额待确认', 'warning'],
  waitlisted: ['候补中', 'warning'],
  cancelled: ['已取消', 'neutral'],
  removed: ['已被移出', 'neutral'],
  expired: ['名额已过期', 'neutral'],
  activityCancelled: ['活动取消', 'neutral'],
}

export const PARTICIPATION_SOURCES: ParticipationSource[] = [
  {
    kind: 'issues',
    label: '我说的事',
    async list(db, member, page) {
      const { page: rows, nextCursor } = await findPage(db.collection<Issue>('issues'), { authorId: member.membership._id }, [['createdAt', 'desc']], page, issueFields)
      return { items: rows.map((i) => ({ id: i._id, title: i.title, state: issueState(i), tone: issueTone(i.status), at: iso(i.createdAt), link: pageLink('issue', { id: i._id }) })), nextCursor }
    },
  },
  {
    kind: 'cosigns',
    label: '我附议的',
    async list(db, member, page) {
      const { page: rows, nextCursor } = await findPage(db.collection<Issue>('issues'), { 'cosigners.memberId': member.membership._id }, [['createdAt', 'desc']], page, issueFields)
      return { items: rows.map((i) => ({ id: i._id, title: i.title, state: issueState(i), tone: issueTone(i.status), at: iso(i.createdAt), link: pageLink('issue', { id: i._id }) })), nextCursor }
    },
  },
  {
    kind: 'meetings',
    label: '议事会报名',
    async list(db, member, page, now) {
      const fields = { title: true, startAt: true, status: true }
      const { page: rows, nextCursor } = await findPage(db.collection<Meeting>('meetings'), { 'registrants.memberId': member.membership._id }, [['startAt', 'desc']], page, fields)
      const state = (m: Meeting): [string, Tone] =>
        m.status === 'cancelled' ? ['已取消', 'neutral'] : m.status === 'held' ? ['已召开', 'neutral'] : new Date(m.startAt) > now ? ['已报名', 'brand'] : ['进行中', 'warning']
      return { items: rows.map((m) => ({ id: m._id, title: m.title, state: state(m)[0], tone: state(m)[1], at: iso(m.startAt), link: pageLink('meeting', { id: m._id }) })), nextCursor }
    },
  },
  {
    kind: 'votes',
    label: '我的投票',
    shownTo: (member) => member.membership.status === 'verified',
    async list(db, member, page, now) {
      // A secret motion lists its voters by a hash of motion and voter (council/motions.ts), so no one query finds
      // every box naming this person: the motions are paged, newest first, and each looked up in the voter's shard.
      const fields = { title: true, status: true, opensAt: true, closesAt: true, result: true, unit: true, secret: true }
      const motions: Motion[] = []
      let nextCursor: string | null = page.cursor ? String(page.cursor) : '0'
      for (let pages = 0; nextCursor !== null && motions.length < page.limit && pages < 5; pages++) {
        const found: { page: Motion[]; nextCursor: string | null } = await findPage(db.collection<Motion>('motions'), {}, [['_id', 'desc']], { limit: page.limit, cursor: Number(nextCursor) }, fields)
        const voted = new Set(await votedIn(db, found.page, member.membership))
        motions.push(...found.page.filter((m) => voted.has(m._id)))
        nextCursor = found.nextCursor
      }
      const items = motions.map((m) => {
        const closed = votingState(m, now) === 'closed'
        const outcome = m.result?.outcome
        const state = closed ? (outcome ? `已投票 · ${OUTCOME_LABELS[outcome]}` : '已投票 · 计票中') : m.unit === 'household' ? '你家已投票 · 投票中' : '已投票 · 投票中'
        return { id: m._id, title: m.title, state, tone: (closed ? 'neutral' : 'brand') as Tone, at: iso(m.closesAt), link: pageLink('motion', { id: m._id }) }
      })
      return { items, nextCursor }
    },
  },
  {
    kind: 'ratings',
    label: '我的评价',
    async list(db, member, page) {
      const { page: rows, nextCursor } = await findPage(db.collection<RatingDoc>('ratings'), { memberId: member.membership._id }, [['createdAt', 'desc']], page)
      const ids = [...new Set(rows.map((r) => r.taskId))]
      const tasks = ids.length ? await db.collection('tasks').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { title: true } }) : []
      const titles = new Map(tasks.map((t) => [t._id, String(t.title)]))
      return {
        items: rows.map((r) => ({ id: r._id, title: titles.get(r.taskId) ?? '办事项目', state: `评价：${RATING_LABELS[r.rating]}`, tone: 'neutral' as Tone, at: iso(r.createdAt), link: pageLink('task', { id: r.taskId }) })),
        nextCursor,
      }
    },
  },
  {
    kind: 'activities',
    label: '我的活动',
    async list(db, member, page) {
      const fields = { activityId: true, status: true, startAt: true }
      const { page: rows, nextCursor } = await findPage(db.collection<Registration>('activityRegistrations'), { memberId: member.membership._id }, [['startAt', 'desc']], page, fields)
      const ids = [...new Set(rows.map((r) => r.activityId))]
      const acts = ids.length ? await db.collection('activities').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { title: true } }) : []
      const titles = new Map(acts.map((a) => [a._id, String(a.title)]))
      return {
        items: rows.map((r) => {
          const [state, tone] = REGISTRATION_LABELS[r.status] ?? [r.status, 'neutral']
          return { id: r._id, title: titles.get(r.activityId) ?? '活动', state, tone, at: iso(r.startAt), link: pageLink('activity', { id: r.activityId }) }
        }),
        nextCursor,
      }
    },
  },
  {
    kind: 'shifts',
    label: '志愿岗位',
    shownTo: (member) => member.roles.has('volunteer'),
    async list(db, member, page, now) {
      const fields = { title: true, startAt: true, status: true }
      const { page: rows, nextCursor } = await findPage(db.collection<Shift>('volunteerShifts'), { 'signups.memberId': member.membership._id }, [['startAt', 'desc']], page, fields)
      const state = (s: Shift): [string, Tone] => (s.status === 'cancelled' ? ['已取消', 'neutral'] : new Date(s.startAt) > now ? ['已报名', 'brand'] : ['已结束', 'neutral'])
      return { items: rows.map((s) => ({ id: s._id, title: s.title, state: state(s)[0], tone: state(s)[1], at: iso(s.startAt), link: pageLink('volunteerShift', { id: s._id }) })), nextCursor }
    },
  },
  {
    kind: 'wishes',
    label: '我认领的心愿',
    async list(db, member, page) {
      const fields = { title: true, status: true, claimedAt: true, createdAt: true }
      const { page: rows, nextCursor } = await findPage(db.collection<Wish>('wishes'), { claimerId: member.membership._id }, [['createdAt', 'desc']], page, fields)
      return {
        items: rows.map((w) => ({ id: w._id, title: w.title, state: WISH_STATUS_LABELS[w.status], tone: (w.status === 'claimed' ? 'warning' : 'neutral') as Tone, at: iso(w.claimedAt ?? w.createdAt), link: pageLink('wish', { id: w._id }) })),
        nextCursor,
      }
    },
  },
]
