/**
 * QR check-in, shared by meetings, activities and volunteer shifts.
 *
 * The organiser's phone shows a code that changes every 30 seconds: a token the
 * server signs (HMAC-SHA256) naming the community, the event (kind + id) and the
 * time window. The attendee's scan is accepted in the window it was made and the
 * one after (so a code shown at 29 s still works), credited once (a deterministic
 * attendance id), and refused for another event, another community, an expired
 * window or a bad signature. The alternative — the organiser scans the attendee —
 * uses a personal code signed the same way, naming the member instead.
 *
 * An organiser's code also says which way it counts: in, or out for kinds whose
 * attendance is the time spent (a volunteer shift). Scanning an 'out' code closes
 * the open attendance once, with minutes from the server's clock.
 *
 * An event kind registers here what only it knows: who organises it (may show
 * its code, scan or mark attendees), whether it has a check-out, whom it credits,
 * what it earns, and its own counters.
 *
 * A scan must cost the attendee at most three database requests, so it makes one
 * write: the attendance (a deterministic id, created once; a check-out is a
 * conditional update of it) records in the same write the credit it is owed
 * (`owes: ['credit']`, as platform/owed.ts records news owed). The credit — the
 * kind's counters and the points entry with its balance — is paid after, in one
 * short transaction that strikes it off, so it lands once however many pay at once
 * and a crash between the two leaves it owed, never lost: by the 6-hourly catch-up sweep, by
 * the organiser's own calls, and whenever someone reads what depends on it (我的积分,
 * 我的志愿, the attendance list, the event's counts), which pay what is owed first.
 * Nothing on the scan path reads the event: the signed code says which event it is
 * and what attending it earns.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ActionContext } from './action'
import { needEveryArea } from './areas'
import { addOnce, type ScopedDb, type ScopedTransaction, type StoredDoc } from './db'
import { AppError, isDuplicateWrite, precondition } from './errors'
import { postEntry, servicePoints } from './points'
import type { CommunitySettings } from './settings'

export const WINDOW_MS = 30_000

/**
 * The signing secret. Production MUST set `CHECKIN_SECRET` (a long random string,
 * in the function's environment variables): with the public development default
 * anyone could forge a check-in. In CloudBase (SCF sets `TENCENTCLOUD_RUNENV`) a
 * missing secret fails closed rather than fall back to the default; so does one shorter
 * than 32 bytes, anywhere.
 */
export const DEV_CHECKIN_SECRET = 'local-dev-checkin-secret-not-for-production'

/** A shorter secret can be guessed offline from one code; one set that short is a mistake, not a choice. */
const MIN_SECRET_BYTES = 32

export function checkinSecret(env: Record<string, string | undefined> = process.env): string {
  if (env.CHECKIN_SECRET) {
    if (Buffer.byteLength(env.CHECKIN_SECRET, 'utf8') < MIN_SECRET_BYTES) throw precondition(`签到服务的密钥（CHECKIN_SECRET）少于 ${MIN_SECRET_BYTES} 字节，请联系管理员更换`)
    return env.CHECKIN_SECRET
  }
  if (env.TENCENTCLOUD_RUNENV) throw precondition('签到服务尚未配置密钥（CHECKIN_SECRET），请联系管理员')
  return DEV_CHECKIN_SECRET
}

export interface EventClaim {
  t: 'e'
  /** community */
  c: string
  /** event kind, e.g. `meeting` */
  k: string
  /** event id */
  e: string
  /** 30-second window number */
  w: number
  /** 'out' on a check-out code; a check-in code leaves it out ('in') */
  d?: Direction
  /** on a check-out code: the event's length in minutes, the most an attendance counts */
  l?: number
  /** on a check-out code: the fewest minutes that count (the kind's share of the event) */
  n?: number
  /**
   * what attending earns, so the scan need not read it: points per attendance on a
   * check-in code, per hour of service on a check-out code (before the day's cap)
   */
  p?: number
}

export type Direction = 'in' | 'out'

export interface PersonClaim {
  t: 'p'
  c: string
  /** member id */
  m: string
  w: number
}

export type Claim = EventClaim | PersonClaim

export const windowOf = (at: Date) => Math.floor(at.getTime() / WINDOW_MS)

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url')

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`checkin.v1\n${payload}`).digest('base64url').slice(0, 32)
}

export function signClaim(claim: Claim, secret: string): string {
  const payload = b64(JSON.stringify(claim))
  return `${payload}.${signature(payload, secret)}`
}

/** The token an organiser shows (or a member's personal code), with when to fetch the next one. */
export function issueToken(claim: Omit<EventClaim, 'w'> | Omit<PersonClaim, 'w'>, at: Date, secret: string) {
  const w = windowOf(at)
  // A check-in code stays as short as before: only 'out' is written.
  const { d, ...rest } = claim as Omit<EventClaim, 'w'>
  return {
    token: signClaim({ ...rest, ...(d === 'out' ? { d } : {}), w } as Claim, secret),
    /** the last moment a scan of this token is accepted (the window after this one still takes it) */
    expiresAt: new Date((w + 2) * WINDOW_MS).toISOString(),
    /** when the display should fetch the next token */
    refreshInMs: (w + 1) * WINDOW_MS - at.getTime(),
  }
}

const refuse = (message: string) => new AppError('FAILED_PRECONDITION', message)

/** Whose phone the scanned code should be on: what a refused scan tells the scanner to scan instead. */
const SHOWN_ON = { organiser: '组织者手机上', person: '居民手机上“我的签到码”中' } as const

/**
 * Checks a token's signature and window; returns its claim or throws with a
 * message the scanner can act on (`from`: whose phone shows the code being
 * scanned, the organiser's by default). Pure: the caller passes the time and secret.
 */
export function verifyToken(token: string, at: Date, secret: string, from: keyof typeof SHOWN_ON = 'organiser'): Claim {
  const where = SHOWN_ON[from]
  const [payload, sig, extra] = token.split('.')
  if (!payload || !sig || extra !== undefined) throw refuse(`这不是本系统的签到码，请扫描${where}的签到码`)
  const expected = Buffer.from(signature(payload, secret))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse(`签到码无效（可能被篡改），请重新扫描${where}的签到码`)
  let claim: Claim
  try {
    claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claim
  } catch {
    throw refuse('签到码无效，请重新扫描')
  }
  const now = windowOf(at)
  if (typeof claim.w !== 'number' || claim.w > now) throw refuse('签到码无效，请重新扫描')
  if (claim.w < now - 1) throw refuse(`签到码已过期（每 30 秒更新一次），请扫描${where}最新的签到码`)
  return claim.t === 'e' ? { ...claim, d: claim.d === 'out' ? 'out' : 'in' } : claim
}

/** Whole minutes between check-in and check-out, never more than the event lasts. */
export function attendedMinutes(inAt: Date, outAt: Date, capMinutes: number): number {
  return Math.max(0, Math.min(capMinutes, Math.floor((new Date(outAt).getTime() - new Date(inAt).getTime()) / 60_000)))
}

/** One attendance: who, at which event, how, and where if the phone shared it; with its check-out, for kinds that have one. */
export interface Attendance extends StoredDoc {
  kind: string
  eventId: string
  memberId: string
  method: Method
  /** the organiser who scanned the attendee's personal code or marked them present */
  by: string | null
  location: { lat: number; lng: number } | null
  at: Date
  /** present but not credited: an unverified member at an event that credits verified residents only */
  walkIn: boolean
  checkedOutAt: Date | null
  outMethod: Method | null
  outBy: string | null
  /** minutes between check-in and check-out, capped at the event's length */
  minutes: number | null
  /**
   * the minutes that count: `minutes` when present for the kind's share of the
   * event, else 0; null while open, for walk-ins and for kinds without a check-out
   */
  creditedMinutes?: number | null
  /** `['credit']` while the credit this attendance earns (counters, points) is not yet paid */
  owes?: string[]
  /** the points its credit paid, once paid */
  points?: number
}

export type Method = 'scan' | 'organiser' | 'manual'

export const attendanceId = (kind: string, eventId: string, memberId: string) => `${kind}:${eventId}:${memberId}`

const ATTENDANCE = 'attendance'

export interface OrganisedEvent {
  /** shown on the organiser's screen */
  title: string
  /** why check-in is not open now (shown to the organiser), or null */
  closedBecause: string | null
  /** how long the event lasts: the most minutes one attendance counts */
  minutes: number
  /** for `earns: 'event'` kinds: the points one attendance earns */
  points?: number
}

export interface CreditInput {
  eventId: string
  memberId: string
  at: Date
  method: Method
  /** for kinds counting minutes: the minutes that count */
  minutes: number | null
  /** the community's settings, read once per request */
  settings: CommunitySettings
}

export interface CheckinKind {
  kind: string
  /** what the attendee is told, e.g. 议事会 */
  label: string
  /**
   * What attendance means: 'present' — checking in is attending; 'minutes' — the
   * event has a check-out, and attendance is the minutes between the two.
   */
  attendance: 'present' | 'minutes'
  /** whom it credits: verified residents only (anyone else is recorded as a walk-in), or every member */
  credits: 'verified' | 'members'
  /**
   * the points an attendance earns: per attendance, per hour of service (the community's
   * rules), `event` — what the event itself sets (its onCredit answers), or none
   */
  earns: 'attendance' | 'service' | 'event' | null
  /**
   * For kinds counting minutes: the share of the event's length (0–1) an attendee
   * must stay for the minutes to count at all; below it the stay is recorded and
   * credits nothing. None: every minute counts.
   */
  creditShare?(settings: CommunitySettings): number
  /** an organiser who marks someone by hand must say why (the reason goes to the audit log) */
  markNeedsReason?: boolean
  /**
   * Is the caller an organiser of this event — the committee for a 议事会, an
   * activity's organiser, a shift's team lead? Throws NOT_FOUND / FORBIDDEN.
   */
  authorizeOrganiser(ctx: ActionContext<unknown>, eventId: string): Promise<OrganisedEvent>
  /**
   * Before an arrival is recorded: refuses it (throws) when this person may not
   * attend, e.g. without a seat. One read at most — it is on the scan's budget.
   */
  admit?(db: ScopedDb, arrival: { eventId: string; memberId: string }): Promise<void>
  /**
   * The kind's own effects of one credited attendance (its counters), inside the
   * transaction that pays the credit, after the attendance was recorded; for
   * `earns: 'event'` answers what it earns. It must not refuse: the attendance is
   * already there, and its credit would stay owed for ever.
   */
  onCredit?(tx: ScopedTransaction, input: CreditInput): Promise<void | EventEarning>
}

/** What one attendance at an event earns, set by the event (an activity's points). */
export interface EventEarning {
  points: number
  /** what the member reads in 我的积分 */
  label: string
}

const kinds = new Map<string, CheckinKind>()

export function registerCheckinKind(kind: CheckinKind) {
  kinds.set(kind.kind, kind)
}

export function checkinKind(kind: string): CheckinKind {
  // A kind registers when its area loads: one not seen yet may be in an area not loaded yet.
  if (!kinds.has(kind)) needEveryArea()
  const found = kinds.get(kind)
  if (!found) throw refuse('不支持这种签到')
  return found
}

export const hasCheckout = (kind: CheckinKind) => kind.attendance === 'minutes'

export interface Arrival {
  eventId: string
  memberId: string
  /** the attendee's membership is verified (the committee or building lead confirmed the household) */
  verified: boolean
  method: Method
  by: string | null
  location: Attendance['location']
  at: Date
}

/**
 * credited: present and credited (points may be 0) · walkIn: present, not credited · checkedIn: the
 * clock runs until check-out · checkedOut: closed, minutes counted · already: nothing new.
 */
export type CheckinStatus = 'credited' | 'walkIn' | 'checkedIn' | 'checkedOut' | 'already'

export interface CheckinOutcome {
  status: CheckinStatus
  walkIn: boolean
  /** points credited by this call; when the credit is owed, what it will credit before the day's cap */
  points: number
  minutes: number | null
  /** of `minutes`, those that count (kinds with a share rule credit none below it) */
  creditedMinutes?: number | null
  /** this call recorded a credit, owed until paid (payCredit) */
  owed: boolean
}

/** The points one credited attendance earns, and what the member reads in 我的积分. */
function earning(kind: CheckinKind, settings: CommunitySettings, minutes: number | null, own: void | EventEarning) {
  const { perAttendance, perServiceHour } = settings.points
  if (kind.earns === 'event') return own ? { kind: 'attendance' as const, amount: own.points, label: own.label } : null
  if (kind.earns === 'attendance') return { kind: 'attendance' as const, amount: perAttendance, label: `${kind.label}签到` }
  if (kind.earns === 'service' && minutes !== null) {
    const what = kind.label.endsWith('服务') ? kind.label : `${kind.label}服务`
    return { kind: 'service' as const, amount: servicePoints(minutes, perServiceHour), label: `${what} ${minutes} 分钟` }
  }
  return null
}

/**
 * Credits one attendance inside `tx`: the kind's counters, then its points (none
 * at a cap or when the rule is 0). `settings` is read once per request.
 */
async function credit(tx: ScopedTransaction, kind: CheckinKind, settings: () => Promise<CommunitySettings>, c: Omit<CreditInput, 'settings'> & { by: string | null }): Promise<number> {
  const rules = await settings()
  const own = await kind.onCredit?.(tx, { ...c, settings: rules })
  const earned = earning(kind, rules, c.minutes, own)
  if (!earned || earned.amount <= 0) return 0
  const source = `checkin:${attendanceId(kind.kind, c.eventId, c.memberId)}`
  const entry = { memberId: c.memberId, amount: earned.amount, kind: earned.kind, source, label: earned.label, by: c.by, at: c.at }
  return (await postEntry(tx, entry, rules.points.dailyCap)).amount
}

/** A write that belongs to the same change (the audit entry of a manual mark), made in its transaction. */
export type AlsoWrite = (tx: ScopedTransaction) => Promise<void>

/** What an attendance owes while its credit is unpaid. */
export const CREDIT = 'credit'

/**
 * What a code promises attending earns, signed into it so the scan reads nothing:
 * points per attendance on a check-in code, per hour of service on a check-out code.
 */
export function promisedPoints(kind: CheckinKind, settings: CommunitySettings, event: OrganisedEvent, direction: Direction): number | undefined {
  if (direction === 'out') return kind.earns === 'service' ? settings.points.perServiceHour : undefined
  if (kind.earns === 'attendance') return settings.points.perAttendance
  if (kind.earns === 'event') return event.points ?? 0
  return undefined
}

/** The fewest minutes of a stay that count: the kind's share of the event (none without a share rule). */
export function minimumMinutes(kind: CheckinKind, settings: CommunitySettings, capMinutes: number): number {
  return kind.creditShare ? Math.ceil(kind.creditShare(settings) * capMinutes) : 0
}

/**
 * Records one arrival, with the credit it is owed. A repeated one (any method) is
 * `already` and changes nothing. Without `also` it is a single insert; with it
 * (the audit entry of a mark), one transaction.
 */
export async function checkIn(db: ScopedDb, kind: CheckinKind, a: Arrival, also?: AlsoWrite): Promise<CheckinOutcome> {
  const walkIn = kind.credits === 'verified' && !a.verified
  const owed = !walkIn && !hasCheckout(kind)
  const status: CheckinStatus = owed ? 'credited' : walkIn ? 'walkIn' : 'checkedIn'
  await kind.admit?.(db, a)
  const doc: Attendance = {
    _id: attendanceId(kind.kind, a.eventId, a.memberId),
    communityId: db.communityId,
    kind: kind.kind,
    eventId: a.eventId,
    memberId: a.memberId,
    method: a.method,
    by: a.by,
    location: a.location,
    at: a.at,
    walkIn,
    checkedOutAt: null,
    outMethod: null,
    outBy: null,
    minutes: null,
    ...(owed ? { owes: [CREDIT] } : {}),
  }
  const already: CheckinOutcome = { status: 'already', walkIn, points: 0, minutes: null, owed: false }
  if (!also) {
    if ((await addOnce(db.collection<Attendance>(ATTENDANCE), doc)) === 'exists') return already
  } else {
    try {
      await db.transaction(async (tx) => {
        // The attendance first: a repeated arrival fails here, before anything else is written.
        await tx.add(ATTENDANCE, doc)
        await also(tx)
      })
    } catch (err) {
      if (isDuplicateWrite(err)) return already
      throw err
    }
  }
  return { status, walkIn, points: 0, minutes: null, owed }
}

export interface Departure {
  eventId: string
  memberId: string
  method: Method
  by: string | null
  at: Date
  /** the event's length in minutes */
  capMinutes: number
  /** the fewest minutes that count (minimumMinutes) */
  minMinutes: number
}

/** The minutes of a stay that count: all of them when the attendee stayed the kind's share of the event, else none. */
export function countedMinutes(minutes: number, capMinutes: number, share: number): number {
  return countedFrom(minutes, Math.ceil(share * capMinutes))
}

const countedFrom = (minutes: number, minimum: number) => (minutes > 0 && minutes >= minimum ? minutes : 0)

/**
 * Closes an open attendance, once: the minutes since check-in by the server's
 * clock (capped at the event's length), and the credit they are owed. The minutes
 * count only when the stay reached `minMinutes`; a shorter one is closed and owed
 * nothing. A second check-out is `already`; one without a check-in is refused.
 * `d.at` is when the attendee left: now for a scan, the time a lead settles on
 * otherwise. Without `also`: a read and a conditional update; with it, one transaction.
 */
export async function checkOut(db: ScopedDb, kind: CheckinKind, d: Departure, also?: AlsoWrite): Promise<CheckinOutcome> {
  const id = attendanceId(kind.kind, d.eventId, d.memberId)
  const closed = (a: Attendance): CheckinOutcome => ({ status: 'already', walkIn: a.walkIn, points: 0, minutes: a.minutes, creditedMinutes: a.creditedMinutes ?? null, owed: false })
  const notIn = () => refuse(d.by ? '这位居民还没有签到，不能签退' : '你还没有签到，请先扫签到码签到')
  const close = (open: Attendance) => {
    const minutes = attendedMinutes(open.at, d.at, d.capMinutes)
    const counted = open.walkIn ? null : countedFrom(minutes, d.minMinutes)
    const patch = { checkedOutAt: d.at, outMethod: d.method, outBy: d.by, minutes, creditedMinutes: counted }
    const outcome: CheckinOutcome = { status: 'checkedOut', walkIn: open.walkIn, points: 0, minutes, creditedMinutes: counted, owed: !!counted }
    return { patch, outcome }
  }
  const attendance = db.collection<Attendance>(ATTENDANCE)
  if (!also) {
    const open = await attendance.get(id)
    if (!open) throw notIn()
    if (open.checkedOutAt) return closed(open)
    const { patch, outcome } = close(open)
    // Only while still open: of two check-outs at once, one closes it and the other reads it closed.
    if (await attendance.update(id, { ...patch, ...(outcome.owed ? { owes: db._.push([CREDIT]) } : {}) }, { checkedOutAt: null })) return outcome
    return closed((await attendance.get(id))!)
  }
  return db.transaction(async (tx) => {
    const open = await tx.get<Attendance>(ATTENDANCE, id)
    if (!open) throw notIn()
    if (open.checkedOutAt) return closed(open)
    const { patch, outcome } = close(open)
    await tx.update(ATTENDANCE, id, { ...patch, ...(outcome.owed ? { owes: [...(open.owes ?? []), CREDIT] } : {}) })
    await also(tx)
    return outcome
  })
}

/**
 * Pays the credit one attendance owes, once: the kind's counters and its points,
 * dated when it was earned, and strikes it off, in one transaction (which writes the
 * attendance, so two paying at once conflict and the retry finds it paid). Returns
 * the points paid, or null when nothing was owed.
 */
export async function payCredit(db: ScopedDb, id: string, settings: () => Promise<CommunitySettings>): Promise<number | null> {
  return db.transaction(async (tx) => {
    const a = await tx.get<Attendance>(ATTENDANCE, id)
    if (!a?.owes?.includes(CREDIT)) return null
    const kind = checkinKind(a.kind)
    const out = hasCheckout(kind)
    const points = await credit(tx, kind, settings, {
      eventId: a.eventId,
      memberId: a.memberId,
      at: out && a.checkedOutAt ? a.checkedOutAt : a.at,
      method: out && a.outMethod ? a.outMethod : a.method,
      by: out ? a.outBy : a.by,
      minutes: out ? (a.creditedMinutes ?? 0) : null,
    })
    await tx.update(ATTENDANCE, id, { owes: a.owes.filter((k) => k !== CREDIT), points })
    return points
  })
}

/**
 * Pays what the attendances matching `where` owe ({memberId} before 我的积分, {kind,
 * eventId} before an event's counts): the read that depends on them then sees them
 * paid. A credit busy being paid by someone else is left to them.
 */
export async function payOwedCredits(db: ScopedDb, where: { memberId: string } | { kind: string; eventId: string }, settings: () => Promise<CommunitySettings>, limit = 50): Promise<number> {
  const owing = await db.collection<Attendance>(ATTENDANCE).find({ ...where, owes: CREDIT }, { limit, fields: { _id: true } })
  let paid = 0
  for (const a of owing) {
    try {
      if ((await payCredit(db, a._id, settings)) !== null) paid++
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
    }
  }
  return paid
}
