/**
 * 听邻说事 and 请邻议事: matters residents raise (issue), the topics the committee
 * accepts from them, meetings (议事会) with their agenda, and each topic's
 * discussion. Pure rules live here; the actions beside it apply them.
 */
import type { Assist } from '../../platform/assist'
import type { StoredDoc } from '../../platform/db'
import { COSIGNABLE, type IssueCategory, type IssueStatus, type TimelineKind } from '../../platform/labels'
import type { PageName } from '../../platform/links'
import type { PhotoHolder } from '../../platform/media'
import type { OwingDoc } from '../../platform/owed'

// A matter's categories and states, with the words residents read for them, are
// shared with the mini-program (platform/labels).
export { COSIGNABLE, ISSUE_CATEGORIES, ISSUE_STATUSES, type IssueCategory, type IssueStatus } from '../../platform/labels'

/** The committee triages a matter before it has decided on it. */
export const TRIAGEABLE: readonly IssueStatus[] = ['open', 'candidate']
/** A merge target must still be alive. */
export const MERGE_TARGETS: readonly IssueStatus[] = ['open', 'candidate', 'accepted']

export type TriageDecision = 'accept' | 'answer' | 'merge' | 'decline'
const TRIAGE_RESULT: Record<TriageDecision, IssueStatus> = { accept: 'accepted', answer: 'answered', merge: 'merged', decline: 'declined' }

/** The status moves an issue may make, and by what. */
export function nextStatus(from: IssueStatus, event: { kind: 'cosigned'; cosigns: number; threshold: number } | { kind: 'triage'; decision: TriageDecision }): IssueStatus | null {
  if (event.kind === 'cosigned') {
    if (!COSIGNABLE.includes(from)) return null
    return from === 'open' && reachedThreshold(event.cosigns, event.threshold) ? 'candidate' : from
  }
  return TRIAGEABLE.includes(from) ? TRIAGE_RESULT[event.decision] : null
}

/**
 * An open matter at or over its threshold is due for promotion. The crossing
 * co-sign promotes; one seeing the matter still open afterwards tries again (the
 * promotion is a conditional update, so it happens once), which heals a
 * promotion lost between the co-sign's two writes.
 */
export const reachedThreshold = (count: number, threshold: number) => count >= threshold

export interface TimelineEntry {
  /** 听邻说事 … 议事 (the council's steps), then 表决 (voting, decided), 办事 (tasked, done, reopened) */
  kind: TimelineKind
  at: Date
  /** who acted, as the public sees it: 居民 / 居委会 / 系统 */
  by: string
  note: string | null
  /** the motion or task the step is about, for the matter's page to open (absent on older steps) */
  link?: { page: Extract<PageName, 'motion' | 'task'>; id: string }
}

export interface Issue extends OwingDoc, PhotoHolder {
  title: string
  body: string
  category: IssueCategory
  buildingId: string | null
  authorId: string
  /**
   * The author's public (masked) name, kept here so lists need not read memberships
   * (platform/names.ts copyPublicName keeps it current); absent on older matters and
   * null while a change of name is under way: then it is read from the membership.
   */
  authorName?: string | null
  status: IssueStatus
  /** how many co-signed: always the length of `cosigners`, kept for sorting by it (热议) */
  cosigns: number
  cosigners: CosignEntry[]
  /** the community's threshold when the matter was raised */
  cosignThreshold: number
  answer: string | null
  declineReason: string | null
  mergedInto: string | null
  topicId: string | null
  meetingId: string | null
  timeline: TimelineEntry[]
  createdAt: Date
  updatedAt: Date
}

/**
 * A neighbour's co-sign, kept on the matter itself: the one conditional update that
 * adds it (only if the person is not among them yet) also counts it, so the count and
 * the co-signers cannot part, whenever the server stops.
 */
export interface CosignEntry {
  memberId: string
  at: Date
  /** carried over from a merged matter */
  via: string | null
  /** co-signed for this resident by their building lead, with their consent (platform/assist.ts) */
  assist?: Assist
}

export const cosignedBy = (issue: Pick<Issue, 'cosigners'>, memberId: string) => (issue.cosigners ?? []).some((c) => c.memberId === memberId)

export interface Topic extends StoredDoc {
  issueId: string
  title: string
  summary: string
  /** pending: not yet on an agenda · scheduled: on a meeting's agenda · discussed: the meeting was held */
  status: 'pending' | 'scheduled' | 'discussed'
  meetingId: string | null
  comments: number
  createdAt: Date
}

export const topicIdOf = (issueId: string) => `${issueId}:topic`
export const issueIdOf = (topicId: string) => topicId.replace(/:topic$/, '')

export interface Meeting extends StoredDoc {
  title: string
  startAt: Date
  endAt: Date
  place: string
  capacity: number
  /** seats still free: capacity − registrants (0 once cancelled) */
  seatsLeft: number
  /** how many hold a seat: always the length of `registrants` */
  registered: number
  /** who holds a seat, in the order they registered */
  registrants: Registrant[]
  attended: number
  topicIds: string[]
  note: string | null
  status: 'scheduled' | 'held' | 'cancelled'
  minutes: string | null
  minutesAt: Date | null
  /** the registered were reminded of it (the alarmed reminder, within 24 h of the start) */
  reminded: boolean
  /** set when the committee cancels it (absent on meetings never cancelled) */
  cancelReason?: string
  cancelledAt?: Date
  createdAt: Date
}

/**
 * A registration is a seat held, kept on the meeting itself: one conditional update
 * takes a free seat and records who holds it, and only a holder's cancellation gives
 * one back, in one update too. So seats taken are always the registrants, never more
 * than the capacity, whatever races or crashes.
 */
export interface Registrant {
  memberId: string
  at: Date
}

export const isRegistered = (m: Pick<Meeting, 'registrants'>, memberId: string) => (m.registrants ?? []).some((r) => r.memberId === memberId)

/** Check-in opens this long before a meeting starts and closes this long after it ends. */
export const CHECKIN_OPENS_BEFORE_MS = 3 * 3_600_000
export const CHECKIN_CLOSES_AFTER_MS = 3 * 3_600_000

export function checkinOpen(m: Pick<Meeting, 'startAt' | 'endAt' | 'status'>, at: Date): 'open' | 'early' | 'closed' {
  if (m.status === 'cancelled') return 'closed'
  const t = at.getTime()
  if (t < new Date(m.startAt).getTime() - CHECKIN_OPENS_BEFORE_MS) return 'early'
  if (t > new Date(m.endAt).getTime() + CHECKIN_CLOSES_AFTER_MS) return 'closed'
  return 'open'
}

export interface Comment extends StoredDoc {
  topicId: string
  authorId: string
  text: string
  replyTo: string | null
  /** visible · hidden: 3 neighbours reported it, awaiting the committee · restored · removed */
  status: 'visible' | 'hidden' | 'restored' | 'removed'
  reports: number
  createdAt: Date
}

export const HIDE_AFTER_REPORTS = 3

export interface Report extends StoredDoc {
  commentId: string
  memberId: string
  reason: string | null
  /** false for a reporter nobody had verified: kept for the committee, not counted towards hiding */
  counted?: boolean
  at: Date
}

export const reportId = (commentId: string, memberId: string) => `${commentId}:r:${memberId}`

/** The registered are reminded this long before a meeting. */
export const REMIND_BEFORE_MS = 24 * 3_600_000

/** When the reminder of a meeting starting at `startAt` is due: the moment its alarm is armed for. */
export const meetingReminderDue = (startAt: Date | string) => new Date(new Date(startAt).getTime() - REMIND_BEFORE_MS)
