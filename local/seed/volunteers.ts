/**
 * The demo's 志愿服务 history, beside the part the server's tests name
 * (./volunteer.ts: the team 鹭江志愿服务队 led by 吴丽娟 (demo-lead), its
 * 关爱独居老人 project, an open check-in, pending honour hours and correction).
 * The same team runs three weekly projects here — 长者助餐送餐 on Saturdays,
 * 垃圾分类桶边督导 on Wednesdays, 夜间平安巡逻 on Fridays — with past weeks and
 * the next two weeks open for sign-up. Four long-serving neighbours stand at
 * different star levels under the national thresholds (100/300/600/1000/1500 h):
 * two years of Friday patrols make a 2-star volunteer; a 1-star one also has
 * confirmed honour hours; one stands at 99 h, an hour short of the first star;
 * a newer one has 12 h. Every credited record earned its service points through
 * the ledger, as a check-out does. Deterministic ids; dates follow the seed's
 * `now` in China time.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { attendanceId, checkinSecret } from '../../cloudfunctions/api/src/platform/checkin'
import { balanceId, chinaDay, entryId, servicePoints } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEFAULT_SETTINGS } from '../../cloudfunctions/api/src/platform/settings'
import type { ServiceCategory } from '../../cloudfunctions/api/src/platform/labels'
import {
  afterWorkingDays,
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
import { DEMO_COMMUNITY, neighbours } from './data'
import { SEED_VOLUNTEER } from './volunteer'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const MINUTE = 60_000
const CHINA = 8 * 3_600_000
const STAR_HOURS = DEFAULT_SETTINGS.starHours

export const SEED_PROJECTS = { meals: `${C}:vproj-s3`, sorting: `${C}:vproj-s4`, patrol: `${C}:vproj-s5` }
/** The volunteers seeded here, by neighbour number (local/seed/data neighbours(), from 1). */
export const SEED_VETERANS = { twoStars: 1, oneStar: 2, almostOneStar: 3, newer: 4 }
/** ./volunteer.ts numbers its two volunteers ZY000001–2; these follow. */
const FIRST_NUMBER = 3

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
  /** how many past weeks are seeded */
  pastWeeks: number
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
    pastWeeks: 8,
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
    pastWeeks: 8,
  },
  {
    key: 'patrol',
    title: '夜间平安巡逻',
    description: '每周五晚上两人一组巡查楼道、车棚和消防通道，发现隐患及时报告居委会和物业。已坚持两年。',
    category: 'safety',
    weekday: 5,
    start: '19:30',
    minutes: 180,
    place: '社区警务室集合',
    content: '巡查楼道、车棚和消防通道',
    capacity: 6,
    pastWeeks: 104,
  },
]

const NEXT_WEEKS = 2

/** A valid mainland identity number (GB 11643 check digit) from its first 17 digits; made up for the demo. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0)
  return first17 + '10X98765432'[sum % 11]
}

/** The occurrences of a weekly shift: the latest that ended before now (latest first) and the next that start after it. */
function occurrences(w: Weekly, now: Date): { past: Date[]; next: Date[] } {
  const [h, m] = w.start.split(':').map(Number)
  const today = Math.floor((now.getTime() + CHINA) / DAY)
  const startOn = (day: number) => new Date(day * DAY - CHINA + (h * 60 + m) * MINUTE)
  const past: Date[] = []
  const next: Date[] = []
  for (let day = today + 14; day >= today - 7 * (w.pastWeeks + 1); day--) {
    if (new Date(day * DAY).getUTCDay() !== w.weekday) continue
    const start = startOn(day)
    const end = start.getTime() + w.minutes * MINUTE
    if (end < now.getTime() && past.length < w.pastWeeks) past.push(start)
    else if (start.getTime() > now.getTime()) next.unshift(start)
  }
  return { past, next: next.slice(0, NEXT_WEEKS) }
}

/** Who served at which past occurrence (0 = the latest) of each project. */
interface Served {
  key: keyof typeof SEED_PROJECTS
  weeks: number[]
}

interface SeedVolunteer {
  neighbour: number
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
  const member = (openid: string) => membershipId(C, openid)
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const lead = member('demo-lead')
  const committee = member('demo-committee')
  const team = SEED_VOLUNTEER.team
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100).map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }

  const V = SEED_VETERANS
  const VOLUNTEERS: SeedVolunteer[] = [
    // Two years of Friday patrols: 312 h, 2 stars.
    { neighbour: V.twoStars, id17: '35020319620705202', skills: ['驾驶'], categories: ['safety', 'elderly'], daysAgoApplied: 760, served: [{ key: 'patrol', weeks: all(104) }] },
    // 108 h of patrols and 16 h of meals: 124 h, 1 star; and 1 h of confirmed honour hours.
    { neighbour: V.oneStar, id17: '35020319700918302', skills: ['烹饪'], categories: ['elderly', 'safety'], daysAgoApplied: 300, served: [{ key: 'patrol', weeks: all(36) }, { key: 'meals', weeks: all(8) }] },
    // 33 patrols: 99 h, an hour short of the first star.
    { neighbour: V.almostOneStar, id17: '35020319580312041', skills: ['书法', '电脑维修'], categories: ['elderly', 'safety'], daysAgoApplied: 280, served: [{ key: 'patrol', weeks: all(33).map((w) => w + 2) }] },
    // Eight Wednesday evenings: 12 h.
    { neighbour: V.newer, id17: '35020319850214402', skills: [], categories: ['environment'], daysAgoApplied: 70, served: [{ key: 'sorting', weeks: all(8) }] },
  ]
  const openidOf = (v: SeedVolunteer) => people[v.neighbour - 1].openid
  const approved = VOLUNTEERS.map((v) => member(openidOf(v)))

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
        teamId: team,
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
      const serving = VOLUNTEERS.filter((v) => v.served.some((s) => s.key === w.key && s.weeks.includes(week))).map((v) => member(openidOf(v)))
      const doc = shiftDoc(start, serving)
      serving.forEach((memberId, i) => {
        const inAt = new Date(start.getTime() - (5 - i) * MINUTE)
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
          checkedOutAt: new Date(start.getTime() + w.minutes * MINUTE + 3 * MINUTE),
          outMethod: 'scan',
          outBy: null,
          minutes: w.minutes,
          creditedMinutes: w.minutes,
        })
        doc.attended += 1
        doc.creditedMinutes += w.minutes
        credited.push({ memberId, at: new Date(start.getTime() + w.minutes * MINUTE + 3 * MINUTE), minutes: w.minutes, source: `checkin:${aid}` })
      })
      shifts.push(doc)
    })
    const [first, second] = approved
    next.forEach((start, week) => {
      // The 99-hour volunteer's next sign-up is left to him (the demo's and the e2e's first step).
      shifts.push(w.key === 'patrol' && week === 0 ? shiftDoc(start, [first, second, approved[3]], 3) : shiftDoc(start, week === 0 ? [first, second] : [second]))
    })
  }

  await add(
    'volunteerProjects',
    WEEKLY.map((w, i) => ({ _id: SEED_PROJECTS[w.key], title: w.title, description: w.description, category: w.category, teamId: team, status: 'open', createdBy: lead, createdAt: ago(760 - i) })),
  )
  await add('volunteerShifts', shifts)
  await add('attendance', attendance)

  // Their applications, approved in the order they came, numbered after ./volunteer.ts's two.
  const secret = checkinSecret()
  const byApplication = [...VOLUNTEERS].sort((a, b) => b.daysAgoApplied - a.daysAgoApplied)
  const applications = byApplication.map((v, i) => {
    const id = idNumber(v.id17)
    const memberId = member(openidOf(v))
    const idHash = idNumberHash(id, C, secret)
    return {
      doc: {
        _id: volunteerId(memberId),
        memberId,
        status: 'approved',
        realName: people[v.neighbour - 1].name,
        idMasked: maskIdNumber(id),
        idHash,
        skills: v.skills,
        categories: v.categories,
        number: formatVolunteerNumber(FIRST_NUMBER + i),
        appliedAt: ago(v.daysAgoApplied),
        decidedAt: ago(v.daysAgoApplied - 1),
        decidedBy: committee,
        declineReason: null,
      },
      key: { _id: `${C}:idk-${idHash}`, memberId },
    }
  })
  await add('volunteers', applications.map((a) => a.doc))
  await add('volunteerIdKeys', applications.map((a) => a.key))
  await db.collection('volunteerCounters').doc(`${C}:volunteer-numbers`).update({ next: FIRST_NUMBER + applications.length })
  for (const memberId of approved) await db.collection('memberships').doc(memberId).update({ roles: _.addToSet('volunteer') })

  // 1 h of honour hours for an early set-up at a Saturday meal, confirmed by the committee.
  const meals = pastOf.get('meals')![3]
  const honoured = member(openidOf(VOLUNTEERS[1]))
  const confirmedHonour = {
    _id: honourId(shiftId('meals', meals), honoured),
    shiftId: shiftId('meals', meals),
    memberId: honoured,
    minutes: 60,
    reason: '提前一小时到食堂分装餐盒，未能扫码',
    status: 'confirmed',
    addedBy: lead,
    addedAt: new Date(meals.getTime() + 3 * 3_600_000),
    decidedBy: committee,
    decidedAt: new Date(meals.getTime() + DAY),
    declineReason: null,
  }
  await add('volunteerHonours', [confirmedHonour])

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
      honourByYear: honourMinutes ? { [chinaDay(confirmedHonour.decidedAt).slice(0, 4)]: honourMinutes } : {},
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
