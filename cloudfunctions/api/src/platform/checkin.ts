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
 * what it earns, and its own counters. The attendance, the kind's counters and
 * the points entry land in one short transaction, so a crash at any moment
 * leaves all of them or none, and a retry converges. Nothing on the scan path
 * reads the event: the signed token already says which event it is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ActionContext } from './action'
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
   * The kind's own effects of one credited attendance (its counters), inside the
   * transaction that records it; may refuse it (throw), and for `earns: 'event'`
   * answers what it earns.
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
  /** points credited by this call */
  points: number
  minutes: number | null
  /** of `minutes`, those that count (kinds with a share rule credit none below it) */
  creditedMinutes?: number | null
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

/**
 * Records one arrival. A repeated one (any method) is `already` and changes
 * nothing. The attendance, the kind's counters, the points and `also` land in one
 * transaction; a walk-in or the start of a counted stay with nothing else to
 * write is a single insert.
 */
export async function checkIn(db: ScopedDb, kind: CheckinKind, a: Arrival, settings: () => Promise<CommunitySettings>, also?: AlsoWrite): Promise<CheckinOutcome> {
  const walkIn = kind.credits === 'verified' && !a.verified
  const creditsNow = !walkIn && !hasCheckout(kind)
  const status: CheckinStatus = creditsNow ? 'credited' : walkIn ? 'walkIn' : 'checkedIn'
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
  }
  const already: CheckinOutcome = { status: 'already', walkIn, points: 0, minutes: null }
  if (!creditsNow && !also) {
    if ((await addOnce(db.collection<Attendance>(ATTENDANCE), doc)) === 'exists') return already
    return { status, walkIn, points: 0, minutes: null }
  }
  try {
    const points = await db.transaction(async (tx) => {
      // The attendance first: a repeated arrival fails here, before the settings or anything else is read.
      await tx.add(ATTENDANCE, doc)
      await also?.(tx)
      return creditsNow ? credit(tx, kind, settings, { ...a, minutes: null }) : 0
    })
    return { status, walkIn, points, minutes: null }
  } catch (err) {
    if (isDuplicateWrite(err)) return already
    throw err
  }
}

export interface Departure {
  eventId: string
  memberId: string
  method: Method
  by: string | null
  at: Date
  /** the event's length in minutes */
  capMinutes: number
}

/** The minutes of a stay that count: all of them when the attendee stayed the kind's share of the event, else none. */
export function countedMinutes(minutes: number, capMinutes: number, share: number): number {
  return minutes > 0 && minutes >= Math.ceil(share * capMinutes) ? minutes : 0
}

/**
 * Closes an open attendance, once: the minutes since check-in by the server's
 * clock (capped at the event's length), the kind's counters and its points, in
 * one transaction. The minutes count only when the stay reached the kind's share
 * of the event (`creditShare`); a shorter one is closed and credits nothing. A
 * second check-out is `already`; one without a check-in is refused. `d.at` is
 * when the attendee left: now for a scan, the time a lead settles on otherwise.
 */
export async function checkOut(db: ScopedDb, kind: CheckinKind, d: Departure, settings: () => Promise<CommunitySettings>, also?: AlsoWrite): Promise<CheckinOutcome> {
  const id = attendanceId(kind.kind, d.eventId, d.memberId)
  const closed = (a: Attendance): CheckinOutcome => ({ status: 'already', walkIn: a.walkIn, points: 0, minutes: a.minutes, creditedMinutes: a.creditedMinutes ?? null })
  try {
    return await db.transaction(async (tx) => {
      const open = await tx.get<Attendance>(ATTENDANCE, id)
      if (!open) throw refuse(d.by ? '这位居民还没有签到，不能签退' : '你还没有签到，请先扫签到码签到')
      if (open.checkedOutAt) return closed(open)
      const minutes = attendedMinutes(open.at, d.at, d.capMinutes)
      const share = kind.creditShare ? kind.creditShare(await settings()) : 0
      const counted = open.walkIn ? null : countedMinutes(minutes, d.capMinutes, share)
      const points = counted ? await credit(tx, kind, settings, { ...d, minutes: counted }) : 0
      await tx.update(ATTENDANCE, id, { checkedOutAt: d.at, outMethod: d.method, outBy: d.by, minutes, creditedMinutes: counted })
      await also?.(tx)
      return { status: 'checkedOut', walkIn: open.walkIn, points, minutes, creditedMinutes: counted }
    })
  } catch (err) {
    // A check-out racing this one credited the stay first: its entry is already there.
    if (!isDuplicateWrite(err)) throw err
    const done = await db.collection<Attendance>(ATTENDANCE).get(id)
    if (!done) throw err
    return closed(done)
  }
}
