/**
 * 活动: what is stored, and the seat arithmetic as pure functions.
 *
 * One activity document is the truth about seats and the queue: `seated` (who holds
 * seats, with their party size) and `queue` (who waits, in order), beside the
 * counters they imply. Every change of seats or queue writes this one document —
 * a sign-up by one conditional update, everything else (a cancellation and the
 * promotion it causes, a capacity change, an expired offer, a move) in one short
 * doc-by-id transaction that rewrites it — so two changes at once always conflict
 * on it and never both land on a stale view. Under snapshot isolation a transaction
 * that only read it would not be protected; none only reads it.
 *
 * A registration document (`activityRegistrations`, id from activity + member) keeps
 * what the person gave (answers, companions, who signed them up) and what happened
 * to them (promoted, cancelled, removed, with reasons). Its status follows the
 * activity document: a sign-up writes it after the seat is taken, so a crash between
 * leaves the seat on the activity and the next call of the same person finishes the
 * registration. Every write of the activity raises its `version`, and a record
 * carries the version it describes (`v`): a record is only ever replaced by one
 * describing a later version, so a late write never overwrites what a newer sign-up
 * or a promotion recorded. Each sign-up also carries a round id `r`, naming it in
 * the arrays and in its record.
 */
import type { StoredDoc } from '../../platform/db'
import type { ActivityCategory } from '../../platform/labels'
import type { OwingDoc } from '../../platform/owed'

export const ACTIVITIES = 'activities'
export const REGISTRATIONS = 'activityRegistrations'

// The categories live with their labels, which the mini-program reads too.
export { ACTIVITY_CATEGORIES, type ActivityCategory } from '../../platform/labels'

export const CANCEL_POLICIES = ['never', 'beforeSignupEnd', 'beforeStart'] as const
export type CancelPolicy = (typeof CANCEL_POLICIES)[number]

export const FIELD_TYPES = ['text', 'number', 'phone', 'choice'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface CustomField {
  /** `f1`, `f2`, … in the order the organiser listed them; answers are keyed by it */
  id: string
  label: string
  type: FieldType
  required: boolean
  /** for `choice` */
  options?: string[]
}

export type EligibilityKind = 'all' | 'verified' | 'buildings'
export interface Eligibility {
  kind: EligibilityKind
  buildingIds: string[]
}

/** A party holding seats: the member, their seats (themself + companions), the round, and an offer's deadline if not yet claimed. */
export interface Seat {
  k: string
  p: number
  r: string
  /** when they signed up (this round) */
  at: Date
  /** an offer from the waitlist not yet claimed: seats held until then */
  until?: Date | null
}

/** A party waiting, in queue order (the array's order is the order). */
export interface Waiter {
  k: string
  p: number
  r: string
  at: Date
}

export type QueueEventKind = 'promoted' | 'offered' | 'offerExpired' | 'offerClaimed' | 'skipped' | 'moved' | 'removed' | 'capacity' | 'fillSkip'

/** Why the queue moved: every movement keeps a line (pretix keeps one for every move, a reason for a manual one). */
export interface QueueEvent {
  at: Date
  what: QueueEventKind
  /** whom it concerns */
  k: string | null
  /** the organiser who did it; null when the system did */
  by: string | null
  reason: string | null
  /** for a skip: the parties passed over */
  over?: string[]
}

export type ActivityStatus = 'draft' | 'published' | 'cancelled'

export interface ActivitySummary {
  text: string
  attended: number
  noShows: number
  at: Date
  by: string
  noticeId: string | null
}

export interface Activity extends StoredDoc {
  title: string
  category: ActivityCategory
  description: string
  place: string
  startAt: Date
  endAt: Date
  signupStartAt: Date | null
  signupEndAt: Date
  capacity: number
  maxCompanions: number
  cancelPolicy: CancelPolicy
  fields: CustomField[]
  /** how many of the fields must be answered: a sign-up with no answers needs no read of the fields when it is 0 */
  requiredFields: number
  /** fieldsKey(fields): a sign-up checked against the fields its page showed lands only while they are still these */
  fieldsKey?: string
  waitlist: boolean
  /** minutes a promoted resident has to confirm; null: promotion is final at once */
  claimWindowMinutes: number | null
  /** a smaller party may take seats a larger one ahead of it cannot use (each skip is logged) */
  fillSeats: boolean
  eligibility: Eligibility
  /**
   * The keys a sign-up's condition matches the member against: `all`; `verified` for
   * verified residents; `b:<buildingId>` for verified residents of that building.
   */
  eligibleKeys: string[]
  points: number
  /** members who run it besides the committee */
  organiserIds: string[]
  /** the volunteer team it belongs to, whose lead organises it (modules/volunteer, when it exists) */
  teamId: string | null
  createdBy: string
  /** every file: the poster first, then the photos of the summary (platform/media) */
  poster: string | null
  photos: string[]
  publicPhotos?: string[]
  reviewPhotos?: string[]
  status: ActivityStatus
  cancelReason: string | null
  cancelledAt: Date | null
  seatsTaken: number
  seatsLeft: number
  /** seats a newcomer of that party size may take now: seatsLeft unless someone waits ahead (and fillSeats is off) */
  freeForNew: number
  waitingCount: number
  seated: Seat[]
  queue: Waiter[]
  /** the earliest open offer's deadline (the timer's index), null when none */
  offerDue: Date | null
  queueLog: QueueEvent[]
  /** fill alerts already sent to the organisers (50, 80, 100) */
  alerted: number[]
  remindedDay: boolean
  remindedSoon: boolean
  summary: ActivitySummary | null
  /** raised by every write of seats or queue: records name the version they describe */
  version: number
  createdAt: Date
  updatedAt: Date
}

export type RegistrationStatus = 'registered' | 'offered' | 'waitlisted' | 'cancelled' | 'removed' | 'expired' | 'activityCancelled'

export interface ProxyConsent {
  /** the building lead who signed the resident up */
  by: string
  /** how the resident agreed */
  method: 'inPerson' | 'phone' | 'family'
  note: string | null
  at: Date
}

export interface HistoryLine {
  at: Date
  what: string
  by: string | null
  reason: string | null
}

export interface Registration extends OwingDoc {
  activityId: string
  memberId: string
  /** the sign-up this record describes (Seat.r / Waiter.r) */
  round: string
  /** the activity's version this record describes: only a record of a later version replaces it */
  v: number
  status: RegistrationStatus
  companions: number
  answers: Record<string, string | number>
  signedUpAt: Date
  promotedAt: Date | null
  offerUntil: Date | null
  cancelledAt: Date | null
  cancelReason: string | null
  proxy: ProxyConsent | null
  history: HistoryLine[]
  /** the activity's start, to list a member's activities in time order */
  startAt: Date
}

export const registrationId = (activityId: string, memberId: string) => `${activityId}:${memberId.slice(memberId.indexOf(':') + 1)}`

export const MAX_QUEUE = 1000
export const QUEUE_LOG_KEPT = 300
const HOUR = 3_600_000
/** No offers in the last hour before the start: a promotion then is final at once. */
export const NO_OFFERS_BEFORE_START_MS = HOUR

export const partySum = (seats: ReadonlyArray<{ p: number }>) => seats.reduce((n, s) => n + s.p, 0)

export interface Queueing {
  capacity: number
  fillSeats: boolean
  claimWindowMinutes: number | null
  startAt: Date
  seated: Seat[]
  queue: Waiter[]
}

export interface Filled {
  seated: Seat[]
  queue: Waiter[]
  /** promoted from the queue, with the offer's deadline when they must claim */
  promoted: Array<Waiter & { until: Date | null }>
  log: QueueEvent[]
}

/**
 * Moves the queue into free seats, first come first served: the first party that
 * fits takes seats; a party that does not fit stops the queue (Meetup) unless the
 * organiser chose fillSeats, when a later, smaller party may pass it and the pass
 * is logged. With a claim window the promoted hold an offer until `until`, never
 * later than an hour before the start; in that last hour promotion is final at once.
 */
export function fillSeats(q: Queueing, now: Date, by: string | null = null): Filled {
  let left = q.capacity - partySum(q.seated)
  const seated = [...q.seated]
  const queue: Waiter[] = []
  const promoted: Filled['promoted'] = []
  const log: QueueEvent[] = []
  const offerEnd = offerDeadline(q, now)
  for (const w of q.queue) {
    const blocked = queue.length > 0 && !q.fillSeats
    if (!blocked && w.p <= left) {
      left -= w.p
      seated.push({ ...w, until: offerEnd })
      promoted.push({ ...w, until: offerEnd })
      log.push({ at: now, what: offerEnd ? 'offered' : 'promoted', k: w.k, by, reason: null })
      if (queue.length > 0) log.push({ at: now, what: 'fillSkip', k: w.k, by, reason: `按「补位」规则：前面的 ${queue.length} 组人数多于空出的名额`, over: queue.map((x) => x.k) })
    } else {
      queue.push(w)
    }
  }
  return { seated, queue, promoted, log }
}

/** When an offer made now expires, or null when promotion is final at once (no claim window, or the last hour). */
export function offerDeadline(q: Pick<Queueing, 'claimWindowMinutes' | 'startAt'>, now: Date): Date | null {
  if (!q.claimWindowMinutes) return null
  const lastOffer = new Date(q.startAt).getTime() - NO_OFFERS_BEFORE_START_MS
  if (now.getTime() >= lastOffer) return null
  return new Date(Math.min(now.getTime() + q.claimWindowMinutes * 60_000, lastOffer))
}

/** The counters the arrays imply, written beside them by every transaction. */
export function countersOf(a: Pick<Activity, 'capacity' | 'fillSeats'>, seated: Seat[], queue: Waiter[]) {
  const seatsTaken = partySum(seated)
  const seatsLeft = a.capacity - seatsTaken
  const offers = seated.filter((s) => s.until).map((s) => new Date(s.until!).getTime())
  return {
    seated,
    queue,
    seatsTaken,
    seatsLeft,
    freeForNew: queue.length === 0 || a.fillSeats ? seatsLeft : 0,
    waitingCount: queue.length,
    offerDue: offers.length ? new Date(Math.min(...offers)) : null,
  }
}

export type Place = { where: 'seated'; seat: Seat } | { where: 'queue'; waiter: Waiter; position: number } | null

export function placeOf(a: Pick<Activity, 'seated' | 'queue'>, memberId: string): Place {
  const seat = (a.seated ?? []).find((s) => s.k === memberId)
  if (seat) return { where: 'seated', seat }
  const i = (a.queue ?? []).findIndex((w) => w.k === memberId)
  return i >= 0 ? { where: 'queue', waiter: a.queue[i], position: i + 1 } : null
}

/** The latest moment the person may still cancel, by the activity's policy (null: never). */
export function cancelCutoff(a: Pick<Activity, 'cancelPolicy' | 'signupEndAt' | 'startAt'>): Date | null {
  if (a.cancelPolicy === 'never') return null
  return new Date(a.cancelPolicy === 'beforeSignupEnd' ? a.signupEndAt : a.startAt)
}

/** The fill alerts (per cent) a change from `before` to `after` seats taken crosses. */
export function crossedAlerts(capacity: number, before: number, after: number, sent: readonly number[]): number[] {
  return [50, 80, 100].filter((pct) => !sent.includes(pct) && before * 100 < pct * capacity && after * 100 >= pct * capacity)
}
