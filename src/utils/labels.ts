import type { ActionInput } from '../api/types'

// Chinese names for the codes the server sends. Unknown codes fall back to the
// code itself so a new value shows up rather than disappearing.

const ROLE_LABELS: Record<string, string> = {
  resident: '居民',
  volunteer: '志愿者',
  buildingLead: '楼栋长',
  committee: '居委会',
  admin: '管理员',
  street: '街道',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role
}

const MEMBERSHIP_STATUS_LABELS: Record<string, string> = {
  verified: '已认证',
  unverified: '待认证',
  declined: '未通过认证',
}

export function membershipStatusLabel(status: string): string {
  return MEMBERSHIP_STATUS_LABELS[status] ?? status
}

// The same states in a tag's few characters (我的, member rows, filters).
const MEMBERSHIP_STATUS_BADGES: Record<string, string> = {
  verified: '已认证',
  unverified: '待认证',
  declined: '未通过',
}

export function membershipStatusBadge(status: string): string {
  return MEMBERSHIP_STATUS_BADGES[status] ?? status
}

const MEMBERSHIP_STATUS_TONES: Record<string, 'brand' | 'warning' | 'danger'> = {
  verified: 'brand',
  unverified: 'warning',
  declined: 'danger',
}

/** The tag tone of a status: green once verified, orange while awaited, red when declined. */
export function membershipStatusTone(status: string): 'brand' | 'warning' | 'danger' | 'neutral' {
  return MEMBERSHIP_STATUS_TONES[status] ?? 'neutral'
}

// The public board (知事): cloudfunctions/api/src/modules/notices NOTICE_CATEGORIES.
const NOTICE_CATEGORY_LABELS: Record<string, string> = {
  announcement: '公告',
  decision: '决议',
  progress: '进度',
  spending: '收支',
  result: '结果',
}

export function noticeCategoryLabel(category: string): string {
  return NOTICE_CATEGORY_LABELS[category] ?? category
}

// 说事: cloudfunctions/api/src/modules/council/model.ts ISSUE_CATEGORIES and ISSUE_STATUSES,
// in the order residents choose them. (The server also sends the labels with each matter.)
export type IssueCategory = NonNullable<ActionInput<'council.issue.list'>['category']>
export type IssueStatus = NonNullable<ActionInput<'council.issue.list'>['status']>

export const ISSUE_CATEGORIES: Array<{ value: IssueCategory; label: string }> = [
  { value: 'environment', label: '环境卫生' },
  { value: 'facility', label: '设施维修' },
  { value: 'safety', label: '安全隐患' },
  { value: 'parking', label: '停车交通' },
  { value: 'property', label: '物业管理' },
  { value: 'neighbourhood', label: '邻里关系' },
  { value: 'care', label: '一老一小' },
  { value: 'other', label: '其他' },
]

export const ISSUE_STATUSES: Array<{ value: IssueStatus; label: string }> = [
  { value: 'open', label: '征集附议' },
  { value: 'candidate', label: '候选议题' },
  { value: 'accepted', label: '已立项议事' },
  { value: 'answered', label: '已答复' },
  { value: 'merged', label: '已合并' },
  { value: 'declined', label: '未受理' },
]

const ISSUE_STATUS_TONES: Record<string, 'brand' | 'warning' | 'danger' | 'neutral'> = {
  open: 'warning',
  candidate: 'warning',
  accepted: 'brand',
  answered: 'brand',
  merged: 'neutral',
  declined: 'danger',
}

/** Orange while neighbours or the committee are still to act, green once taken up or answered, red when declined. */
export function issueStatusTone(status: string): 'brand' | 'warning' | 'danger' | 'neutral' {
  return ISSUE_STATUS_TONES[status] ?? 'neutral'
}

// Steps of a matter's timeline (model.ts TimelineEntry.kind).
const TIMELINE_LABELS: Record<string, string> = {
  raised: '提出',
  candidate: '成为候选议题',
  accepted: '列为议题',
  answered: '居委会答复',
  merged: '合并',
  declined: '不予受理',
  scheduled: '列入议事会',
  discussed: '议事会已讨论',
  absorbed: '合并了其他事项',
  voting: '付诸表决',
  decided: '表决结果',
  tasked: '交办落实',
  done: '办结',
  reopened: '满意率不足，重新办理',
}

export function timelineLabel(kind: string): string {
  return TIMELINE_LABELS[kind] ?? kind
}

const TOPIC_STATUS_LABELS: Record<string, string> = {
  pending: '待排期',
  scheduled: '已列入议程',
  discussed: '已讨论',
}

export function topicStatusLabel(status: string): string {
  return TOPIC_STATUS_LABELS[status] ?? status
}

// 表决 and 评事: cloudfunctions/api/src/modules/decisions/rules.ts.
const OUTCOME_LABELS: Record<string, string> = {
  passed: '通过',
  rejected: '未通过',
  noQuorum: '参与不足',
  tie: '票数相同',
}

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome
}

export const RATING_OPTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
] as const

export function ratingLabel(rating: string): string {
  return RATING_OPTIONS.find((r) => r.value === rating)?.label ?? rating
}
