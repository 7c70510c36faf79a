/**
 * The moves of seats and queue that need a transaction: one short doc-by-id
 * transaction reads the activity and the registrations it touches, applies a
 * change to `seated`/`queue`, fills freed seats from the queue (model.fillSeats),
 * and rewrites the activity with its counters, the registrations of everyone it
 * moved, and what each promoted person is owed (their notice, delivered after
 * the commit: platform/owed).
 */
import { armAlarmInTransaction } from '../../platform/alarms'
import type { ScopedDb, ScopedTransaction } from '../../platform/db'
import { notFound } from '../../platform/errors'
import { pageLink } from '../../platform/links'
import { notify } from '../../platform/notify'
import { payOwed } from '../../platform/owed'
import type { Services } from '../../platform/services'
import { chinaTime } from '../../platform/time'
import {
  ACTIVITIES,
  countersOf,
  fillSeats,
  QUEUE_LOG_KEPT,
  REGISTRATIONS,
  registrationId,
  type Activity,
  type HistoryLine,
  type QueueEvent,
  type Registration,
  type RegistrationStatus,
  type Seat,
  type Waiter,
} from './model'

export const activityLink = (activityId: string) => pageLink('activity', { id: activityId })

export interface SeatChange {
  seated: Seat[]
  queue: Waiter[]
  /** the registrations this change itself moves (not the promoted: the fill adds those) */
  moved: Array<{ memberId: string; entry: Seat | Waiter; patch: Partial<Registration>; line: HistoryLine }>
  log: QueueEvent[]
  /** other fields of the activity to write with it (a new capacity) */
  also?: Partial<Activity>
}

export interface SeatOutcome<R> {
  result: R
  promoted: string[]
  activity: Activity
}

/**
 * Runs `change` on the activity inside a transaction, then fills the seats it freed
 * from the queue; everything lands together or not at all. `change` returns null
 * when there is nothing to do (the result then says why).
 */
export async function changeSeats<R>(
  db: ScopedDb,
  activityId: string,
  now: Date,
  by: string | null,
  change: (a: Activity, tx: ScopedTransaction) => Promise<{ change: SeatChange | null; result: R }>,
): Promise<SeatOutcome<R>> {
  return db.transaction(async (tx) => {
    const a = await tx.get<Activity>(ACTIVITIES, activityId)
    if (!a) throw notFound('活动不存在')
    const { change: c, result } = await change(a, tx)
    if (!c) return { result, promoted: [], activity: a }
    const rules = { ...a, ...c.also }
    const filled = a.status === 'published' ? fillSeats({ ...rules, seated: c.seated, queue: c.queue }, now, by) : { seated: c.seated, queue: c.queue, promoted: [], log: [] }
    const counters = countersOf(rules, filled.seated, filled.queue)
    const queueLog = [...(a.queueLog ?? []), ...c.log, ...filled.log].slice(-QUEUE_LOG_KEPT)
    const next = { ...c.also, ...counters, queueLog, version: (a.version ?? 0) + 1, updatedAt: now }
    // The activity first: of two changes at once, the one that loses the race learns so here.
    await tx.update(ACTIVITIES, activityId, next)
    for (const m of c.moved) await writeRegistration(tx, a, next.version, m.memberId, m.entry, m.patch, m.line)
    for (const p of filled.promoted) {
      const offered = !!p.until
      await writeRegistration(
        tx,
        a,
        next.version,
        p.k,
        p,
        { status: offered ? 'offered' : 'registered', promotedAt: now, offerUntil: p.until, owes: [offered ? 'offered' : 'promoted'] },
        { at: now, what: offered ? '候补递补：等待确认' : '候补转正', by, reason: null },
      )
    }
    // An offer's deadline is known only here: the alarm for it lands with it (platform/alarms).
    await armAlarmInTransaction(tx, filled.promoted.map((p) => p.until), now)
    return { result, promoted: filled.promoted.map((p) => p.k), activity: { ...a, ...next } as Activity }
  })
}

/**
 * A registration's new state inside the transaction. A registration document the
 * sign-up has not written yet (a crash, or it is still on its way) is created from
 * the queue entry; the sign-up then adds only the answers (its round is written).
 */
async function writeRegistration(tx: ScopedTransaction, a: Activity, version: number, memberId: string, entry: Seat | Waiter, patch: Partial<Registration>, line: HistoryLine) {
  const id = registrationId(a._id, memberId)
  const reg = await tx.get<Registration>(REGISTRATIONS, id)
  const sameRound = reg && reg.round === entry.r
  const history = [...(reg?.history ?? []), line].slice(-50)
  if (reg && sameRound) {
    const owes = [...(reg.owes ?? []), ...(patch.owes ?? [])]
    await tx.update(REGISTRATIONS, id, { ...patch, owes, history, v: version })
    return
  }
  const fresh: Omit<Registration, '_id' | 'communityId'> = {
    activityId: a._id,
    memberId,
    round: entry.r,
    v: version,
    status: 'waitlisted',
    companions: entry.p - 1,
    answers: {},
    signedUpAt: entry.at,
    promotedAt: null,
    offerUntil: null,
    cancelledAt: null,
    cancelReason: null,
    proxy: null,
    history,
    startAt: a.startAt,
    owes: [],
    ...patch,
  }
  await tx.set(REGISTRATIONS, id, fresh)
}

export const historyLine = (what: string, at: Date, by: string | null = null, reason: string | null = null): HistoryLine => ({ at, what, by, reason })

/** A registration's status as the activity document says it (the truth), falling back to the record for those not in it. */
export function statusOf(a: Activity, memberId: string, reg: Registration | null): { status: RegistrationStatus | null; position: number | null } {
  const seat = a.seated.find((s) => s.k === memberId)
  if (seat) return { status: seat.until ? 'offered' : 'registered', position: null }
  const i = a.queue.findIndex((w) => w.k === memberId)
  if (i >= 0) return { status: 'waitlisted', position: i + 1 }
  if (!reg) return { status: null, position: null }
  if (a.status === 'cancelled' && reg.status !== 'cancelled' && reg.status !== 'removed') return { status: 'activityCancelled', position: null }
  // A record still saying it holds a place the activity no longer lists was overtaken: it left.
  return { status: ['registered', 'offered', 'waitlisted'].includes(reg.status) ? 'cancelled' : reg.status, position: null }
}

type Teller = Pick<Services, 'wechat' | 'clock' | 'log'>

/** Delivers what a registration is owed (its promotion, an offer), once, whoever gets there first. */
export async function deliverOwed(services: Teller, db: ScopedDb, a: Pick<Activity, '_id' | 'title' | 'startAt' | 'place'>, reg: Registration) {
  if (!reg.owes?.length) return
  await payOwed(db, REGISTRATIONS, reg, async (key) => {
    const link = activityLink(a._id)
    if (key === 'promoted') {
      await notify(services, db, [reg.memberId], {
        kind: 'activity.promoted',
        title: '候补成功，报名成功',
        body: `「${a.title}」有名额空出，你已从候补转为报名成功，${chinaTime(a.startAt)}在${a.place}，请准时参加`,
        link,
        template: 'activityUpdate',
        key: `activity-promoted-${a._id}-${reg.round}`,
      })
    } else if (key === 'offered') {
      await notify(services, db, [reg.memberId], {
        kind: 'activity.offered',
        title: '候补名额空出，请尽快确认',
        body: `「${a.title}」有名额空出，请在${reg.offerUntil ? chinaTime(reg.offerUntil) : '规定时间'}前确认参加，逾期名额让给下一位`,
        link,
        template: 'activityUpdate',
        key: `activity-offered-${a._id}-${reg.round}-${reg.offerUntil ? new Date(reg.offerUntil).getTime() : 0}`,
      })
    }
  })
}

/** After a change: each promoted person hears of it (their registrations owe it until told). */
export async function tellPromoted(services: Teller, db: ScopedDb, a: Activity, memberIds: string[]) {
  if (memberIds.length === 0) return
  const regs = await db.collection<Registration>(REGISTRATIONS).find({ _id: db._.in(memberIds.map((m) => registrationId(a._id, m))) }, { limit: memberIds.length })
  for (const reg of regs) await deliverOwed(services, db, a, reg)
}
