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
