/**
 * What must hold of an activity whatever happened to it, read straight from the
 * database: seats taken are the parties seated and never more than the capacity,
 * the counters agree with the arrays, nobody holds two places, nobody waits while
 * a seat they could take is free, and every person's record agrees with their place.
 */
import type { Activity, Registration } from '../../cloudfunctions/api/src/modules/activity/model'

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = { collection(name: string): any; command: any }

export async function readActivityDoc(db: Db, activityId: string): Promise<Activity> {
  const res = await db.collection('activities').doc(activityId).get()
  return res.data[0] as Activity
}

export async function registrationsOf(db: Db, communityId: string, activityId: string): Promise<Registration[]> {
  const out: Registration[] = []
  for (let skip = 0; ; skip += 1000) {
    const res = await db.collection('activityRegistrations').where({ communityId, activityId }).skip(skip).limit(1000).get()
    out.push(...(res.data as Registration[]))
    if (res.data.length < 1000) return out
  }
}

/** The seat arithmetic of one activity document. Returns the problems found (none: []). */
export function seatProblems(a: Activity): string[] {
  const problems: string[] = []
  const taken = a.seated.reduce((n, s) => n + s.p, 0)
  if (taken !== a.seatsTaken) problems.push(`seatsTaken ${a.seatsTaken} but seated parties sum to ${taken}`)
  if (taken > a.capacity) problems.push(`${taken} seats taken of ${a.capacity}`)
  if (a.seatsLeft !== a.capacity - a.seatsTaken) problems.push(`seatsLeft ${a.seatsLeft} of capacity ${a.capacity} with ${a.seatsTaken} taken`)
  if (a.waitingCount !== a.queue.length) problems.push(`waitingCount ${a.waitingCount} but ${a.queue.length} in the queue`)
  const keys = [...a.seated, ...a.queue].map((e) => e.k)
  if (new Set(keys).size !== keys.length) problems.push('someone holds two places')
  const expectedFree = a.status !== 'published' ? a.freeForNew : a.queue.length === 0 || a.fillSeats ? a.seatsLeft : 0
  if (a.freeForNew !== expectedFree) problems.push(`freeForNew ${a.freeForNew}, expected ${expectedFree}`)
  if (a.status === 'published' && a.queue.length > 0) {
    // Nobody waits while their party fits a free seat: the head (or, under fillSeats, anyone) does not fit.
    const fits = a.fillSeats ? a.queue.filter((w) => w.p <= a.seatsLeft) : a.queue[0].p <= a.seatsLeft ? [a.queue[0]] : []
    if (fits.length) problems.push(`${fits.length} waiting parties fit the ${a.seatsLeft} free seats`)
  }
  return problems
}

/** Every person's record agrees with their place (once every call has answered). */
export function recordProblems(a: Activity, regs: Registration[]): string[] {
  const problems: string[] = []
  const byMember = new Map(regs.map((r) => [r.memberId, r]))
  for (const s of a.seated) {
    const r = byMember.get(s.k)
    const want = s.until ? 'offered' : 'registered'
    if (!r || r.round !== s.r || r.status !== want) problems.push(`${s.k} seated but recorded ${r ? `${r.status}/${r.round === s.r ? 'this round' : 'another round'}` : 'nowhere'}`)
    else if (r.companions !== s.p - 1) problems.push(`${s.k} seated with ${s.p} seats but recorded ${r.companions} companions`)
  }
  for (const w of a.queue) {
    const r = byMember.get(w.k)
    if (!r || r.round !== w.r || r.status !== 'waitlisted') problems.push(`${w.k} waiting but recorded ${r ? r.status : 'nowhere'}`)
  }
  const placed = new Set([...a.seated, ...a.queue].map((e) => e.k))
  for (const r of regs) {
    if (!placed.has(r.memberId) && ['registered', 'offered', 'waitlisted'].includes(r.status)) problems.push(`${r.memberId} recorded ${r.status} but holds no place`)
  }
  return problems
}
