/**
 * The alarm clock of the function's one timer trigger (`frequent`, every 10 minutes):
 * each community's `timerAlarms` document lists the moments its due-sensitive sweeps
 * (motions to close or announce, offers running out, activity and meeting reminders,
 * 公示 periods ending, shifts to settle, wish claims lapsing) next have work. A run of the trigger first asks
 * whether any community's alarm has rung (one read across communities); only then
 * does it run the sweeps. A run with nothing due thus costs its invocation and that
 * one read, where it used to cost a query per sweep.
 *
 * Whoever makes work due arms the alarm BEFORE writing the work (a crash in between
 * leaves a harmless extra sweep, never a missed one), with `addToSet`, which no
 * concurrent writer or sweep can undo: a sweep removes only moments at least
 * SETTLE_MS old, longer than any function runs, so the work armed for them was
 * written before the sweep read it. A moment already past is armed as "now".
 * Where the due moment is only known inside a transaction (an offer's deadline),
 * the transaction arms it itself (`armAlarmInTransaction`): armed after the commit,
 * a crash in between would leave the work unswept until the 6-hourly catch-up run
 * (router isCatchUpRun).
 */
import type { CrossCommunityDb, ScopedDb, ScopedTransaction, StoredDoc } from './db'
import { addOnce } from './db'

export const ALARMS = 'timerAlarms'

/**
 * How old a rung moment must be before a sweep takes it off: a cloud function is cut
 * off after 20 s (config.json `timeout`), so work armed before it was written has
 * landed by then.
 */
export const SETTLE_MS = 30_000

export interface Alarm extends StoredDoc {
  dues: Date[]
}

export const alarmId = (communityId: string) => `${communityId}:alarm`

type Moment = Date | string | number | null | undefined

const duesOf = (moments: Moment[], now: Date) =>
  [...new Set(moments.filter((m) => m !== null && m !== undefined).map((m) => Math.max(new Date(m!).getTime(), now.getTime())))].map((t) => new Date(t))

/** Makes the community's sweeps run no later than each of `moments` (a moment in the past: at the next run). */
export async function armAlarm(db: ScopedDb, moments: Moment[], now: Date): Promise<void> {
  const dues = duesOf(moments, now)
  if (dues.length === 0) return
  const alarms = db.collection<Alarm>(ALARMS)
  const id = alarmId(db.communityId)
  // 0 when the document is missing, or when every moment is listed already.
  if (await alarms.update(id, { dues: db._.addToSet({ $each: dues }) })) return
  if ((await addOnce(alarms, { _id: id, dues })) === 'added') return
  await alarms.update(id, { dues: db._.addToSet({ $each: dues }) })
}

/**
 * armAlarm as part of a transaction that writes the work, so both land or neither.
 * Writing the alarm makes transactions arming it at once conflict (one retries):
 * only those that make an offer call this, which are few.
 */
export async function armAlarmInTransaction(tx: ScopedTransaction, moments: Moment[], now: Date): Promise<void> {
  const dues = duesOf(moments, now)
  if (dues.length === 0) return
  const id = alarmId(tx.communityId)
  if (await tx.get<Alarm>(ALARMS, id)) await tx.update(ALARMS, id, { dues: tx._.addToSet({ $each: dues }) })
  else await tx.set(ALARMS, id, { dues })
}

/** The alarms that have rung by `now`, across communities: the one read of an idle run. */
export async function rungAlarms(cross: CrossCommunityDb, now: Date): Promise<Alarm[]> {
  return cross.collection<Alarm>(ALARMS).find({ dues: cross._.lte(now) }, { limit: 100 })
}

/** After the sweeps ran and finished their work, the moments they answered come off (only settled ones: see SETTLE_MS). */
export async function silence(cross: CrossCommunityDb, rung: Alarm[], now: Date): Promise<void> {
  const settled = new Date(now.getTime() - SETTLE_MS)
  await Promise.all(
    rung
      .filter((a) => a.dues.some((d) => new Date(d).getTime() <= settled.getTime()))
      .map((a) => cross.collection<Alarm>(ALARMS).update(a._id, { dues: cross._.pull(cross._.lte(settled)) })),
  )
}

/** The period of config.json's `frequent` trigger, which runs the alarmed sweeps: a reminder due "two hours before" is armed this much earlier. */
export const FREQUENT_MS = 10 * 60_000
