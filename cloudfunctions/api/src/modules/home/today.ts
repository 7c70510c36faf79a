/**
 * 首页 and the 议事 tab lead with what waits for this person, assembled in one call:
 * the router's membership read, then one wave of parallel queries (and, for the
 * ballots, a second one that needs the open motions' ids). Each part is small and
 * bounded; a part that does not concern the caller's role is not read at all.
 * 首页 also asks for the newest notices and the unread count in the same call
 * (`notices`, `unread`): the same answers as notice.list and message.list, without
 * two more invocations and their membership reads on every open.
 *
 * A ballot is reported only as "still to cast": which option anyone chose never
 * leaves the ballot box through here, secret or open.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import type { MemberCaller } from '../../platform/action'
import type { ScopedDb } from '../../platform/db'
import { ISSUE_STATUS_LABELS, TIMELINE_LABELS, WISH_STATUS_LABELS } from '../../platform/labels'
import { isCommittee, type Membership } from '../../platform/roles'
import { shownRoles } from '../me'
import { iso } from '../../platform/time'
import type { Activity, Registration } from '../activity/model'
import { COSIGNABLE, type Issue, type Meeting } from '../council/model'
import { ineligibility, votedIn, votingState, type Motion } from '../council/motions'
import type { Shift } from '../volunteer/model'
import { noticeItem, type Notice } from '../notice'
import type { Wish } from '../wish'
import { MEETING_GRACE_MS, readDigest, SOON_DAYS, type Digest } from './digest'

const DAY = 86_400_000
/** A step on one's matter counts as news this long. */
export const NEWS_DAYS = 14

async function ballotsToCast(db: ScopedDb, me: Membership, now: Date, digest: Digest) {
  const motions = digest.allMotions
    ? digest.motions.filter((m) => new Date(m.closesAt).getTime() > now.getTime())
    : await db.collection<Motion>('motions').find(
        { status: 'open', closesAt: db._.gt(now) },
        { orderBy: [['closesAt', 'asc']], limit: 50, fields: { title: true, unit: true, secret: true, buildingIds: true, buildingNames: true, status: true, opensAt: true, closesAt: true } },
      )
  const mine = motions.filter((m) => votingState(m, now) === 'open' && !ineligibility(m, me))
  if (mine.length === 0) return []
  // Only whether the key is on the list of the voter's shard: the boxes' counts and picks are not read.
  const done = new Set(await votedIn(db, mine, me))
  return mine.filter((m) => !done.has(m._id)).map((m) => ({ id: m._id, title: m.title, closesAt: iso(m.closesAt)! }))
}

async function nextMeeting(db: ScopedDb, memberId: string, now: Date, digest: Digest) {
  const since = new Date(now.getTime() - MEETING_GRACE_MS)
  const rows = digest.allMeetings
    ? digest.meetings.filter((m) => new Date(m.startAt).getTime() >= since.getTime() && m.registrants.includes(memberId)).slice(0, 5)
    : await db.collection<Meeting>('meetings').find(
        { 'registrants.memberId': memberId, startAt: db._.gte(since) },
        { orderBy: [['startAt', 'asc']], limit: 5, fields: { title: true, startAt: true, place: true, status: true } },
      )
  const m = rows.find((r) => r.status === 'scheduled')
  return m ? { id: m._id, title: m.title, startAt: iso(m.startAt)!, place: m.place } : null
}

/** One's matters still gathering co-signs, or with a step taken lately: the newest step is the news. */
async function mattersWithNews(db: ScopedDb, memberId: string, now: Date) {
  const rows = await db.collection<Issue>('issues').find(
    { authorId: memberId },
    { orderBy: [['createdAt', 'desc']], limit: 10, fields: { title: true, status: true, cosigns: true, cosignThreshold: true, timeline: true, updatedAt: true } },
  )
  const since = now.getTime() - NEWS_DAYS * DAY
  return rows
    .map((i) => {
      const last = i.timeline?.[i.timeline.length - 1]
      const news = last && last.kind !== 'raised' && new Date(last.at).getTime() >= since ? { label: TIMELINE_LABELS[last.kind], note: last.note, at: iso(last.at)! } : null
      const gathering = COSIGNABLE.includes(i.status)
      return { id: i._id, title: i.title, status: i.status, statusLabel: ISSUE_STATUS_LABELS[i.status], cosigns: gathering ? i.cosigns : null, threshold: gathering ? i.cosignThreshold : null, news }
    })
    .filter((i) => i.news || i.cosigns !== null)
    .slice(0, 3)
}

/** Published activities starting within SOON_DAYS, the ones this person signed up for first. */
async function activitiesSoon(db: ScopedDb, memberId: string, now: Date, digest: Digest) {
  const until = new Date(now.getTime() + SOON_DAYS * DAY)
  // The digest knows when nothing starts within the week; seats and titles change too often for it to hold.
  const starting = (a: { startAt: Date }) => new Date(a.startAt).getTime() >= now.getTime() && new Date(a.startAt).getTime() <= until.getTime()
  if (digest.allActivities && !digest.activities.some(starting)) return []
  // Seated and queue hold who has a place (the activity document is the truth about them, as
  // activity.get says): one's own state comes with the activity, without reading one's sign-ups.
  const soon = await db.collection<Activity>('activities').find(
    { status: 'published', startAt: db._.gte(now).and(db._.lte(until)) },
    { orderBy: [['startAt', 'asc']], limit: 5, fields: { title: true, startAt: true, place: true, seatsLeft: true, capacity: true, seated: true, queue: true } },
  )
  return soon
    .map((a) => ({ id: a._id, title: a.title, startAt: iso(a.startAt)!, place: a.place, seatsLeft: a.seatsLeft, myStatus: placeIn(a, memberId) }))
    .sort((a, b) => Number(!!b.myStatus) - Number(!!a.myStatus))
    .slice(0, 3)
}

/** One's place in an activity as its document lists it: a seat (held, or offered until a moment) or a place in the queue. */
function placeIn(a: Pick<Activity, 'seated' | 'queue'>, memberId: string): Registration['status'] | null {
  const seat = (a.seated ?? []).find((s) => s.k === memberId)
  if (seat) return seat.until ? 'offered' : 'registered'
  return (a.queue ?? []).some((w) => w.k === memberId) ? 'waitlisted' : null
}

async function claimedWish(db: ScopedDb, memberId: string) {
  const [w] = await db.collection<Wish>('wishes').find({ claimerId: memberId, status: 'claimed' }, { orderBy: [['createdAt', 'desc']], limit: 1, fields: { title: true, status: true, claimDueAt: true } })
  return w ? { id: w._id, title: w.title, statusLabel: WISH_STATUS_LABELS[w.status], claimDueAt: iso(w.claimDueAt) } : null
}

async function nextShift(db: ScopedDb, memberId: string, now: Date) {
  const [s] = await db.collection<Shift>('volunteerShifts').find(
    { 'signups.memberId': memberId, status: 'open', startAt: db._.gte(now) },
    { orderBy: [['startAt', 'asc']], limit: 1, fields: { title: true, startAt: true, endAt: true, place: true } },
  )
  return s ? { id: s._id, title: s.title, startAt: iso(s.startAt)!, place: s.place } : null
}

/** What waits for the committee (everything) or a building lead (their buildings' neighbours to verify). */
async function toReview(db: ScopedDb, member: MemberCaller) {
  const committee = isCommittee(member)
  const buildings = member.membership.buildingIds ?? []
  const unverified = committee ? { status: 'unverified' } : { buildingId: db._.in(buildings), status: 'unverified' }
  const count = (collection: string, query: Record<string, unknown>) => db.collection(collection).count(query)
  const [members, candidates, reports, volunteers, wishes] = await Promise.all([
    committee || buildings.length ? count('memberships', unverified) : 0,
    committee ? count('issues', { status: 'candidate' }) : 0,
    committee ? count('comments', { status: 'hidden' }) : 0,
    committee ? count('volunteers', { status: 'pending' }) : 0,
    committee ? count('wishes', { status: 'pending' }) : 0,
  ])
  return { committee, members, candidates, reports, volunteers, wishes }
}

/** The 街道's read-only glance at the community. */
async function overview(db: ScopedDb, now: Date) {
  const [openIssues, candidates, meetings, motions] = await Promise.all([
    db.collection('issues').count({ status: 'open' }),
    db.collection('issues').count({ status: 'candidate' }),
    db.collection('meetings').count({ status: 'scheduled', startAt: db._.gte(now) }),
    db.collection('motions').count({ status: 'open', closesAt: db._.gt(now) }),
  ])
  return { openIssues, candidates, meetings, motions }
}

/**
 * The caller's membership as me.get reports it, from the router's read of it: 首页
 * shows the me.get answer the phone kept and asks me.get again only when this differs
 * (a verification, a role, a household since), so an open is one invocation.
 */
const stamp = (m: Membership) => ({
  communityId: m.communityId,
  memberId: m._id,
  roles: shownRoles(m),
  buildingIds: m.buildingIds ?? [],
  status: m.status as 'unverified' | 'verified' | 'declined',
  declineReason: m.declineReason ?? null,
  householdId: m.householdId ?? null,
  realName: m.realName ?? null,
  phone: m.phone ?? null,
})

export const today = action({
  name: 'home.today',
  summary: '首页「等你处理」：待你投票、报名的下一场议事会、我说的事的新进展、近期活动、我认领的心愿、（志愿者）下一个岗位；居委会和楼栋长另有待审核数，街道为只读概况，未加入社区的为「加入社区」；首页可一并取最新几条公告和未读消息数',
  // `resident` and `street` beside `user`: the router then reads the caller's membership (a visitor gets 加入社区).
  roles: ['user', 'resident', 'street'],
  input: z.strictObject({
    /** also the newest this many notices, as notice.list lists them */
    notices: z.number().int().min(1).max(10).optional(),
    /** also how many of my messages are unread (a member's; null for the 街道) */
    unread: z.boolean().optional(),
  }),
  async run(ctx) {
    const membership = ctx.caller.membership
    if (!ctx.caller.communityId || !membership || membership.status === 'left') return { kind: 'visitor' as const }
    const { db, member, clock, input } = ctx
    const me = stamp(membership)
    const now = clock.now()
    const digest = readDigest(db, now)
    const board = input.notices ? digest.then((d) => d.notices.slice(0, input.notices).map((n) => noticeItem(n as Notice, now))) : Promise.resolve(null)
    if (member.roles.has('street')) {
      const [glance, notices] = await Promise.all([overview(db, now), board])
      return { kind: 'street' as const, me, overview: glance, notices, unread: null }
    }
    const m = member.membership
    const reviews = isCommittee(member) || member.roles.has('buildingLead')
    const [toVote, meeting, matters, activities, wish, shift, review, notices, unread] = await Promise.all([
      m.status === 'verified' ? digest.then((d) => ballotsToCast(db, m, now, d)) : [],
      digest.then((d) => nextMeeting(db, m._id, now, d)),
      // Someone who never raised a matter has none to read (platform/roles raisedIssues).
      m.raisedIssues === false ? [] : mattersWithNews(db, m._id, now),
      digest.then((d) => activitiesSoon(db, m._id, now, d)),
      // Only a volunteer claims wishes or takes shifts (wish.claim, volunteer.shift.signup).
      member.roles.has('volunteer') ? claimedWish(db, m._id) : null,
      member.roles.has('volunteer') ? nextShift(db, m._id, now) : null,
      reviews ? toReview(db, member) : null,
      board,
      input.unread ? db.collection('messages').count({ memberId: m._id, read: false }) : null,
    ])
    return {
      kind: 'member' as const,
      me,
      notices,
      unread,
      status: m.status as 'unverified' | 'verified' | 'declined',
      toVote: { count: toVote.length, items: toVote.slice(0, 3) },
      meeting,
      matters,
      activities,
      wish,
      shift,
      review,
    }
  },
})
