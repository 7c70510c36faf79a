/**
 * The demo's 活动 in every state: one open for sign-up, one full with a waitlist,
 * one finished with its attendance (and the points it credited) and a summary.
 * Seats, queue and counters are written as the api keeps them (model.countersOf),
 * so every invariant the api relies on holds from the first start.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { attendanceId } from '../../cloudfunctions/api/src/platform/checkin'
import { balanceId, chinaDay, entryId } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { countersOf, registrationId, type Activity, type Registration, type Seat, type Waiter } from '../../cloudfunctions/api/src/modules/activity/model'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_ACTIVITIES = {
  /** open for sign-up, seats left */
  open: `${C}:activity-s1`,
  /** full, with a waitlist */
  full: `${C}:activity-s2`,
  /** held last week: attendance taken, summary written */
  finished: `${C}:activity-s3`,
}

const member = (openid: string) => membershipId(C, openid)
const neighbour = (n: number) => member(neighbours()[n - 1].openid)

/** People the tests name: one holding seats in the full activity, the last one waiting for it. */
export const SEED_ACTIVITY_PEOPLE = { fullSeated: neighbour(3), fullLastWaiting: neighbour(9) }

export async function seedActivities(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const t = (hours: number) => new Date(now.getTime() + hours * HOUR)
  const committee = member('demo-committee')
  const seat = (k: string, p: number, hoursAgo: number): Seat => ({ k, p, r: `seed-${k.slice(-6)}`, at: t(-hoursAgo), until: null })
  const wait = (k: string, p: number, hoursAgo: number): Waiter => ({ k, p, r: `seed-${k.slice(-6)}`, at: t(-hoursAgo) })

  const base = (over: Partial<Activity> & Pick<Activity, '_id' | 'title' | 'startAt' | 'endAt' | 'signupEndAt' | 'capacity'>, seated: Seat[], queue: Waiter[]): Activity => {
    const a = {
      communityId: C,
      category: 'culture',
      description: '',
      place: '社区活动室',
      signupStartAt: null,
      maxCompanions: 0,
      cancelPolicy: 'beforeStart',
      fields: [],
      requiredFields: 0,
      waitlist: true,
      claimWindowMinutes: null,
      fillSeats: false,
      eligibility: { kind: 'all', buildingIds: [] },
      eligibleKeys: ['all'],
      points: 5,
      organiserIds: [],
      teamId: null,
      createdBy: committee,
      poster: null,
      photos: [],
      publicPhotos: [],
      reviewPhotos: [],
      status: 'published',
      cancelReason: null,
      cancelledAt: null,
      queueLog: [],
      alerted: [],
      remindedDay: false,
      remindedSoon: false,
      summary: null,
      version: 1,
      createdAt: t(-72),
      updatedAt: t(-1),
      ...over,
    } as Activity
    return { ...a, requiredFields: a.fields.filter((f) => f.required).length, ...countersOf(a, seated, queue) }
  }

  const openSeats = [seat(member('demo-volunteer'), 1, 20), seat(neighbour(1), 2, 18), seat(neighbour(2), 1, 10)]
  const open = base(
    {
      _id: SEED_ACTIVITIES.open,
      title: '冬至社区包饺子',
      category: 'culture',
      description: '冬至到了，邀请邻居们一起包饺子，包好的饺子一部分送给社区独居老人。面粉、馅料由社区准备，请自带围裙。',
      place: '社区活动室（2号楼一层）',
      startAt: t(5 * 24),
      endAt: t(5 * 24 + 3),
      signupEndAt: t(4 * 24),
      capacity: 20,
      maxCompanions: 2,
      fields: [{ id: 'f1', label: '联系电话', type: 'phone', required: true }],
    },
    openSeats,
    [],
  )

  const fullSeats = [seat(neighbour(3), 2, 40), seat(neighbour(4), 1, 39), seat(neighbour(5), 2, 30), seat(neighbour(6), 1, 28)]
  const fullQueue = [wait(neighbour(7), 1, 20), wait(neighbour(8), 2, 12), wait(neighbour(9), 1, 5)]
  const full = base(
    {
      _id: SEED_ACTIVITIES.full,
      title: '亲子手工课：做一盏走马灯',
      category: 'children',
      description: '社区老师带孩子和家长一起做走马灯，材料由社区提供。名额有限，每组最多一位家长带一位孩子。',
      place: '社区图书角',
      startAt: t(3 * 24),
      endAt: t(3 * 24 + 2),
      signupEndAt: t(2 * 24),
      capacity: 6,
      maxCompanions: 1,
      fields: [{ id: 'f1', label: '孩子年龄', type: 'number', required: true }],
      alerted: [50, 80, 100],
    },
    fullSeats,
    fullQueue,
  )

  // Tests credit neighbours from the 9th on afresh (volunteer service, check-ins): the attendees are the 1st and
  // 2nd, whose ledgers already hold the past 议事会's points; this appends to them.
  const finishedSeats = [seat(neighbour(1), 1, 10 * 24), seat(neighbour(2), 1, 9 * 24), seat(neighbour(4), 1, 9 * 24)]
  const came = [neighbour(1), neighbour(2)]
  const heldAt = t(-7 * 24)
  const finished = base(
    {
      _id: SEED_ACTIVITIES.finished,
      title: '重阳节登高：万石山健步走',
      category: 'sports',
      description: '重阳节组织邻居们一起登万石山，沿途有志愿者照应，量力而行。',
      place: '万石山植物园南门集合',
      startAt: heldAt,
      endAt: new Date(heldAt.getTime() + 3 * HOUR),
      signupEndAt: new Date(heldAt.getTime() - DAY),
      capacity: 30,
      points: 5,
      remindedDay: true,
      remindedSoon: true,
      summary: { text: '三十多位邻居一起登上了万石山顶，最年长的王阿姨 78 岁，全程走完。感谢志愿者一路照应！', attended: came.length, noShows: 1, at: new Date(heldAt.getTime() + 4 * HOUR), by: committee, noticeId: null },
    },
    finishedSeats,
    [],
  )

  const activities = [open, full, finished]
  await db.collection('activities').add(activities)

  const regOf = (a: Activity, e: Seat | Waiter, status: Registration['status'], answers: Registration['answers']): Registration => ({
    _id: registrationId(a._id, e.k),
    communityId: C,
    activityId: a._id,
    memberId: e.k,
    round: e.r,
    v: 1,
    status,
    companions: e.p - 1,
    answers,
    signedUpAt: e.at,
    promotedAt: null,
    offerUntil: null,
    cancelledAt: null,
    cancelReason: null,
    proxy: null,
    history: [{ at: e.at, what: status === 'waitlisted' ? '报名（候补）' : '报名', by: null, reason: null }],
    startAt: a.startAt,
    owes: [],
  })
  const regs = [
    ...open.seated.map((s, i) => regOf(open, s, 'registered', { f1: `1380000${String(1000 + i)}` })),
    ...full.seated.map((s, i) => regOf(full, s, 'registered', { f1: 5 + i })),
    ...full.queue.map((w, i) => regOf(full, w, 'waitlisted', { f1: 7 + i })),
    ...finished.seated.map((s) => regOf(finished, s, 'registered', {})),
  ]
  await db.collection('activityRegistrations').add(regs)

  // The finished activity's check-ins, each with the points it credited (one entry, the balance beside it).
  const arrived = (i: number) => new Date(heldAt.getTime() - 10 * 60_000 + i * 60_000)
  await db.collection('attendance').add(
    came.map((m, i) => ({
      _id: attendanceId('activity', finished._id, m),
      communityId: C,
      kind: 'activity',
      eventId: finished._id,
      memberId: m,
      method: 'scan',
      by: null,
      location: null,
      at: arrived(i),
      walkIn: false,
      checkedOutAt: null,
      outMethod: null,
      outBy: null,
      minutes: null,
    })),
  )
  let documents = activities.length + regs.length + came.length
  for (const [i, m] of came.entries()) {
    const source = `checkin:${attendanceId('activity', finished._id, m)}`
    const bal = (await db.collection('pointBalances').doc(balanceId(m)).get()) as { data?: Array<{ balance: number; entries: number }> }
    const prev = bal.data?.[0]
    const balance = (prev?.balance ?? 0) + finished.points
    const entries = (prev?.entries ?? 0) + 1
    await db.collection('pointEntries').add({
      _id: entryId(m, source),
      communityId: C,
      memberId: m,
      amount: finished.points,
      kind: 'attendance',
      source,
      label: `活动签到：${finished.title}`,
      reason: null,
      by: null,
      at: arrived(i),
      seq: entries,
      balanceAfter: balance,
    })
    const doc = { communityId: C, memberId: m, balance, entries, day: chinaDay(now), earned: {}, updatedAt: arrived(i) }
    if (prev) await db.collection('pointBalances').doc(balanceId(m)).update(doc)
    else await db.collection('pointBalances').add({ _id: balanceId(m), ...doc })
    documents += 1
  }
  return documents
}
