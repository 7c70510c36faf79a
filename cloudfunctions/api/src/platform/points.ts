/**
 * 积分: one append-only ledger for every area.
 *
 * Every change is an entry (member, signed amount, kind, the source it came from,
 * when, by whom); nothing edits or removes one. A correction is another entry with
 * the opposite sign and a reason. An entry's id derives from its source, so one
 * event credits once however often it is retried.
 *
 * Beside the entries, each member has one balance document, and every entry is
 * written in the same short transaction that rewrites it. Transactions are
 * snapshot isolated (only two writes to one document conflict), so a rule that
 * spans entries — the balance never goes below zero, a daily cap on what one kind
 * earns — holds only because every entry writes that one document: two entries at
 * one member conflict, and the retry sees the other. The balance document is
 * therefore always the sum of the member's entries.
 */
import { createHash } from 'node:crypto'
import type { ScopedDb, ScopedTransaction, StoredDoc } from './db'
import { precondition } from './errors'
import type { PointKind } from './labels'
import { chinaDay } from './time'

/** What earns points by taking part: positive, and capped per day by the community's settings. */
export const EARNING_KINDS = ['service', 'attendance', 'deliberation'] as const satisfies readonly PointKind[]
export type EarningKind = (typeof EARNING_KINDS)[number]
export type DailyCaps = Record<EarningKind, number>

export interface PointEntry extends StoredDoc {
  memberId: string
  /** signed: positive credits, negative spends */
  amount: number
  kind: PointKind
  /** the event it came from, e.g. `checkin:meeting:<meetingId>:<memberId>`; the id derives from it */
  source: string
  /** what the member reads in 我的积分 */
  label: string
  /** why, for corrections */
  reason: string | null
  /** the member who made the entry (organiser, admin); null when the system did */
  by: string | null
  at: Date
  /** the member's n-th entry: entries sort by it, several can share one moment */
  seq: number
  balanceAfter: number
  /** what the source asked for, when a daily cap granted less */
  requested?: number
}

/** Rewritten by every entry: the sum of the member's entries, and what each earning kind earned on `day`. */
export interface PointBalance extends StoredDoc {
  memberId: string
  balance: number
  entries: number
  /** China Standard Time date of `earned` (YYYY-MM-DD) */
  day: string
  earned: Partial<Record<EarningKind, number>>
  updatedAt: Date
}

export const ENTRIES = 'pointEntries'
export const BALANCES = 'pointBalances'

export const balanceId = (memberId: string) => `${memberId}:points`

/** Deterministic and bounded, starting with the member (and so the community). */
export const entryId = (memberId: string, source: string) => `${memberId}:pt-${createHash('sha256').update(source).digest('hex').slice(0, 24)}`

/** The calendar day in China Standard Time, the day a daily cap counts. */
export { chinaDay }

const isEarning = (kind: PointKind): kind is EarningKind => (EARNING_KINDS as readonly string[]).includes(kind)

export type BalanceState = Pick<PointBalance, 'balance' | 'entries' | 'day' | 'earned'>

export type Settled =
  /** `amount` is what lands (0: a daily cap left nothing, nothing is written) */
  | { ok: true; amount: number; capped: boolean; next: BalanceState }
  /** a spend larger than the balance */
  | { ok: false; balance: number }

/**
 * The ledger's arithmetic, pure: what an entry of `amount` does to a balance.
 * Earning kinds are capped per day (what is left of today's cap is granted);
 * a spend or a negative correction that would take the balance below zero is
 * refused; an expiry takes at most what is there.
 */
export function settle(state: BalanceState | null, entry: { amount: number; kind: PointKind; at: Date }, caps: DailyCaps | null): Settled {
  const { amount, kind } = entry
  if (!Number.isInteger(amount) || amount === 0) throw new Error(`points: amount must be a non-zero integer, got ${amount}`)
  if (isEarning(kind) && amount < 0) throw new Error(`points: ${kind} credits are positive`)
  if (kind === 'redemption' && amount > 0) throw new Error('points: a redemption is a spend')
  if (kind === 'refund' && amount < 0) throw new Error('points: a refund gives back')
  if (isEarning(kind) && !caps) throw new Error(`points: ${kind} credits need the community's daily caps`)
  const day = chinaDay(entry.at)
  const balance = state?.balance ?? 0
  const earned = state && state.day === day ? { ...state.earned } : {}

  let granted = amount
  if (isEarning(kind)) granted = Math.min(amount, Math.max(0, caps![kind] - (earned[kind] ?? 0)))
  else if (kind === 'expiry') granted = Math.max(amount, -balance)
  else if (amount < 0 && balance + amount < 0) return { ok: false, balance }

  if (isEarning(kind)) earned[kind] = (earned[kind] ?? 0) + granted
  return {
    ok: true,
    amount: granted,
    capped: granted !== amount,
    next: { balance: balance + granted, entries: (state?.entries ?? 0) + (granted === 0 ? 0 : 1), day, earned },
  }
}

export interface NewEntry {
  memberId: string
  amount: number
  kind: PointKind
  source: string
  label: string
  reason?: string | null
  by: string | null
  at: Date
}

export type Posted =
  | { status: 'credited'; entryId: string; amount: number; capped: boolean; balance: number }
  /** a daily cap left nothing to credit today; nothing was written */
  | { status: 'capped'; entryId: null; amount: 0; capped: true; balance: number }

/**
 * Writes one entry and rewrites its member's balance inside the caller's
 * transaction, beside the caller's own writes (an attendance and its counter).
 * `caps`: the community's daily caps, needed for earning kinds. A source already
 * credited throws DATABASE_DUPLICATE_WRITE, which aborts the whole transaction.
 */
export async function postEntry(tx: ScopedTransaction, e: NewEntry, caps: DailyCaps | null): Promise<Posted> {
  const id = balanceId(e.memberId)
  const current = await tx.get<PointBalance>(BALANCES, id)
  const s = settle(current, e, caps)
  if (!s.ok) throw precondition(`积分不足：当前余额 ${s.balance} 分，不能扣减 ${-e.amount} 分`)
  if (s.amount === 0) return { status: 'capped', entryId: null, amount: 0, capped: true, balance: current?.balance ?? 0 }
  const entry = entryId(e.memberId, e.source)
  // The balance first: a transaction that lost the race to it learns so before writing more.
  await tx.set(BALANCES, id, { memberId: e.memberId, ...s.next, updatedAt: e.at })
  await tx.add(ENTRIES, {
    _id: entry,
    memberId: e.memberId,
    amount: s.amount,
    kind: e.kind,
    source: e.source,
    label: e.label,
    reason: e.reason ?? null,
    by: e.by,
    at: e.at,
    seq: s.next.entries,
    balanceAfter: s.next.balance,
    ...(s.capped ? { requested: e.amount } : {}),
  })
  return { status: 'credited', entryId: entry, amount: s.amount, capped: s.capped, balance: s.next.balance }
}

export async function balanceOf(db: ScopedDb, memberId: string): Promise<number> {
  return (await db.collection<PointBalance>(BALANCES).get(balanceId(memberId)))?.balance ?? 0
}

/** A service credit: points per hour of service, for whole minutes served (rounded down to a point). */
export const servicePoints = (minutes: number, perHour: number) => Math.floor((Math.max(0, minutes) * perHour) / 60)
