// The words for the server's codes come from the server's own list
// (platform/labels); what is only about the phone's screen — tag tones, short
// badges, the options of a picker — is added here.
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  COSIGNABLE,
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  ISSUE_STATUSES,
  ISSUE_STATUS_LABELS,
  RATINGS,
  RATING_LABELS,
  type IssueStatus,
} from '../../cloudfunctions/api/src/platform/labels'

export {
  activityCategoryLabel,
  awardPhaseLabel,
  checkinMethodLabel,
  consentLabel,
  GRANTABLE_ROLES,
  membershipStatusLabel,
  noticeCategoryLabel,
  NOTICE_CATEGORIES,
  outcomeLabel,
  pointKindLabel,
  ratingLabel,
  roleLabel,
  timelineLabel,
  topicStatusLabel,
  type ActivityCategory,
  type GrantableRole,
  type IssueCategory,
  type IssueStatus,
  type NoticeCategory,
  type Rating,
} from '../../cloudfunctions/api/src/platform/labels'

type Tone = 'brand' | 'warning' | 'danger' | 'neutral'

// A membership's state in a tag's few characters (我的, member rows, filters).
const MEMBERSHIP_STATUS_BADGES: Record<string, string> = {
  verified: '已认证',
  unverified: '待认证',
  declined: '未通过',
}

export function membershipStatusBadge(status: string): string {
  return MEMBERSHIP_STATUS_BADGES[status] ?? status
}

const MEMBERSHIP_STATUS_TONES: Record<string, Tone> = {
  verified: 'brand',
  unverified: 'warning',
  declined: 'danger',
}

/** The tag tone of a status: green once verified, orange while awaited, red when declined. */
export function membershipStatusTone(status: string): Tone {
  return MEMBERSHIP_STATUS_TONES[status] ?? 'neutral'
}

/** 说事's categories and states as a picker offers them, in the server's order. */
export const ISSUE_CATEGORY_OPTIONS = ISSUE_CATEGORIES.map((value) => ({ value, label: ISSUE_CATEGORY_LABELS[value] }))
export const ISSUE_STATUS_OPTIONS = ISSUE_STATUSES.map((value) => ({ value, label: ISSUE_STATUS_LABELS[value] }))

const ISSUE_STATUS_TONES: Record<IssueStatus, Tone> = {
  open: 'warning',
  candidate: 'warning',
  accepted: 'brand',
  answered: 'brand',
  merged: 'neutral',
  declined: 'danger',
}

/** Orange while neighbours or the committee are still to act, green once taken up or answered, red when declined. */
export function issueStatusTone(status: string): Tone {
  return ISSUE_STATUS_TONES[status as IssueStatus] ?? 'neutral'
}

/** 由邻评事's three answers, as the rating form offers them. */
export const RATING_OPTIONS = RATINGS.map((value) => ({ value, label: RATING_LABELS[value] }))

/** 活动's categories as the tab's filter and the form offer them, in the server's order. */
export const ACTIVITY_CATEGORY_OPTIONS = ACTIVITY_CATEGORIES.map((value) => ({ value, label: ACTIVITY_CATEGORY_LABELS[value] }))
/**
 * A matter's co-signs as residents should read them: progress towards the
 * threshold while neighbours can still co-sign (附议 7/10), a plain count once the
 * committee has decided (answered, merged, declined or on the agenda), nothing
 * when nobody co-signed a decided matter.
 */
export function cosignLine(issue: { status: string; cosigns: number; cosignThreshold: number }): string | null {
  if (isCollecting(issue.status)) return `附议 ${issue.cosigns}/${issue.cosignThreshold}`
  return issue.cosigns > 0 ? `${issue.cosigns} 人附议` : null
}

export const isCollecting = (status: string) => (COSIGNABLE as readonly string[]).includes(status)
