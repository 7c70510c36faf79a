/**
 * The words residents read for the codes both sides use: the server writes them
 * into answers and messages, the mini-program into tags, pickers and filters.
 * Constants only, importing nothing: the mini-program bundles this file as it is
 * (config/index.ts, compile.include), so anything added here reaches the phone.
 *
 * A lookup falls back to the code itself, so a new value shows up rather than
 * disappearing from a screen built before it existed.
 */

function lookup<K extends string>(labels: Record<K, string>) {
  return (code: string): string => (labels as Record<string, string>)[code] ?? code
}

// Who someone is in a community (platform/roles.ts says what each may do).
export const ROLES = ['public', 'user', 'resident', 'verified', 'volunteer', 'buildingLead', 'committee', 'admin', 'street'] as const
export type Role = (typeof ROLES)[number]
/** Roles granted on a membership; the others follow from it. */
export const GRANTABLE_ROLES = ['volunteer', 'buildingLead', 'committee', 'admin'] as const
export type GrantableRole = (typeof GRANTABLE_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  public: '所有人',
  user: '微信用户',
  resident: '居民',
  verified: '已认证居民',
  volunteer: '志愿者',
  buildingLead: '楼栋长',
  committee: '居委会',
  admin: '管理员',
  street: '街道',
}
export const roleLabel = lookup(ROLE_LABELS)

export const MEMBERSHIP_STATUS_LABELS = {
  verified: '已认证',
  unverified: '待认证',
  declined: '未通过认证',
  left: '已退出',
} as const
export const membershipStatusLabel = lookup(MEMBERSHIP_STATUS_LABELS)

// 听邻说事: a matter's category and where it stands, in the order residents choose them.
export const ISSUE_CATEGORIES = ['environment', 'facility', 'safety', 'parking', 'property', 'neighbourhood', 'care', 'other'] as const
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number]
export const ISSUE_CATEGORY_LABELS: Record<IssueCategory, string> = {
  environment: '环境卫生',
  facility: '设施维修',
  safety: '安全隐患',
  parking: '停车交通',
  property: '物业管理',
  neighbourhood: '邻里关系',
  care: '一老一小',
  other: '其他',
}

/**
 * open: collecting co-signs · candidate: reached the threshold, awaiting the
 * committee · accepted: a topic for deliberation · answered: the committee replied
 * directly · merged: folded into another matter · declined: with a public reason.
 */
export const ISSUE_STATUSES = ['open', 'candidate', 'accepted', 'answered', 'merged', 'declined'] as const
export type IssueStatus = (typeof ISSUE_STATUSES)[number]
export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  open: '征集附议',
  candidate: '候选议题',
  accepted: '已立项议事',
  answered: '已答复',
  merged: '已合并',
  declined: '未受理',
}

/** Neighbours may co-sign while the committee has not yet decided; after that the count is history, not progress. */
export const COSIGNABLE: readonly IssueStatus[] = ['open', 'candidate']

/** The steps on a matter's timeline. */
export const TIMELINE_LABELS = {
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
} as const
export type TimelineKind = keyof typeof TIMELINE_LABELS
export const timelineLabel = lookup(TIMELINE_LABELS)

// 请邻议事: a topic on its way to a meeting.
export const TOPIC_STATUS_LABELS = {
  pending: '待排期',
  scheduled: '已列入议程',
  discussed: '已讨论',
} as const
export const topicStatusLabel = lookup(TOPIC_STATUS_LABELS)

// 让邻知事: the public board.
export const NOTICE_CATEGORIES = ['announcement', 'decision', 'progress', 'spending', 'result'] as const
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = {
  announcement: '公告',
  decision: '决议',
  progress: '进度',
  spending: '收支',
  result: '结果',
}
export const noticeCategoryLabel = lookup(NOTICE_CATEGORY_LABELS)

// 表决 and 由邻评事.
export const OUTCOME_LABELS = {
  passed: '通过',
  rejected: '未通过',
  noQuorum: '参与不足',
  tie: '票数相同',
} as const
export const outcomeLabel = lookup(OUTCOME_LABELS)

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }
export const ratingLabel = lookup(RATING_LABELS)

// 签到: how an attendance was taken.
export const CHECKIN_METHOD_LABELS = {
  scan: '扫码',
  organiser: '扫个人码',
  manual: '手工登记',
} as const
export const checkinMethodLabel = lookup(CHECKIN_METHOD_LABELS)

// 活动: what kind of activity, as the tab's filter and the form's chips offer them.
export const ACTIVITY_CATEGORIES = ['culture', 'sports', 'volunteer', 'elderly', 'children', 'learning', 'health', 'other'] as const
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  culture: '文化文艺',
  sports: '运动健身',
  volunteer: '志愿公益',
  elderly: '为老服务',
  children: '亲子少儿',
  learning: '讲座学习',
  health: '健康义诊',
  other: '其他',
}
export const activityCategoryLabel = lookup(ACTIVITY_CATEGORY_LABELS)

// 积分: what an entry of the ledger is for (platform/points.ts).
export const POINT_KINDS = ['service', 'attendance', 'deliberation', 'redemption', 'refund', 'correction', 'expiry', 'honour'] as const
export type PointKind = (typeof POINT_KINDS)[number]
export const POINT_KIND_LABELS: Record<PointKind, string> = {
  service: '志愿服务',
  attendance: '签到参加',
  deliberation: '参与议事',
  redemption: '兑换',
  refund: '兑换退回',
  correction: '调整',
  expiry: '过期',
  honour: '评选表彰',
}
export const pointKindLabel = lookup(POINT_KIND_LABELS)

// 志愿服务 (modules/volunteer).
/** Star thresholds in credited hours: national practice, and a preset for a small community's team. */
export const STAR_PRESETS = {
  national: [100, 300, 600, 1000, 1500],
  small: [10, 20, 30, 40, 50],
} as const
export const STAR_PRESET_LABELS: Record<keyof typeof STAR_PRESETS, string> = { national: '全国通行标准', small: '小型社区' }

export const SERVICE_CATEGORIES = ['elderly', 'children', 'environment', 'safety', 'culture', 'health', 'disability', 'other'] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
  elderly: '为老服务',
  children: '关爱儿童',
  environment: '环境保护',
  safety: '平安巡防',
  culture: '文体宣传',
  health: '健康义诊',
  disability: '助残服务',
  other: '其他',
}
export const serviceCategoryLabel = lookup(SERVICE_CATEGORY_LABELS)

export const VOLUNTEER_STATUS_LABELS = { pending: '待审核', approved: '已通过', declined: '未通过' } as const
export const volunteerStatusLabel = lookup(VOLUNTEER_STATUS_LABELS)

/**
 * A service record as the volunteer reads it: open — checked in, waiting for the
 * check-out or the lead's settlement · credited · short — present for less than the
 * community's share, no hours · absent — settled by the lead as not served.
 */
export const RECORD_STATUS_LABELS = { open: '待签退', credited: '已记录', short: '在岗时间不足', absent: '未计时长' } as const
export const recordStatusLabel = lookup(RECORD_STATUS_LABELS)

export const HONOUR_STATUS_LABELS = { pending: '待确认', confirmed: '已确认', declined: '未通过' } as const
export const honourStatusLabel = lookup(HONOUR_STATUS_LABELS)

export const CORRECTION_STATUS_LABELS = { pending: '待答复', accepted: '已更正', declined: '未更正' } as const
export const correctionStatusLabel = lookup(CORRECTION_STATUS_LABELS)

// 爱心超市: a redemption from the order to the hand-over.
export const ORDER_STATUSES = ['pending', 'handedOver', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { pending: '待领取', handedOver: '已领取', cancelled: '已取消' }
export const orderStatusLabel = lookup(ORDER_STATUS_LABELS)

/** What residents read wherever points are spent: the ledger is no currency. */
export const POINTS_NOT_MONEY = '积分只能通过参与社区服务获得，不能购买，也不能兑换现金或转让'

// 微心愿: from posting to the beneficiary's confirmation.
export const WISH_STATUSES = ['pending', 'open', 'claimed', 'fulfilled', 'done', 'rejected', 'withdrawn'] as const
export type WishStatus = (typeof WISH_STATUSES)[number]
export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  pending: '待审核',
  open: '心愿墙',
  claimed: '已认领',
  fulfilled: '已实现待确认',
  done: '已完成',
  rejected: '未通过审核',
  withdrawn: '已撤回',
}
export const wishStatusLabel = lookup(WISH_STATUS_LABELS)

export const WISH_CATEGORIES = ['daily', 'study', 'health', 'company', 'repair', 'other'] as const
export type WishCategory = (typeof WISH_CATEGORIES)[number]
export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  daily: '生活用品',
  study: '学习用品',
  health: '健康护理',
  company: '陪伴探访',
  repair: '小修小补',
  other: '其他',
}
export const wishCategoryLabel = lookup(WISH_CATEGORY_LABELS)

/** How a beneficiary agreed to a wish posted on their behalf (recorded with it). */
export const CONSENT_METHODS = ['spoken', 'written', 'guardian'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = { spoken: '本人口头同意', written: '本人书面同意', guardian: '监护人同意' }
export const consentMethodLabel = lookup(CONSENT_METHOD_LABELS)

// 最美邻里 / 好厝边: where a campaign stands (modules/award/model.ts derives it), a nomination's state, ranking visibility.
export const AWARD_PHASES = ['upcoming', 'nomination', 'review', 'candidates', 'voting', 'counting', 'results', 'final'] as const
export type AwardPhase = (typeof AWARD_PHASES)[number]
export const AWARD_PHASE_LABELS: Record<AwardPhase, string> = {
  upcoming: '即将开始',
  nomination: '提名中',
  review: '审核中',
  candidates: '候选人公示',
  voting: '投票中',
  counting: '计票评审',
  results: '结果公示',
  final: '已揭晓',
}
export const awardPhaseLabel = lookup(AWARD_PHASE_LABELS)

export const NOMINATION_STATUS_LABELS = {
  gathering: '征集联名推荐',
  pending: '待审核',
  approved: '已入选候选人',
  declined: '未通过审核',
} as const
export const nominationStatusLabel = lookup(NOMINATION_STATUS_LABELS)

export const SHOW_RANKINGS = ['live', 'daily', 'hidden'] as const
export type ShowRanking = (typeof SHOW_RANKINGS)[number]
export const SHOW_RANKING_LABELS: Record<ShowRanking, string> = {
  live: '实时显示票数',
  daily: '每天公布一次（截至前一日）',
  hidden: '投票结束前不显示票数',
}

// 代办: how a resident agreed to a building lead acting for them (platform/assist.ts records it).
export const ASSIST_METHODS = ['inPerson', 'phone', 'written', 'family'] as const
export type AssistMethod = (typeof ASSIST_METHODS)[number]
export const ASSIST_METHOD_LABELS: Record<AssistMethod, string> = { inPerson: '当面同意', phone: '电话同意', written: '书面同意', family: '家属代为同意' }
export const assistMethodLabel = lookup(ASSIST_METHOD_LABELS)
/**
 * Any recorded consent in words, whichever list its code comes from (a 代办 or a 微心愿
 * posted for someone): exports and screens show 「书面同意」, never `written`.
 */
export const consentLabel = lookup({ ...CONSENT_METHOD_LABELS, ...ASSIST_METHOD_LABELS })
