/**
 * The demo's 活动, one in every state a newcomer should see on the tab: open with
 * seats (and questions on its form), open for this evening with 林秀华 registered,
 * full with a waiting line (林秀华 second in it), not yet open for sign-up, finished
 * with attendance (its attendees credited the activity's points) and a summary, and
 * one cancelled with its reason. Times are relative to the seed time and agree with
 * the texts. Deterministic ids, so tests and screenshots can name them.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { PNG } from 'pngjs'
import { countersOf, type Activity, type ActivityCategory, type CustomField, type Registration, type Seat, type Waiter } from '../../cloudfunctions/api/src/modules/activity/model'
import { attendanceId } from '../../cloudfunctions/api/src/platform/checkin'
import { uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { balanceId, chinaDay, entryId, type PointBalance } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { fieldsKey } from '../../cloudfunctions/api/src/modules/activity/rules'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_ACTIVITIES = {
  /** open, seats left, asks a child's age, companions allowed */
  craft: `${C}:activity-s1`,
  /** open, this evening, 林秀华 registered (check-in opens an hour before) */
  talk: `${C}:activity-s2`,
  /** full, with a waiting line; 林秀华 is second in it */
  clinic: `${C}:activity-s3`,
  /** published, sign-up opens tomorrow */
  calligraphy: `${C}:activity-s4`,
  /** finished: attendance, points and a summary */
  dumplings: `${C}:activity-s5`,
  /** cancelled, with a reason */
  hike: `${C}:activity-s6`,
  /** the names the authorization matrix's samples use (test/helpers/samples.ts) */
  open: `${C}:activity-s1`,
  full: `${C}:activity-s3`,
  finished: `${C}:activity-s5`,
}

const seedMember = (n: number) => membershipId(C, neighbours()[n - 1].openid)

/** People the tests name: one holding a seat in the full activity, the last one waiting for it. */
export const SEED_ACTIVITY_PEOPLE = { fullSeated: seedMember(9), fullLastWaiting: seedMember(16) }

/** The poster of the demo's craft class, kept in the committee member's place in storage. */
const posterPath = (name: string) => `${uploadPrefix(C, membershipId(C, 'demo-committee'))}activities/seed-${name}.png`

/** A simple poster drawn here (no binary files in the repository): a band of colour with circles. */
function poster(hue: [number, number, number], seed: number): Buffer {
  const [w, h] = [360, 200]
  const png = new PNG({ width: w, height: h })
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4
      const circle = [0, 1, 2].some((k) => Math.hypot(x - (80 + k * 100 + seed * 7), y - (100 + ((k + seed) % 2) * 20)) < 36 - k * 4)
      const shade = 1 - y / (h * 2.2)
      png.data[i] = circle ? 255 : Math.round(hue[0] * shade)
      png.data[i + 1] = circle ? 244 : Math.round(hue[1] * shade)
      png.data[i + 2] = circle ? 214 : Math.round(hue[2] * shade)
      png.data[i + 3] = 255
    }
  }
  return PNG.sync.write(png)
}

export async function seedActivities(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    if (docs.length) await db.collection(collection).add(docs.map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }
  const member = (openid: string) => membershipId(C, openid)
  const neighbour = seedMember
  const committee = member('demo-committee')
  const resident = member('demo-resident')
  const at = (days: number, hour = 0, minute = 0) => {
    // A day counted from the seed's day in China time, at a China-time hour.
    const day = new Date(`${chinaDay(new Date(now.getTime() + days * DAY))}T00:00:00+08:00`)
    return new Date(day.getTime() + hour * HOUR + minute * 60_000)
  }
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
  const round = (k: string, activity: string) => `seed-${activity.slice(-2)}-${k.slice(-6)}`

  const posters: Record<string, string> = {}
  for (const [name, hue, seed] of [
    ['craft', [236, 128, 64], 1],
    ['clinic', [64, 150, 200], 2],
    ['dumplings', [200, 70, 60], 3],
  ] as const) {
    posters[name] = (await app.uploadFile({ cloudPath: posterPath(name), fileContent: poster([...hue], seed) })).fileID as string
  }

  interface Plan {
    id: string
    title: string
    category: ActivityCategory
    description: string
    place: string
    startAt: Date
    endAt: Date
    signupStartAt?: Date | null
    signupEndAt: Date
    capacity: number
    maxCompanions?: number
    cancelPolicy?: Activity['cancelPolicy']
    fields?: CustomField[]
    waitlist?: boolean
    claimWindowMinutes?: number | null
    points?: number
    poster?: string | null
    /** who holds seats, with companions, signed up this many hours ago */
    seated?: Array<[string, number, number]>
    queue?: Array<[string, number, number]>
    status?: Activity['status']
    cancelReason?: string | null
    createdHoursAgo: number
    summary?: Activity['summary']
  }

  const activity = (p: Plan): Activity => {
    const seated: Seat[] = (p.seated ?? []).map(([k, companions, hoursAgo]) => ({ k, p: companions + 1, r: round(k, p.id), at: ago(hoursAgo), until: null }))
    const queue: Waiter[] = (p.queue ?? []).map(([k, companions, hoursAgo]) => ({ k, p: companions + 1, r: round(k, p.id), at: ago(hoursAgo) }))
    const posterId = p.poster ?? null
    const counters = countersOf({ capacity: p.capacity, fillSeats: false }, seated, queue)
    const taken = counters.seatsTaken
    return {
      _id: p.id,
      communityId: C,
      title: p.title,
      category: p.category,
      description: p.description,
      place: p.place,
      startAt: p.startAt,
      endAt: p.endAt,
      signupStartAt: p.signupStartAt ?? null,
      signupEndAt: p.signupEndAt,
      capacity: p.capacity,
      maxCompanions: p.maxCompanions ?? 0,
      cancelPolicy: p.cancelPolicy ?? 'beforeStart',
      fields: p.fields ?? [],
      requiredFields: (p.fields ?? []).filter((f) => f.required).length,
      fieldsKey: fieldsKey(p.fields ?? []),
      waitlist: p.waitlist ?? true,
      claimWindowMinutes: p.claimWindowMinutes ?? null,
      fillSeats: false,
      eligibility: { kind: 'all', buildingIds: [] },
      eligibleKeys: ['all'],
      points: p.points ?? 5,
      organiserIds: [],
      teamId: null,
      createdBy: committee,
      poster: posterId,
      photos: posterId ? [posterId] : [],
      publicPhotos: posterId ? [posterId] : [],
      reviewPhotos: [],
      status: p.status ?? 'published',
      cancelReason: p.cancelReason ?? null,
      cancelledAt: p.status === 'cancelled' ? ago(20) : null,
      ...counters,
      // A cancelled activity takes nobody new.
      ...(p.status === 'cancelled' ? { freeForNew: 0 } : {}),
      version: 1,
      queueLog: [],
      alerted: [50, 80, 100].filter((pct) => taken * 100 >= pct * p.capacity),
      remindedDay: p.startAt.getTime() - now.getTime() < DAY,
      remindedSoon: p.startAt.getTime() - now.getTime() < 2 * HOUR,
      summary: p.summary ?? null,
      createdAt: ago(p.createdHoursAgo),
      updatedAt: ago(1),
    }
  }

  const registration = (a: Activity, entry: Seat | Waiter, status: Registration['status'], answers: Record<string, string | number> = {}): Registration => ({
    _id: `${a._id}:${entry.k.slice(entry.k.indexOf(':') + 1)}`,
    communityId: C,
    activityId: a._id,
    memberId: entry.k,
    round: entry.r,
    v: 1,
    status,
    companions: entry.p - 1,
    answers,
    signedUpAt: entry.at,
    promotedAt: null,
    offerUntil: null,
    cancelledAt: status === 'activityCancelled' ? ago(20) : null,
    cancelReason: status === 'activityCancelled' ? a.cancelReason : null,
    proxy: null,
    history: [{ at: entry.at, what: status === 'waitlisted' ? '报名（候补）' : '报名', by: null, reason: null }],
    startAt: a.startAt,
    owes: [],
  })

  const A = SEED_ACTIVITIES
  const form: CustomField[] = [
    { id: 'f1', label: '联系电话', type: 'phone', required: true },
    { id: 'f2', label: '孩子年龄', type: 'number', required: false },
  ]
  const craft = activity({
    id: A.craft,
    title: '周末亲子手工：旧物改造小花盆',
    category: 'children',
    description: '用饮料瓶、旧衣服做小花盆，再种上一棵多肉带回家。材料社区准备，适合 4–12 岁的孩子和家长一起参加。\n\n报名时请留联系电话（只有组织者看得到），方便活动当天联系；填上孩子年龄，老师好准备材料。',
    place: '社区党群服务中心一楼活动室',
    startAt: at(3, 9, 30),
    endAt: at(3, 11, 30),
    signupEndAt: at(2, 20),
    capacity: 20,
    maxCompanions: 2,
    fields: form,
    poster: posters.craft,
    seated: [
      [member('demo-volunteer'), 1, 34],
      [neighbour(17), 1, 30],
      [neighbour(18), 2, 26],
      [neighbour(19), 1, 20],
      [neighbour(20), 0, 8],
    ],
    createdHoursAgo: 48,
  })
  const talk = activity({
    id: A.talk,
    title: '垃圾分类小课堂',
    category: 'learning',
    description: '街道环卫所的老师讲讲厨余垃圾和其他垃圾怎么分，现场有分类小游戏，答对有小礼品。',
    place: '社区党群服务中心二楼会议室',
    startAt: at(0, 19, 30) > now ? at(0, 19, 30) : at(1, 19, 30),
    endAt: at(0, 19, 30) > now ? at(0, 20, 30) : at(1, 20, 30),
    signupEndAt: at(0, 19, 30) > now ? at(0, 19, 30) : at(1, 19, 30),
    capacity: 40,
    seated: [
      [resident, 0, 20],
      [member('demo-lead'), 0, 18],
      ...[21, 22, 23, 24, 25].map((n, i): [string, number, number] => [neighbour(n), 0, 16 - i]),
    ],
    createdHoursAgo: 72,
  })
  const clinic = activity({
    id: A.clinic,
    title: '社区义诊：量血压、测血糖',
    category: 'health',
    description: '社区卫生服务站的医生来社区，免费量血压、测血糖，解答慢病用药问题。名额按医生人手定，满了可以候补，有人取消会按顺序通知。',
    place: '社区卫生服务站门口（3号楼旁）',
    startAt: at(1, 9),
    endAt: at(1, 11, 30),
    signupEndAt: at(1, 8),
    capacity: 6,
    cancelPolicy: 'beforeStart',
    poster: posters.clinic,
    seated: [9, 10, 11, 12, 13, 14].map((n, i): [string, number, number] => [neighbour(n), 0, 40 - i]),
    queue: [
      [neighbour(15), 0, 12],
      [resident, 0, 6],
      [neighbour(16), 0, 3],
    ],
    claimWindowMinutes: 120,
    createdHoursAgo: 50,
  })
  const calligraphy = activity({
    id: A.calligraphy,
    title: '书法兴趣班（第一期）',
    category: 'culture',
    description: '退休的王老师义务教毛笔字，每周六下午一次，共四次。笔墨纸砚社区提供。报名明天上午 9 点开始。',
    place: '社区老年活动室',
    startAt: at(7, 14, 30),
    endAt: at(7, 16, 30),
    signupStartAt: at(1, 9),
    signupEndAt: at(6, 20),
    capacity: 12,
    cancelPolicy: 'beforeSignupEnd',
    createdHoursAgo: 6,
  })
  // Neighbours from the 12th on, and the personas, start the demo without points (tests credit them afresh).
  const dumplingsAttendees = [1, 2, 7, 8, 10, 11].map(neighbour)
  const dumplingsNoShow = [neighbour(4), neighbour(5)]
  const dumplings = activity({
    id: A.dumplings,
    title: '邻里包饺子，给独居老人送温暖',
    category: 'elderly',
    description: '天冷了，邻居们一起包饺子，给楼里的独居老人送上门。面和馅社区准备。',
    place: '社区食堂',
    startAt: at(-5, 9, 30),
    endAt: at(-5, 11, 30),
    signupEndAt: at(-6, 20),
    capacity: 12,
    cancelPolicy: 'beforeSignupEnd',
    points: 10,
    poster: posters.dumplings,
    seated: [...dumplingsAttendees, ...dumplingsNoShow].map((k, i): [string, number, number] => [k, 0, 24 * 9 - i]),
    createdHoursAgo: 24 * 12,
    summary: {
      text: '包了三百多个饺子，给 3 号楼和 5 号楼的 16 位独居老人送上门。谢谢来帮忙的邻居们，下次再聚！',
      attended: dumplingsAttendees.length,
      noShows: dumplingsNoShow.length,
      at: at(-5, 15),
      by: committee,
      noticeId: null,
    },
  })
  const hike = activity({
    id: A.hike,
    title: '环筼筜湖健步走',
    category: 'sports',
    description: '沿筼筜湖走一圈约 6 公里，量力而行，社区准备了饮用水。',
    place: '白鹭洲公园东门集合',
    startAt: at(4, 7, 30),
    endAt: at(4, 9, 30),
    signupEndAt: at(3, 20),
    capacity: 30,
    seated: [1, 2, 3].map((n, i): [string, number, number] => [neighbour(n), 0, 30 - i]),
    status: 'cancelled',
    cancelReason: '气象台发布台风预警，为安全起见取消，天气好转后再组织。',
    createdHoursAgo: 60,
  })

  const all = [craft, talk, clinic, calligraphy, dumplings, hike]
  await add('activities', all as unknown as Array<Record<string, unknown>>)
  const registrations = [
    ...craft.seated.map((s, i) => registration(craft, s, 'registered', { f1: `1380000${1000 + i}`, f2: 5 + i })),
    ...talk.seated.map((s) => registration(talk, s, 'registered')),
    ...clinic.seated.map((s) => registration(clinic, s, 'registered')),
    ...clinic.queue.map((w) => registration(clinic, w, 'waitlisted')),
    ...dumplings.seated.map((s) => registration(dumplings, s, 'registered')),
    ...hike.seated.map((s) => registration(hike, s, 'activityCancelled')),
  ]
  await add('activityRegistrations', registrations as unknown as Array<Record<string, unknown>>)

  // The finished activity's attendance, each credited its points as a check-in does: an entry and the member's balance.
  const checkedInAt = (i: number) => new Date(dumplings.startAt.getTime() - 15 * 60_000 + i * 90_000)
  await add(
    'attendance',
    dumplingsAttendees.map((m, i) => ({
      _id: attendanceId('activity', dumplings._id, m),
      kind: 'activity',
      eventId: dumplings._id,
      memberId: m,
      method: i === 3 ? 'manual' : 'scan',
      by: i === 3 ? committee : null,
      location: null,
      at: checkedInAt(i),
      walkIn: false,
      checkedOutAt: null,
      outMethod: null,
      outBy: null,
      minutes: null,
    })),
  )
  for (const [i, m] of dumplingsAttendees.entries()) documents += await credit(app, m, dumplings.points, `活动签到：${dumplings.title}`, `checkin:${attendanceId('activity', dumplings._id, m)}`, checkedInAt(i))
  return documents
}

/**
 * One attendance's points, written the way the ledger writes them: the entry (its
 * id from its source) and the member's balance, which another area's seed may
 * already have started.
 */
async function credit(app: CloudBase, memberId: string, amount: number, label: string, source: string, at: Date): Promise<number> {
  const balances = app.database().collection('pointBalances')
  const found = ((await balances.doc(balanceId(memberId)).get()) as { data?: PointBalance[] }).data?.[0]
  const before: Pick<PointBalance, 'balance' | 'entries' | 'day' | 'earned'> = found ?? { balance: 0, entries: 0, day: chinaDay(at), earned: {} }
  const day = chinaDay(at)
  const earned = before.day === day ? { ...before.earned, attendance: (before.earned.attendance ?? 0) + amount } : before.day > day ? before.earned : { attendance: amount }
  const next = { memberId, balance: before.balance + amount, entries: before.entries + 1, day: before.day > day ? before.day : day, earned, updatedAt: at, communityId: C }
  await app.database().collection('pointEntries').add({
    _id: entryId(memberId, source),
    communityId: C,
    memberId,
    amount,
    kind: 'attendance',
    source,
    label,
    reason: null,
    by: null,
    at,
    seq: before.entries + 1,
    balanceAfter: next.balance,
  })
  await balances.doc(balanceId(memberId)).set(next)
  return found ? 1 : 2
}
