/**
 * The demo's 志愿服务: the 鹭江志愿服务队 led by 吴丽娟 (demo-lead) runs three
 * weekly projects — 长者助餐送餐 on Saturdays, 垃圾分类桶边督导 on Wednesdays,
 * 夜间平安巡逻 on Fridays — with eight past weeks of shifts and the next two
 * weeks open for sign-up. Its volunteers stand at different star levels (the
 * community uses the small-community thresholds 10/20/30/40/50 h): 黄志明
 * (demo-volunteer) has 9 h, one short of his first star; the others hold 1, 2,
 * 3 and 5 stars from the records seeded here. Every credited record earned its
 * service points through the ledger, as a check-out does. A recent shift has a
 * check-in left open for the lead to settle, a short stay that counted nothing
 * (and its correction request), honour hours confirmed and honour hours waiting
 * for a committee member; one application waits for the committee.
 * Deterministic ids; dates follow the seed's `now` in China time.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { attendanceId, checkinSecret } from '../../cloudfunctions/api/src/platform/checkin'
import { balanceId, chinaDay, entryId, servicePoints } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEFAULT_SETTINGS } from '../../cloudfunctions/api/src/platform/settings'
import { STAR_PRESETS, type ServiceCategory } from '../../cloudfunctions/api/src/platform/labels'
import {
  afterWorkingDays,
  correctionId,
  FINAL_AFTER_WORKING_DAYS,
  honourId,
  idNumberHash,
  maskIdNumber,
  REMIND_AFTER_WORKING_DAYS,
  starFor,
  totalsId,
  volunteerId,
} from '../../cloudfunctions/api/src/modules/volunteer/model'
import { formatVolunteerNumber } from '../../cloudfunctions/api/src/modules/volunteer/people'
import { DEMO_COMMUNITY, PERSONAS, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const MINUTE = 60_000
const CHINA = 8 * 3_600_000
const STAR_HOURS = [...STAR_PRESETS.small]

export const SEED_TEAM = `${C}:vteam-s1`
export const SEED_PROJECTS = { meals: `${C}:vproj-s1`, sorting: `${C}:vproj-s2`, patrol: `${C}:vproj-s3` }

interface Weekly {
  key: keyof typeof SEED_PROJECTS
  title: string
  description: string
  category: ServiceCategory
  /** 0 Sunday … 6 Saturday, China time */
  weekday: number
  start: string
  minutes: number
  place: string
  content: string
  capacity: number
}

const WEEKLY: Weekly[] = [
  {
    key: 'meals',
    title: '长者助餐送餐',
    description: '每周六中午在社区长者食堂分餐，并为行动不便的独居、高龄老人送餐上门，顺便问候身体和用电用气情况。',
    category: 'elderly',
    weekday: 6,
    start: '10:30',
    minutes: 120,
    place: '社区长者食堂',
    content: '分餐、送餐上门、问候老人',
    capacity: 6,
  },
  {
    key: 'sorting',
    title: '垃圾分类桶边督导',
    description: '每周三晚上在各楼栋垃圾投放点值守，引导邻居分类投放，整理桶边卫生。',
    category: 'environment',
    weekday: 3,
    start: '18:30',
    minutes: 90,
    place: '各楼栋垃圾投放点',
    content: '指导分类投放、整理桶边',
    capacity: 8,
  },
  {
    key: 'patrol',
    title: '夜间平安巡逻',
    description: '每周五晚上两人一组巡查楼道、车棚和消防通道，发现隐患及时报告居委会和物业。',
    category: 'safety',
    weekday: 5,
    start: '19:30',
    minutes: 180,
    place: '社区警务室集合',
    content: '巡查楼道、车棚和消防通道',
    capacity: 6,
  },
]

/** The weeks seeded before and after now. */
const PAST_WEEKS = 8
const NEXT_WEEKS = 2

/** A valid mainland identity number (GB 11643 check digit) from its first 17 digits; made up for the demo. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0)
  return first17 + '10X98765432'[sum % 11]
}

/** The occurrences of a weekly shift: the `past` latest that ended before now (latest first) and the `next` that start after it. */
function occurrences(w: Weekly, now: Date): { past: Date[]; next: Date[] } {
  const [h, m] = w.start.split(':').map(Number)
  const today = Math.floor((now.getTime() + CHINA) / DAY)
  const startOn = (day: number) => new Date(day * DAY - CHINA + (h * 60 + m) * MINUTE)
  const past: Date[] = []
  const next: Date[] = []
  for (let day = today + 14; day >= today - 7 * (PAST_WEEKS + 1); day--) {
    if (new Date(day * DAY).getUTCDay() !== w.weekday) continue
    const start = startOn(day)
    const end = start.getTime() + w.minutes * MINUTE
    if (end < now.getTime() && past.length < PAST_WEEKS) past.push(start)
    else if (start.getTime() > now.getTime()) next.unshift(start)
  }
  return { past, next: next.slice(0, NEXT_WEEKS) }
}

/** Who served at which past occurrence (0 = the latest) of each project, and how. */
interface Served {
  key: keyof typeof SEED_PROJECTS
  weeks: number[]
  /** stayed this many minutes, too few to count (the check-out came early) */
  shortMinutes?: number
  /** checked in, never out: for the lead to settle */
  open?: boolean
}

interface SeedVolunteer {
  openid: string
  name: string
  /** first 17 digits of a made-up identity number */
  id17: string
  skills: string[]
  categories: ServiceCategory[]
  daysAgoApplied: number
  served: Served[]
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i)

export async function seedVolunteers(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const _ = db.command
  const people = neighbours()
  const neighbour = (n: number) => people[n - 1]
  const member = (openid: string) => membershipId(C, openid)
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const lead = member('demo-lead')
  const committee = member('demo-committee')
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100).map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }

  // A community of 40 households counts stars by the small-community thresholds.
  await db.collection('communities').doc(C).update({ settings: { starHours: STAR_HOURS } })

  const volunteer = PERSONAS.find((p) => p.openid === 'demo-volunteer')!
  const [n21, n22, n23, n24, n25] = [21, 22, 23, 24, 25].map(neighbour)
  const VOLUNTEERS: SeedVolunteer[] = [
    // One short of his first star: 9 h of patrols.
    { openid: volunteer.openid, name: volunteer.name, id17: '35020319580312041', skills: ['书法', '电脑维修'], categories: ['elderly', 'safety'], daysAgoApplied: 80, served: [{ key: 'patrol', weeks: [1, 2, 3] }] },
    // 5 stars: every shift of the eight weeks (16 + 12 + 24 = 52 h).
    { openid: n21.openid, name: n21.name, id17: '35020319620705202', skills: ['驾驶'], categories: ['elderly', 'environment', 'safety'], daysAgoApplied: 79, served: [{ key: 'meals', weeks: all(8) }, { key: 'sorting', weeks: all(8) }, { key: 'patrol', weeks: all(8) }] },
    // 3 stars: 16 + 15 = 31 h, and 1 h of confirmed honour hours.
    { openid: n22.openid, name: n22.name, id17: '35020319700918302', skills: ['烹饪'], categories: ['elderly'], daysAgoApplied: 78, served: [{ key: 'meals', weeks: all(8) }, { key: 'patrol', weeks: [0, 1, 2, 3, 4] }] },
    // 1 star: 10.5 h of sorting; the latest evening's check-in is still open.
    { openid: n23.openid, name: n23.name, id17: '35020319850214402', skills: [], categories: ['environment'], daysAgoApplied: 70, served: [{ key: 'sorting', weeks: [1, 2, 3, 4, 5, 6, 7] }, { key: 'sorting', weeks: [0], open: true }] },
    // 2 stars: 12 + 9 = 21 h; the latest patrol counted nothing (left after 40 minutes) and she asked for a correction.
    { openid: n24.openid, name: n24.name, id17: '35020319780621522', skills: ['急救证'], categories: ['elderly', 'safety', 'health'], daysAgoApplied: 65, served: [{ key: 'meals', weeks: [0, 1, 2, 3, 4, 5] }, { key: 'patrol', weeks: [1, 2, 3] }, { key: 'patrol', weeks: [0], shortMinutes: 40 }] },
  ]
  const approved = VOLUNTEERS.map((v) => member(v.openid))

  // Shifts: past ones with their attendees, the next two weeks open (some seats taken, the next patrol full).
  const shiftId = (key: string, start: Date) => `${C}:vshift-s-${key}-${chinaDay(start)}`
  const shifts: Array<Record<string, unknown>> = []
  const attendance: Array<Record<string, unknown>> = []
  const credited: Array<{ memberId: string; at: Date; minutes: number; source: string }> = []
  const pastOf = new Map<string, Date[]>()
  for (const w of WEEKLY) {
    const { past, next } = occurrences(w, now)
    pastOf.set(w.key, past)
    const shiftDoc = (start: Date, signups: string[], capacity = w.capacity) => {
      const end = new Date(start.getTime() + w.minutes * MINUTE)
      const remindAt = afterWorkingDays(end, REMIND_AFTER_WORKING_DAYS)
      return {
        _id: shiftId(w.key, start),
        projectId: SEED_PROJECTS[w.key],
        teamId: SEED_TEAM,
        title: w.title,
        content: w.content,
        place: w.place,
        startAt: start,
        endAt: end,
        capacity,
        seatsLeft: capacity - signups.length,
        signedUp: signups.length,
        signups: signups.map((memberId, i) => ({ memberId, at: new Date(start.getTime() - (3 - i * 0.1) * DAY) })),
        cutoffHours: 2,
        status: 'open',
        attended: 0,
        creditedMinutes: 0,
        finalAt: afterWorkingDays(end, FINAL_AFTER_WORKING_DAYS),
        remindAt,
        // Reminders of shifts long past were sent at the time.
        reminded: remindAt.getTime() <= now.getTime(),
        createdBy: lead,
        createdAt: new Date(start.getTime() - 10 * DAY),
      }
    }
    past.forEach((start, week) => {
      const doc = shiftDoc(start, [])
      const serving = VOLUNTEERS.flatMap((v) => v.served.filter((s) => s.key === w.key && s.weeks.includes(week)).map((s) => ({ v, s })))
      doc.signups = serving.map(({ v }, i) => ({ memberId: member(v.openid), at: new Date(start.getTime() - (3 - i * 0.1) * DAY) }))
      doc.signedUp = serving.length
      doc.seatsLeft = w.capacity - serving.length
      serving.forEach(({ v, s }, i) => {
        const memberId = member(v.openid)
        const inAt = new Date(start.getTime() - (5 - i) * MINUTE)
        const stayed = s.open ? null : (s.shortMinutes ?? w.minutes)
        const counted = stayed === null ? null : stayed >= Math.ceil(DEFAULT_SETTINGS.serviceShare * w.minutes) ? stayed : 0
        const aid = attendanceId('shift', doc._id, memberId)
        attendance.push({
          _id: aid,
          kind: 'shift',
          eventId: doc._id,
          memberId,
          method: 'scan',
          by: null,
          location: null,
          at: inAt,
          walkIn: false,
          checkedOutAt: stayed === null ? null : new Date(start.getTime() + stayed * MINUTE),
          outMethod: stayed === null ? null : 'scan',
          outBy: null,
          minutes: stayed,
          creditedMinutes: counted,
        })
        if (counted) {
          doc.attended += 1
          doc.creditedMinutes += counted
          credited.push({ memberId, at: new Date(start.getTime() + counted * MINUTE), minutes: counted, source: `checkin:${aid}` })
        }
      })
      shifts.push(doc)
    })
    next.forEach((start, week) => {
      // 黄志明's own sign-ups are left to him (the demo's and the e2e's first step).
      const taken = week === 0 ? [member(n21.openid), member(n22.openid)] : [member(n24.openid)]
      shifts.push(w.key === 'patrol' && week === 0 ? shiftDoc(start, [member(n21.openid), member(n22.openid), member(n24.openid)], 3) : shiftDoc(start, taken))
    })
  }

  await add('volunteerTeams', [
    {
      _id: SEED_TEAM,
      name: '鹭江志愿服务队',
      description: '社区居委会组建的志愿服务队，队员来自各楼栋，常年开展助老、环保和平安巡逻服务。',
      leadIds: [lead],
      createdAt: ago(100),
    },
  ])
  await add(
    'volunteerProjects',
    WEEKLY.map((w, i) => ({ _id: SEED_PROJECTS[w.key], title: w.title, description: w.description, category: w.category, teamId: SEED_TEAM, status: 'open', createdBy: lead, createdAt: ago(90 - i) })),
  )
  await add('volunteerShifts', shifts)
  await add('attendance', attendance)

  // Applications: five approved (numbers in the order they were decided), one waiting for the committee.
  const secret = checkinSecret()
  const applicant = { openid: n25.openid, name: n25.name, id17: '35020320010409612', skills: ['摄影'], categories: ['culture'] as ServiceCategory[], daysAgoApplied: 2 }
  const application = (v: Omit<SeedVolunteer, 'served'>, number: string | null) => {
    const id = idNumber(v.id17)
    const memberId = member(v.openid)
    return {
      doc: {
        _id: volunteerId(memberId),
        memberId,
        status: number ? 'approved' : 'pending',
        realName: v.name,
        idMasked: maskIdNumber(id),
        idHash: idNumberHash(id, C, secret),
        skills: v.skills,
        categories: v.categories,
        number,
        appliedAt: ago(v.daysAgoApplied),
        decidedAt: number ? ago(v.daysAgoApplied - 1) : null,
        decidedBy: number ? committee : null,
        declineReason: null,
      },
      key: { _id: `${C}:idk-${idNumberHash(id, C, secret)}`, memberId },
    }
  }
  const applications = [...VOLUNTEERS.map((v, i) => application(v, formatVolunteerNumber(i + 1))), application(applicant, null)]
  await add('volunteers', applications.map((a) => a.doc))
  await add('volunteerIdKeys', applications.map((a) => a.key))
  await add('volunteerCounters', [{ _id: `${C}:volunteer-numbers`, next: VOLUNTEERS.length + 1 }])
  for (const memberId of approved) await db.collection('memberships').doc(memberId).update({ roles: _.addToSet('volunteer') })

  // Honour hours: 1 h for an early set-up, confirmed; 1.5 h for a stand-in without a phone, waiting for a committee member.
  const meals = pastOf.get('meals')!
  const honour = (memberId: string, start: Date, minutes: number, reason: string, confirmed: boolean) => ({
    _id: honourId(shiftId('meals', start), memberId),
    shiftId: shiftId('meals', start),
    memberId,
    minutes,
    reason,
    status: confirmed ? 'confirmed' : 'pending',
    addedBy: lead,
    addedAt: new Date(start.getTime() + 3 * 3_600_000),
    decidedBy: confirmed ? committee : null,
    decidedAt: confirmed ? new Date(start.getTime() + DAY) : null,
    declineReason: null,
  })
  const confirmedHonour = honour(member(n22.openid), meals[3], 60, '提前一小时到食堂分装餐盒，未能扫码', true)
  await add('volunteerHonours', [confirmedHonour, honour(member(n23.openid), meals[0], 90, '临时顶替送餐，忘带手机未能扫码', false)])

  // The short patrol, which its volunteer says was recorded wrongly.
  const patrol = pastOf.get('patrol')![0]
  await add('volunteerCorrections', [
    {
      _id: correctionId(shiftId('patrol', patrol), member(n24.openid)),
      shiftId: shiftId('patrol', patrol),
      memberId: member(n24.openid),
      request: '那天我 19:30 到 22:30 一直在巡逻，中途手机没电，借队友手机扫的签退码，时长只记了 40 分钟。',
      minutesBefore: 0,
      status: 'pending',
      requestedAt: new Date(patrol.getTime() + DAY),
      answer: null,
      minutesAfter: null,
      answeredBy: null,
      answeredAt: null,
      history: [],
    },
  ])

  // Totals and stars, awarded in the order the hours came; points as each check-out credited them.
  const perHour = DEFAULT_SETTINGS.points.perServiceHour
  const totals: Array<Record<string, unknown>> = []
  const entries: Array<Record<string, unknown>> = []
  for (const memberId of approved) {
    const mine = credited.filter((c) => c.memberId === memberId).sort((a, b) => a.at.getTime() - b.at.getTime())
    let minutes = 0
    const starAwards: Array<{ level: number; at: Date }> = []
    const balance = ((await db.collection('pointBalances').doc(balanceId(memberId)).get()) as { data: Array<{ balance: number; entries: number }> }).data[0]
    let points = balance?.balance ?? 0
    let seq = balance?.entries ?? 0
    for (const c of mine) {
      minutes += c.minutes
      for (let level = starAwards.length + 1; level <= starFor(minutes, STAR_HOURS); level++) starAwards.push({ level, at: c.at })
      const amount = servicePoints(c.minutes, perHour)
      points += amount
      seq += 1
      entries.push({ _id: entryId(memberId, c.source), memberId, amount, kind: 'service', source: c.source, label: `志愿服务服务 ${c.minutes} 分钟`, reason: null, by: null, at: c.at, seq, balanceAfter: points })
    }
    const honourMinutes = confirmedHonour.memberId === memberId ? confirmedHonour.minutes : 0
    const last = mine.at(-1)?.at ?? now
    totals.push({
      _id: totalsId(memberId),
      memberId,
      creditedMinutes: minutes,
      honourMinutes,
      honourByYear: honourMinutes ? { [chinaDay(confirmedHonour.decidedAt!).slice(0, 4)]: honourMinutes } : {},
      star: starAwards.length,
      starAwards,
      updatedAt: last,
    })
    if (mine.length === 0) continue
    const doc = { memberId, balance: points, entries: seq, day: chinaDay(last), earned: { service: servicePoints(mine.at(-1)!.minutes, perHour) }, updatedAt: last }
    if (balance) await db.collection('pointBalances').doc(balanceId(memberId)).update({ balance: points, entries: seq, updatedAt: last })
    else await add('pointBalances', [{ _id: balanceId(memberId), ...doc }])
  }
  await add('volunteerTotals', totals)
  await add('pointEntries', entries)
  return documents
}
