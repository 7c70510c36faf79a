/**
 * A volunteer's totals: credited minutes (from check-in and check-out only, and
 * corrections the organiser accepted), honour minutes apart, and the star level.
 * Written inside the transaction of the change that moves them, so a crash leaves
 * both or neither; every such change writes this one document, so two at once
 * conflict and the retry adds to what the other wrote.
 */
import type { ScopedTransaction } from '../../platform/db'
import { starsAwarded, TOTALS, totalsId, type Totals } from './model'

type TotalsFields = Pick<Totals, 'memberId' | 'creditedMinutes' | 'honourMinutes' | 'honourByYear' | 'star' | 'starAwards' | 'updatedAt'>

function fresh(memberId: string, at: Date): TotalsFields {
  return { memberId, creditedMinutes: 0, honourMinutes: 0, honourByYear: {}, star: 0, starAwards: [], updatedAt: at }
}

/** Credited minutes moved by `delta` (negative only by an accepted correction); stars reached are awarded in order and never taken back. */
export async function addCreditedMinutes(tx: ScopedTransaction, memberId: string, delta: number, thresholds: readonly number[], at: Date): Promise<Totals> {
  const id = totalsId(memberId)
  const current: TotalsFields = (await tx.get<Totals>(TOTALS, id)) ?? fresh(memberId, at)
  const creditedMinutes = Math.max(0, current.creditedMinutes + delta)
  const awarded = starsAwarded(current.star, creditedMinutes, thresholds)
  const next = {
    ...current,
    creditedMinutes,
    star: awarded.length ? awarded[awarded.length - 1] : current.star,
    starAwards: [...current.starAwards, ...awarded.map((level) => ({ level, at }))],
    updatedAt: at,
  }
  const { _id: _ignored, communityId: _scope, ...doc } = next as Totals
  await tx.set(TOTALS, id, doc)
  return { ...doc, _id: id, communityId: tx.communityId }
}

/** Confirmed honour minutes added for a year (China time); never credited minutes, never stars. */
export async function addHonourMinutes(tx: ScopedTransaction, memberId: string, minutes: number, year: string, at: Date, capMinutesPerYear: number): Promise<Totals | 'overCap'> {
  const id = totalsId(memberId)
  const current: TotalsFields = (await tx.get<Totals>(TOTALS, id)) ?? fresh(memberId, at)
  const thisYear = current.honourByYear?.[year] ?? 0
  if (thisYear + minutes > capMinutesPerYear) return 'overCap'
  const next = { ...current, honourMinutes: current.honourMinutes + minutes, honourByYear: { ...current.honourByYear, [year]: thisYear + minutes }, updatedAt: at }
  const { _id: _ignored, communityId: _scope, ...doc } = next as Totals
  await tx.set(TOTALS, id, doc)
  return { ...doc, _id: id, communityId: tx.communityId }
}
