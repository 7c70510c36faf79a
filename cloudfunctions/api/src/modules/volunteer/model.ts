/**
 * 志愿服务: what is stored, and the rules that are pure arithmetic (identity
 * numbers, working days, star levels), kept apart so they can be tested alone.
 */
import { createHmac } from 'node:crypto'
import type { StoredDoc } from '../../platform/db'
import type { Logger } from '../../platform/log'
import { isChinaWorkday } from '../../platform/workdays'
import type { ServiceCategory } from '../../platform/labels'

export const VOLUNTEERS = 'volunteers'
export const ID_KEYS = 'volunteerIdKeys'
export const TEAMS = 'volunteerTeams'
export const PROJECTS = 'volunteerProjects'
export const SHIFTS = 'volunteerShifts'
export const TOTALS = 'volunteerTotals'
export const HONOURS = 'volunteerHonours'
export const CORRECTIONS = 'volunteerCorrections'
export const CERTIFICATES = 'volunteerCertificates'
export const COUNTERS = 'volunteerCounters'

export type VolunteerStatus = 'pending' | 'approved' | 'declined'

/**
 * One per member (`<memberId>:volunteer`). The identity number itself is never
 * stored: only its masked form (printed on the certificate) and a keyed hash
 * (to refuse a second registration of one person), both computed on arrival.
 */
export interface Volunteer extends StoredDoc {
  memberId: string
  status: VolunteerStatus
  realName: string
  idMasked: string
  idHash: string
  skills: string[]
  categories: ServiceCategory[]
  /** assigned on approval: `ZY` and the community's running number */
  number: string | null
  appliedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  declineReason: string | null
}

export const volunteerId = (memberId: string) => `${memberId}:volunteer`

/** Whose identity number this is, within one community: `<communityId>:idk-<hash>`. */
export interface IdKey extends StoredDoc {
  memberId: string
}

export interface Team extends StoredDoc {
  name: string
  description: string
  leadIds: string[]
  createdAt: Date
}

export interface Project extends StoredDoc {
  title: string
  description: string
  category: ServiceCategory
  /** the team that runs it; null: the committee runs it itself */
  teamId: string | null
  status: 'open' | 'closed'
  createdBy: string
  createdAt: Date
}

export interface Signup {
  memberId: string
  at: Date
}

/**
 * A shift (岗位/时段) of a project. Seats are taken and given back by one
 * conditional update of this document, which also holds who holds them.
 */
export interface Shift extends StoredDoc {
  projectId: string
  teamId: string | null
  /** the project's title, kept beside it for lists and records */
  title: string
  content: string
  place: string
  startAt: Date
  endAt: Date
  capacity: number
  seatsLeft: number
  signedUp: number
  signups: Signup[]
  /** signing up and cancelling close this many hours before the start */
  cutoffHours: number
  status: 'open' | 'cancelled'
  /** volunteers whose hours counted, and the minutes they count for */
  attended: number
  creditedMinutes: number
  /** the end of the 10th working day after the shift: records are final from then on */
  finalAt: Date
  /** when leads are reminded to settle open check-ins, once */
  remindAt: Date
  reminded: boolean
  createdBy: string
  createdAt: Date
}

/** Per member (`<memberId>:volunteer-hours`): credited and honour minutes, and the star reached. */
export interface Totals extends StoredDoc {
  memberId: string
  creditedMinutes: number
  honourMinutes: number
  /** honour minutes confirmed per calendar year (China time), for the yearly cap */
  honourByYear: Record<string, number>
  star: number
  starAwards: Array<{ level: number; at: Date }>
  updatedAt: Date
}

export const totalsId = (memberId: string) => `${memberId}:volunteer-hours`

export type HonourStatus = 'pending' | 'confirmed' | 'declined'

/** Honour hours (荣誉时长) for one volunteer at one shift (`<shiftId>:<memberKey>:honour`). */
export interface Honour extends StoredDoc {
  shiftId: string
  memberId: string
  minutes: number
  reason: string
  status: HonourStatus
  addedBy: string
  addedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
  declineReason: string | null
}

export type CorrectionStatus = 'pending' | 'accepted' | 'declined'

/** A volunteer's request to correct one record (`<shiftId>:<memberKey>:correction`), answered by the organiser. */
export interface Correction extends StoredDoc {
  shiftId: string
  memberId: string
  request: string
  /** what the record counted when asked */
  minutesBefore: number
  status: CorrectionStatus
  requestedAt: Date
  answer: string | null
  minutesAfter: number | null
  answeredBy: string | null
  answeredAt: Date | null
  /** earlier rounds, when asked again after an answer */
  history: Array<{ request: string; answer: string | null; status: CorrectionStatus; requestedAt: Date; answeredAt: Date | null }>
}

export interface CertificateRecord {
  shiftId: string
  project: string
  date: string
  place: string
  content: string
  minutes: number
}

/** One issued certificate (`<communityId>:cert-<code>`): what it said, so a check can compare. */
export interface Certificate extends StoredDoc {
  memberId: string
  number: string
  code: string
  realName: string
  idMasked: string
  volunteerNumber: string
  creditedMinutes: number
  honourMinutes: number
  records: CertificateRecord[]
  organisation: string
  /** 负责人 as the community's settings named them when it was issued; null: a blank signing line */
  head?: string | null
  /** 经办人: the committee member who approved the volunteer, by name; null: a blank signing line */
  handler?: string | null
  fileID: string | null
  issuedAt: Date
}

export const certificateId = (communityId: string, code: string) => `${communityId}:cert-${code}`

/** The part of a member id after its community: ids built from a shift and a member stay short and readable. */
export const memberKey = (memberId: string) => memberId.slice(memberId.indexOf(':') + 1)
export const honourId = (shiftId: string, memberId: string) => `${shiftId}:${memberKey(memberId)}:honour`
export const correctionId = (shiftId: string, memberId: string) => `${shiftId}:${memberKey(memberId)}:correction`

// ---- identity numbers ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A mainland resident identity number (18 characters, GB 11643 check digit), upper-cased; null if it is not one. */
export function normaliseIdNumber(raw: string): string | null {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return null
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0)
  if (ID_CHECK[sum % 11] !== id[17]) return null
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  return id
}

/** What the certificate prints: the first four and last four characters. */
export const maskIdNumber = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`

/**
 * A keyed hash of the number, per community: equal numbers collide (one person
 * registers once), and without the key nobody can test a guessed number against it.
 */
export const idNumberHash = (id: string, communityId: string, secret: string) =>
  createHmac('sha256', secret).update(`volunteer-id.v1\n${communityId}\n${id}`).digest('hex').slice(0, 40)

// ---- working days and finality ----

const DAY = 86_400_000
const CHINA = 8 * 3_600_000

/**
 * The end (24:00 China time) of the n-th working day after `at`'s day, China's
 * working days (holidays and 调休 included, see platform/workdays.ts). A day in a
 * year whose schedule is not yet known counts Monday to Friday, logged on `log`.
 */
export function afterWorkingDays(at: Date, n: number, log?: Logger): Date {
  let day = Math.floor((new Date(at).getTime() + CHINA) / DAY)
  let left = n
  while (left > 0) {
    day++
    if (isChinaWorkday(new Date(day * DAY).toISOString().slice(0, 10), log)) left--
  }
  return new Date((day + 1) * DAY - CHINA)
}

/** Records are final 10 working days after the shift (办法: recorded within 10 working days). */
export const FINAL_AFTER_WORKING_DAYS = 10
/** Leads are reminded of open check-ins this many working days after the shift, while there is time to settle. */
export const REMIND_AFTER_WORKING_DAYS = 7

// ---- star levels ----

/** The star level credited minutes reach under the thresholds (hours for 1–5 stars). */
export function starFor(creditedMinutes: number, thresholds: readonly number[]): number {
  let level = 0
  for (const hours of thresholds) {
    if (creditedMinutes >= hours * 60) level++
    else break
  }
  return level
}

/**
 * Stars awarded by a change of credited minutes: each level between the one held
 * and the one reached, in order; never fewer than held (a star once awarded stays,
 * whatever happens to points or thresholds later).
 */
export function starsAwarded(held: number, creditedMinutes: number, thresholds: readonly number[]): number[] {
  const reached = starFor(creditedMinutes, thresholds)
  const out: number[] = []
  for (let level = held + 1; level <= reached; level++) out.push(level)
  return out
}

export const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100
