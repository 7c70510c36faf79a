/**
 * One community's figures for a period, the period before it and the trend's months:
 * counts and sums only, never a person. Each area is a few aggregations or one
 * bounded read of the period's documents (fields picked), run in parallel; the
 * small-number rule (privacy.ts) applies before anything leaves.
 */
import type { ScopedDb } from '../../platform/db'
import { ISSUE_CATEGORY_LABELS, type IssueCategory } from '../../platform/labels'
import type { Period, Periods } from './period'
import { foldSmall, over, people, percent, round1, type Figure, type ShownPart } from './privacy'

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any

/** This period's figure beside the previous one's (较上期). */
export interface Compared {
  value: Figure
  previous: Figure
}

export interface CommunityFigures {
  residents: { verified: Figure; households: number; active: Compared; activeByMonth: Figure[] }
  matters: {
    raised: Compared
    answered: Compared
    done: Compared
    /** median days from raising to the committee's first answer, and to 办结 */
    daysToAnswer: Compared
    daysToDone: Compared
    byCategory: Array<{ label: string; count: number }>
    raisedByMonth: number[]
  }
  meetings: { held: Compared; registered: Compared; attended: Compared; attendanceRate: Compared }
  ballots: { motions: Compared; cast: Compared; turnout: Compared }
  satisfaction: { ratings: Compared; rate: Compared; rateByMonth: Figure[] }
  activities: { held: Compared; signups: Compared; attended: Compared; signupsByMonth: Figure[] }
  volunteers: { hours: Compared; people: Compared; hoursByMonth: Figure[]; byProject: ShownPart[] }
  points: { issued: Compared; redeemed: Compared; issuedByMonth: Figure[]; redeemedByMonth: Figure[] }
  awards: { nominations: Compared; voters: Compared; votes: Compared; participation: Compared }
}

const CHINA_MS = 8 * 3_600_000
const monthOf = (field: string) => ({ $dateToString: { format: '%Y-%m', date: { $add: [`$${field}`, CHINA_MS] } } })
const between = (db: ScopedDb, start: Date, end: Date) => db._.gte(start).and(db._.lt(end))
const compared = (value: Figure, previous: Figure): Compared => ({ value, previous })
const LIMIT = 1000

/** Where a member's taking part leaves a dated trace: who, and when. */
const TRACES: ReadonlyArray<{ collection: string; at: string; who: string }> = [
  { collection: 'attendance', at: 'at', who: 'memberId' },
  { collection: 'pointEntries', at: 'at', who: 'memberId' },
  { collection: 'issues', at: 'createdAt', who: 'authorId' },
  { collection: 'ratings', at: 'createdAt', who: 'memberId' },
  { collection: 'activityRegistrations', at: 'signedUpAt', who: 'memberId' },
  { collection: 'awardVotes', at: 'at', who: 'voterId' },
]

/** Distinct members who left a trace, per month (`byMonth`) or over the whole span (key ''). */
async function activeMembers(db: ScopedDb, start: Date, end: Date, byMonth: boolean): Promise<Map<string, Set<string>>> {
  const rows = await Promise.all(
    TRACES.map((t) =>
      db.collection(t.collection).aggregate<{ _id: string | null; who: string[] }>({ [t.at]: between(db, start, end) }, [{ $group: { _id: byMonth ? monthOf(t.at) : null, who: { $addToSet: `$${t.who}` } } }]),
    ),
  )
  const out = new Map<string, Set<string>>()
  for (const row of rows.flat()) {
    const key = row._id ?? ''
    const set = out.get(key) ?? new Set<string>()
    for (const w of row.who) if (w) set.add(w)
    out.set(key, set)
  }
  return out
}

interface IssueRow {
  createdAt: Date
  category: IssueCategory
  timeline?: Array<{ kind: string; at: Date }>
}

/** The committee's first word on a matter: taken up, answered, merged or declined. */
const RESPONSES = new Set(['accepted', 'answered', 'merged', 'declined'])

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return round1(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2)
}

/** Matters raised in the period, and those first answered or done in it with the days each took. */
async function matters(db: ScopedDb, p: Period) {
  const touched = await db
    .collection('issues')
    .find({ updatedAt: db._.gte(p.start), createdAt: db._.lt(p.end) }, { fields: { createdAt: true, category: true, timeline: true }, limit: LIMIT })
  const rows = touched as unknown as IssueRow[]
  const inPeriod = (at: Date | undefined) => !!at && new Date(at) >= p.start && new Date(at) < p.end
  const days = (from: Date, to: Date) => (new Date(to).getTime() - new Date(from).getTime()) / 86_400_000
  const raised = rows.filter((r) => inPeriod(r.createdAt))
  const answered: number[] = []
  const done: number[] = []
  for (const r of rows) {
    const first = r.timeline?.find((s) => RESPONSES.has(s.kind))
    if (first && inPeriod(first.at)) answered.push(days(r.createdAt, first.at))
    const finished = r.timeline?.find((s) => s.kind === 'done')
    if (finished && inPeriod(finished.at)) done.push(days(r.createdAt, finished.at))
  }
  const categories = new Map<string, number>()
  for (const r of raised) categories.set(r.category, (categories.get(r.category) ?? 0) + 1)
  return {
    raised: raised.length,
    answered: answered.length,
    done: done.length,
    daysToAnswer: median(answered),
    daysToDone: median(done),
    byCategory: [...categories].map(([k, count]) => ({ label: ISSUE_CATEGORY_LABELS[k as IssueCategory] ?? k, count })).sort((a, b) => b.count - a.count),
  }
}

async function meetings(db: ScopedDb, p: Period, now: Date) {
  const end = p.end < now ? p.end : now
  const rows = await db
    .collection('meetings')
    .find({ status: db._.in(['scheduled', 'held']), startAt: between(db, p.start, end) }, { fields: { registered: true, attended: true }, limit: LIMIT })
  const registered = rows.reduce((n, m) => n + Number(m.registered ?? 0), 0)
  const attended = rows.reduce((n, m) => n + Number(m.attended ?? 0), 0)
  return { held: rows.length, registered: people(registered), attended: people(attended), attendanceRate: over(attended, percent(attended, registered)) }
}

async function ballots(db: ScopedDb, p: Period) {
  const rows = await db.collection('motions').find({ status: 'closed', closedAt: between(db, p.start, p.end) }, { fields: { result: true }, limit: LIMIT })
  let cast = 0
  let eligible = 0
  for (const m of rows as Any[]) {
    cast += Number(m.result?.cast ?? 0)
    eligible += Number(m.result?.eligible ?? 0)
  }
  return { motions: rows.length, cast: people(cast), turnout: over(cast, percent(cast, eligible)) }
}

type RatingGroup = { _id: { m?: string; r: string }; n: number }
const satisfied = (rows: RatingGroup[]) => rows.filter((r) => r._id.r !== 'unsatisfied').reduce((n, r) => n + r.n, 0)
const total = (rows: Array<{ n: number }>) => rows.reduce((n, r) => n + r.n, 0)

async function satisfaction(db: ScopedDb, p: Period) {
  const rows = await db.collection('ratings').aggregate<RatingGroup>({ createdAt: between(db, p.start, p.end) }, [{ $group: { _id: { r: '$rating' }, n: { $sum: 1 } } }])
  const n = total(rows)
  return { ratings: people(n), rate: over(n, percent(satisfied(rows), n)) }
}

async function activities(db: ScopedDb, p: Period, now: Date) {
  const end = p.end < now ? p.end : now
  const [held, signups, attended] = await Promise.all([
    db.collection('activities').count({ status: 'published', startAt: between(db, p.start, end) }),
    db.collection('activityRegistrations').count({ signedUpAt: between(db, p.start, p.end) }),
    db.collection('attendance').count({ kind: 'activity', at: between(db, p.start, p.end) }),
  ])
  return { held, signups: people(signups), attended: people(attended) }
}

type ShiftGroup = { _id: string; minutes: number; who: string[] }

async function volunteerHours(db: ScopedDb, p: Period) {
  const rows = await db
    .collection('attendance')
    .aggregate<ShiftGroup>({ kind: 'shift', at: between(db, p.start, p.end) }, [{ $group: { _id: '$eventId', minutes: { $sum: '$creditedMinutes' }, who: { $addToSet: '$memberId' } } }])
  const everyone = new Set(rows.flatMap((r) => r.who))
  const minutes = rows.reduce((n, r) => n + (r.minutes ?? 0), 0)
  return { rows, people: everyone.size, hours: round1(minutes / 60) }
}

/** Hours by service project, small projects folded into 其他. */
async function byProject(db: ScopedDb, rows: ShiftGroup[]): Promise<ShownPart[]> {
  if (rows.length === 0) return []
  const shifts = await db.collection('volunteerShifts').find({ _id: db._.in(rows.map((r) => r._id)) }, { fields: { projectId: true }, limit: LIMIT })
  const projectOf = new Map(shifts.map((s) => [s._id, String(s.projectId)]))
  const projectIds = [...new Set(projectOf.values())]
  const projects = projectIds.length ? await db.collection('volunteerProjects').find({ _id: db._.in(projectIds) }, { fields: { title: true }, limit: LIMIT }) : []
  const title = new Map(projects.map((x) => [x._id, String(x.title)]))
  const groups = new Map<string, { minutes: number; who: Set<string> }>()
  for (const r of rows) {
    const label = title.get(projectOf.get(r._id) ?? '') ?? '其他'
    const g = groups.get(label) ?? { minutes: 0, who: new Set<string>() }
    g.minutes += r.minutes ?? 0
    r.who.forEach((w) => g.who.add(w))
    groups.set(label, g)
  }
  const parts = [...groups].map(([label, g]) => ({ label, people: g.who.size, value: round1(g.minutes / 60) }))
  return foldSmall(parts, (labels) => new Set(labels.flatMap((l) => [...groups.get(l)!.who])).size)
}

type PointGroup = { _id: { m?: string; k: string; plus: boolean }; sum: number; who: string[] }
const pointGroup = (byMonth: boolean) => ({
  $group: { _id: { ...(byMonth ? { m: monthOf('at') } : {}), k: '$kind', plus: { $gt: ['$amount', 0] } }, sum: { $sum: '$amount' }, who: { $addToSet: '$memberId' } },
})

/** Points given out (every credit but a refund) and spent in 爱心超市 (redemptions less refunds), each with who. */
function pointsOf(rows: PointGroup[]) {
  const issuedRows = rows.filter((r) => r._id.plus && r._id.k !== 'refund')
  const spentRows = rows.filter((r) => r._id.k === 'redemption' || r._id.k === 'refund')
  const who = (xs: PointGroup[]) => new Set(xs.flatMap((r) => r.who)).size
  const issued = issuedRows.reduce((n, r) => n + r.sum, 0)
  const redeemed = spentRows.reduce((n, r) => n - r.sum, 0)
  return { issued: over(who(issuedRows), issued), redeemed: over(who(spentRows), redeemed) }
}

async function points(db: ScopedDb, p: Period) {
  return pointsOf(await db.collection('pointEntries').aggregate<PointGroup>({ at: between(db, p.start, p.end) }, [pointGroup(false)]))
}

async function awards(db: ScopedDb, p: Period, electorate: number) {
  const [nominations, votes] = await Promise.all([
    db.collection('awardNominations').count({ createdAt: between(db, p.start, p.end) }),
    db.collection('awardVotes').aggregate<{ _id: null; n: number; who: string[] }>({ at: between(db, p.start, p.end), status: db._.neq('void') }, [
      { $group: { _id: null, n: { $sum: 1 }, who: { $addToSet: '$voterId' } } },
    ]),
  ])
  const voters = votes[0]?.who.length ?? 0
  return { nominations, voters: people(voters), votes: over(voters, votes[0]?.n ?? 0), participation: over(voters, percent(voters, electorate)) }
}

async function periodFigures(db: ScopedDb, p: Period, now: Date, electorate: number) {
  const [active, m, mt, b, s, a, v, pt, aw] = await Promise.all([
    activeMembers(db, p.start, p.end, false),
    matters(db, p),
    meetings(db, p, now),
    ballots(db, p),
    satisfaction(db, p),
    activities(db, p, now),
    volunteerHours(db, p),
    points(db, p),
    awards(db, p, electorate),
  ])
  return { active: active.get('')?.size ?? 0, matters: m, meetings: mt, ballots: b, satisfaction: s, activities: a, volunteers: v, points: pt, awards: aw }
}

async function trends(db: ScopedDb, periods: Periods) {
  const { trendStart: start, current } = periods
  const end = current.end
  const [active, raised, ratings, signups, hours, pts] = await Promise.all([
    activeMembers(db, start, end, true),
    db.collection('issues').aggregate<{ _id: string; n: number }>({ createdAt: between(db, start, end) }, [{ $group: { _id: monthOf('createdAt'), n: { $sum: 1 } } }]),
    db.collection('ratings').aggregate<RatingGroup>({ createdAt: between(db, start, end) }, [{ $group: { _id: { m: monthOf('createdAt'), r: '$rating' }, n: { $sum: 1 } } }]),
    db.collection('activityRegistrations').aggregate<{ _id: string; n: number }>({ signedUpAt: between(db, start, end) }, [{ $group: { _id: monthOf('signedUpAt'), n: { $sum: 1 } } }]),
    db
      .collection('attendance')
      .aggregate<{ _id: string; minutes: number; who: string[] }>({ kind: 'shift', at: between(db, start, end) }, [{ $group: { _id: monthOf('at'), minutes: { $sum: '$creditedMinutes' }, who: { $addToSet: '$memberId' } } }]),
    db.collection('pointEntries').aggregate<PointGroup>({ at: between(db, start, end) }, [pointGroup(true)]),
  ])
  const byMonth = <R>(rows: R[], key: (r: R) => string | undefined) => (month: string) => rows.filter((r) => key(r) === month)
  const ratingsIn = byMonth(ratings, (r) => r._id.m)
  const pointsIn = byMonth(pts, (r) => r._id.m)
  return {
    activeByMonth: periods.months.map((m) => people(active.get(m)?.size ?? 0)),
    raisedByMonth: periods.months.map((m) => raised.find((r) => r._id === m)?.n ?? 0),
    rateByMonth: periods.months.map((m) => {
      const rows = ratingsIn(m)
      return over(total(rows), percent(satisfied(rows), total(rows)))
    }),
    signupsByMonth: periods.months.map((m) => people(signups.find((r) => r._id === m)?.n ?? 0)),
    hoursByMonth: periods.months.map((m) => {
      const row = hours.find((r) => r._id === m)
      return row ? over(row.who.length, round1((row.minutes ?? 0) / 60)) : 0
    }),
    issuedByMonth: periods.months.map((m) => pointsOf(pointsIn(m)).issued ?? 0),
    redeemedByMonth: periods.months.map((m) => pointsOf(pointsIn(m)).redeemed ?? 0),
  }
}

/** Verified residents (never a 街道 account: it reads the community, it does not live in it) and their households. */
async function residents(db: ScopedDb) {
  const rows = await db.collection('memberships').aggregate<{ _id: null; n: number; households: string[] }>({ status: 'verified', roles: db._.nin(['street']) }, [
    { $group: { _id: null, n: { $sum: 1 }, households: { $addToSet: '$householdId' } } },
  ])
  return { verified: rows[0]?.n ?? 0, households: (rows[0]?.households ?? []).filter(Boolean).length }
}

export async function communityFigures(db: ScopedDb, periods: Periods, now: Date): Promise<CommunityFigures> {
  const res = await residents(db)
  const [cur, prev, trend] = await Promise.all([periodFigures(db, periods.current, now, res.verified), periodFigures(db, periods.previous, now, res.verified), trends(db, periods)])
  const projects = await byProject(db, cur.volunteers.rows)
  return {
    residents: { verified: people(res.verified), households: res.households, active: compared(people(cur.active), people(prev.active)), activeByMonth: trend.activeByMonth },
    matters: {
      raised: compared(cur.matters.raised, prev.matters.raised),
      answered: compared(cur.matters.answered, prev.matters.answered),
      done: compared(cur.matters.done, prev.matters.done),
      daysToAnswer: compared(cur.matters.daysToAnswer, prev.matters.daysToAnswer),
      daysToDone: compared(cur.matters.daysToDone, prev.matters.daysToDone),
      byCategory: cur.matters.byCategory,
      raisedByMonth: trend.raisedByMonth,
    },
    meetings: {
      held: compared(cur.meetings.held, prev.meetings.held),
      registered: compared(cur.meetings.registered, prev.meetings.registered),
      attended: compared(cur.meetings.attended, prev.meetings.attended),
      attendanceRate: compared(cur.meetings.attendanceRate, prev.meetings.attendanceRate),
    },
    ballots: {
      motions: compared(cur.ballots.motions, prev.ballots.motions),
      cast: compared(cur.ballots.cast, prev.ballots.cast),
      turnout: compared(cur.ballots.turnout, prev.ballots.turnout),
    },
    satisfaction: { ratings: compared(cur.satisfaction.ratings, prev.satisfaction.ratings), rate: compared(cur.satisfaction.rate, prev.satisfaction.rate), rateByMonth: trend.rateByMonth },
    activities: {
      held: compared(cur.activities.held, prev.activities.held),
      signups: compared(cur.activities.signups, prev.activities.signups),
      attended: compared(cur.activities.attended, prev.activities.attended),
      signupsByMonth: trend.signupsByMonth,
    },
    volunteers: {
      hours: compared(over(cur.volunteers.people, cur.volunteers.hours), over(prev.volunteers.people, prev.volunteers.hours)),
      people: compared(people(cur.volunteers.people), people(prev.volunteers.people)),
      hoursByMonth: trend.hoursByMonth,
      byProject: projects,
    },
    points: { issued: compared(cur.points.issued, prev.points.issued), redeemed: compared(cur.points.redeemed, prev.points.redeemed), issuedByMonth: trend.issuedByMonth, redeemedByMonth: trend.redeemedByMonth },
    awards: {
      nominations: compared(cur.awards.nominations, prev.awards.nominations),
      voters: compared(cur.awards.voters, prev.awards.voters),
      votes: compared(cur.awards.votes, prev.awards.votes),
      participation: compared(cur.awards.participation, prev.awards.participation),
    },
  }
}
