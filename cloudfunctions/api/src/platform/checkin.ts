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
 * An event kind registers here what only it knows: who may show its code (and
 * whether the event is open for check-in now), and what a check-in credits beyond
 * the attendance record. Nothing on the scan path reads the event: the signed
 * token already says which event it is, so a scan costs one insert plus the kind's
 * credit.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ActionContext } from './action'
import { addOnce, type ScopedDb, type StoredDoc } from './db'
import { AppError, precondition } from './errors'

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
}

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
  return {
    token: signClaim({ ...claim, w } as Claim, secret),
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
  return claim
}

/** One check-in: who, at which event, how, and where if the phone shared it. */
export interface Attendance extends StoredDoc {
  kind: string
  eventId: string
  memberId: string
  method: 'scan' | 'organiser' | 'manual'
  /** the organiser who scanned the attendee's personal code or marked them present */
  by: string | null
  location: { lat: number; lng: number } | null
  at: Date
}

export const attendanceId = (kind: string, eventId: string, memberId: string) => `${kind}:${eventId}:${memberId}`

export interface CreditInput {
  eventId: string
  memberId: string
  at: Date
  /** scanned by the attendee, scanned by the organiser, or marked by hand (a kind may credit these differently) */
  method: Attendance['method']
}

export interface CheckinKind {
  kind: string
  /** what the attendee is told, e.g. 议事会 */
  label: string
  /**
   * Is the caller an organiser of this event (may show its code, scan or mark
   * attendees, see the list)? Throws NOT_FOUND / FORBIDDEN. Returns the event's
   * title and, when check-in is not open now, why (shown to the organiser).
   */
  authorizeOrganiser(ctx: ActionContext<unknown>, eventId: string): Promise<{ title: string; closedBecause: string | null }>
  /** Runs once per new attendance (never for a repeated scan): counters, points. */
  credit(db: ScopedDb, input: CreditInput): Promise<void>
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

/** Records one attendance; a repeated scan (any method) is `already`, credited once. */
export async function recordAttendance(
  db: ScopedDb,
  kind: CheckinKind,
  a: Pick<Attendance, 'eventId' | 'memberId' | 'method' | 'by' | 'location' | 'at'>,
): Promise<'credited' | 'already'> {
  const attendance = { _id: attendanceId(kind.kind, a.eventId, a.memberId), kind: kind.kind, ...a }
  if ((await addOnce(db.collection<Attendance>('attendance'), attendance)) === 'exists') return 'already'
  await kind.credit(db, { eventId: a.eventId, memberId: a.memberId, at: a.at, method: a.method })
  return 'credited'
}
