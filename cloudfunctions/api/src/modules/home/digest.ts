/**
 * 首页's community digest: what every member's 首页 would otherwise ask the database
 * for on each open — the open motions, the coming meetings with who registered, the
 * coming published activities' times and the newest notices — kept in one document per
 * community (`digests/<communityId>:home`), so an open reads one document instead of
 * four or five queries.
 *
 * Kept right without a writer knowing about it: every scoped write to one of these
 * collections that could change what the digest holds first marks it dirty (platform/
 * db.ts watchWrites), with a lease of DIRTY_LEASE_MS (longer than a function may run,
 * so the write has landed or never will when the lease ends) and a fresh `stamp`.
 * While dirty, or once past its `validUntil`, or absent, an open asks the queries and
 * puts their answer back only if the stamp it read is still there (a mark since then
 * changed it) — the same answers as the queries, whichever way they came.
 *
 * Without a write, time alone changes what 首页 shows; the digest holds supersets that
 * time only shrinks, and home.today filters them by the time of the open:
 * - motions: every open one not yet closed, those whose voting starts later too (they
 *   join 待你投票 at opensAt without a write); closing only removes;
 * - meetings: every one from MEETING_GRACE_MS before the build on, so a later meeting
 *   is there when an earlier one stops being next;
 * - activities: those starting within SOON_DAYS of any open the digest may serve —
 *   built over SOON_DAYS plus VALID_MS, as an activity enters the week as days pass;
 * - notices: the newest published; their 公示 ends by the open's time (noticeItem).
 * Hence a digest serves opens until `validUntil`, VALID_MS (a day) after it was built:
 * on a quiet day, one rebuild. A list cut at its limit is marked incomplete, and then
 * its query runs.
 */
import type { RawDb, ScopedDb, ScopedWrite, StoredDoc } from '../../platform/db'
import { isDuplicateWrite } from '../../platform/errors'
import { watchWrites } from '../../platform/db'
import type { Activity } from '../activity/model'
import type { Meeting } from '../council/model'
import type { Motion } from '../council/motions'
import type { Notice } from '../notice'

export const DIGESTS = 'digests'
export const digestId = (communityId: string) => `${communityId}:home`

const DAY = 86_400_000
/** Longer than a cloud function may run (20 s): a write marked before it has landed, or never will, by then. */
export const DIRTY_LEASE_MS = 60_000
/** A digest serves opens for at most this long after it was built: on a quiet day, one rebuild. */
export const VALID_MS = DAY
/** A meeting stays "next" until this long after its start (it may still be running). */
export const MEETING_GRACE_MS = 3 * 3_600_000
/** Activities "starting soon": within this many days. */
export const SOON_DAYS = 7
/** The activities' list reaches this far past the build: the week of every open until validUntil. */
const ACTIVITY_HORIZON_MS = SOON_DAYS * DAY + VALID_MS
export const MOTION_LIMIT = 50
const MEETING_LIMIT = 30
const ACTIVITY_LIMIT = 30
export const NOTICE_LIMIT = 10

type MotionRow = Pick<Motion, '_id' | 'title' | 'unit' | 'secret' | 'buildingIds' | 'buildingNames' | 'status' | 'opensAt' | 'closesAt'>
type MeetingRow = Pick<Meeting, '_id' | 'title' | 'startAt' | 'place' | 'status'> & { registrants: string[] }
type ActivityRow = Pick<Activity, '_id' | 'startAt'>
/** `body` cut to what the board's summary shows of it (notice/noticeItem) */
type NoticeRow = Pick<Notice, '_id' | 'title' | 'category' | 'status' | 'publishedAt' | 'publicUntil' | 'publicityOpen' | 'summary' | 'body'>

export interface Digest {
  motions: MotionRow[]
  meetings: MeetingRow[]
  activities: ActivityRow[]
  notices: NoticeRow[]
  /** a list that reached its limit may miss rows: its query answers instead */
  allMotions: boolean
  allMeetings: boolean
  allActivities: boolean
}

interface DigestDoc extends StoredDoc, Digest {
  stamp: string
  dirtyUntil: Date
  builtAt: Date | null
  /** the first moment time alone could add to 首页 something the lists lack */
  validUntil: Date | null
}

/** Which writes can change the digest: any insert, replacement or removal; of an update, the fields it holds. */
const WATCHED: Record<string, readonly string[] | 'all'> = {
  motions: 'all',
  notices: 'all',
  meetings: ['status', 'startAt', 'title', 'place', 'registrants'],
  activities: ['status', 'startAt'],
}

function concerns(write: Pick<ScopedWrite, 'collection' | 'patch'>): boolean {
  const fields = WATCHED[write.collection]
  if (!fields) return false
  if (fields === 'all' || write.patch === null) return true
  return Object.keys(write.patch).some((key) => fields.includes(key.split('.')[0]))
}

const newStamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

/** Marks the community's digest dirty (creating it if absent) before a write that may change it. */
export async function markDirty(raw: RawDb, communityId: string, now: Date): Promise<void> {
  const mark = { communityId, stamp: newStamp(), dirtyUntil: new Date(now.getTime() + DIRTY_LEASE_MS), builtAt: null, validUntil: null }
  await raw.collection(DIGESTS).doc(digestId(communityId)).set(mark)
}

watchWrites(async (write) => {
  if (concerns(write)) await markDirty(write.raw, write.communityId, write.now)
})

const usable = (doc: DigestDoc | null, now: Date): boolean => {
  // A digest without validUntil was built over an older, shorter horizon: rebuilt, never trusted for a day.
  if (!doc?.builtAt || !doc.validUntil) return false
  const t = now.getTime()
  return new Date(doc.dirtyUntil).getTime() <= t && new Date(doc.builtAt).getTime() <= t && t < new Date(doc.validUntil).getTime()
}

/** The queries the digest stands for, as of `now`. */
async function build(db: ScopedDb, now: Date): Promise<Digest> {
  const _ = db._
  const [motions, meetings, activities, notices] = await Promise.all([
    db.collection<Motion>('motions').find(
      { status: 'open', closesAt: _.gt(now) },
      { orderBy: [['closesAt', 'asc']], limit: MOTION_LIMIT, fields: { title: true, unit: true, secret: true, buildingIds: true, buildingNames: true, status: true, opensAt: true, closesAt: true } },
    ),
    db.collection<Meeting>('meetings').find(
      { startAt: _.gte(new Date(now.getTime() - MEETING_GRACE_MS)) },
      { orderBy: [['startAt', 'asc']], limit: MEETING_LIMIT, fields: { title: true, startAt: true, place: true, status: true, registrants: true } },
    ),
    db.collection<Activity>('activities').find(
      { status: 'published', startAt: _.gte(now).and(_.lte(new Date(now.getTime() + ACTIVITY_HORIZON_MS))) },
      { orderBy: [['startAt', 'asc']], limit: ACTIVITY_LIMIT, fields: { startAt: true } },
    ),
    db.collection<Notice>('notices').find({ status: 'published' }, { orderBy: [['publishedAt', 'desc']], limit: NOTICE_LIMIT }),
  ])
  const strip = <T extends { communityId?: unknown }>({ communityId: _c, ...rest }: T) => rest
  return {
    motions: motions.map((m) => strip(m) as MotionRow),
    meetings: meetings.map((m) => ({ ...(strip(m) as Omit<MeetingRow, 'registrants'>), registrants: (m.registrants ?? []).map((r) => r.memberId) })),
    activities: activities.map((a) => ({ _id: a._id, startAt: a.startAt })),
    notices: notices.map((n) => ({
      _id: n._id,
      title: n.title,
      category: n.category,
      status: n.status,
      publishedAt: n.publishedAt,
      publicUntil: n.publicUntil,
      publicityOpen: n.publicityOpen,
      ...(n.summary != null ? { summary: n.summary, body: '' } : { body: n.body.slice(0, 61) }),
    })),
    allMotions: motions.length < MOTION_LIMIT,
    allMeetings: meetings.length < MEETING_LIMIT,
    allActivities: activities.length < ACTIVITY_LIMIT,
  }
}

/**
 * The community's digest as of `now`: the stored one when clean and fresh (one read),
 * otherwise built from the queries and stored for the opens after this one, unless a
 * write marked it meanwhile.
 */
export async function readDigest(db: ScopedDb, now: Date): Promise<Digest> {
  const digests = db.collection<DigestDoc>(DIGESTS)
  const id = digestId(db.communityId)
  const stored = await digests.get(id)
  if (stored && usable(stored, now)) return stored
  const fresh = await build(db, now)
  // Still dirty: the write it waits for may not have landed, so this answer is not kept.
  if (stored && new Date(stored.dirtyUntil).getTime() > now.getTime()) return fresh
  const doc = { ...fresh, stamp: newStamp(), dirtyUntil: now, builtAt: now, validUntil: new Date(now.getTime() + VALID_MS) }
  try {
    // Kept only over the version it read: a mark since then changed the stamp (or made the document).
    if (stored) await digests.update(id, doc, { stamp: stored.stamp })
    else await digests.add({ _id: id, ...doc })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }
  return fresh
}
