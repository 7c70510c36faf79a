/**
 * The mini-program's pages below the tabs, by name: the client opens them, the
 * server names them in a message's `link`, a subscribe message's `page` and the
 * invitation QR code. Paths carry no leading slash, as WeChat's `page` fields
 * want them. Constants only, importing nothing: the mini-program bundles this file
 * as it is (config/index.ts, compile.include). A page added to src/app.config.ts
 * that either side links to is named here.
 */
export const PAGE_PATHS = {
  // 我的
  join: 'packages/account/join/index',
  privacy: 'packages/account/privacy/index',
  profile: 'packages/account/profile/index',
  household: 'packages/account/household/index',
  exportData: 'packages/account/export/index',
  messages: 'packages/account/messages/index',
  points: 'packages/account/points/index',
  participation: 'packages/account/participation/index',
  // 社区管理
  adminMembers: 'packages/admin/members/index',
  adminInvite: 'packages/admin/invite/index',
  adminSettings: 'packages/admin/settings/index',
  adminBuildings: 'packages/admin/buildings/index',
  street: 'packages/admin/street/index',
  adminAudit: 'packages/admin/audit/index',
  adminAssist: 'packages/admin/assist/index',
  stats: 'packages/stats/index',
  // 议事厅
  issues: 'packages/council/index',
  issueNew: 'packages/council/issue-new/index',
  issue: 'packages/council/issue/index',
  topic: 'packages/council/topic/index',
  meetings: 'packages/council/meetings/index',
  meeting: 'packages/council/meeting/index',
  meetingNew: 'packages/council/meeting-new/index',
  board: 'packages/council/board/index',
  notice: 'packages/council/notice/index',
  noticeNew: 'packages/council/notice-new/index',
  motions: 'packages/council/motions/index',
  motion: 'packages/council/motion/index',
  motionNew: 'packages/council/motion-new/index',
  tasks: 'packages/council/tasks/index',
  task: 'packages/council/task/index',
  taskNew: 'packages/council/task-new/index',
  reports: 'packages/council/reports/index',
  // 志愿服务
  volunteers: 'packages/volunteers/index',
  volunteerApply: 'packages/volunteers/apply/index',
  volunteerProject: 'packages/volunteers/project/index',
  volunteerShift: 'packages/volunteers/shift/index',
  volunteerMine: 'packages/volunteers/mine/index',
  volunteerReview: 'packages/volunteers/review/index',
  volunteerVerify: 'packages/volunteers/verify/index',
  // 爱心超市 and 微心愿
  shop: 'packages/mall/index',
  orders: 'packages/mall/orders/index',
  shopAdmin: 'packages/mall/admin/index',
  wishes: 'packages/mall/wishes/index',
  wish: 'packages/mall/wish/index',
  wishNew: 'packages/mall/wish-new/index',
  myWishes: 'packages/mall/my-wishes/index',
  // 最美邻里 (the list; with `?id=` it opens that campaign, as the server's messages link it)
  awards: 'packages/awards/index',
  // 活动 (the activity's own page; the tab lists them)
  activity: 'packages/activities/index',
  activityEdit: 'packages/activities/edit/index',
  activityManage: 'packages/activities/manage/index',
  activityCheckin: 'packages/activities/checkin/index',
  activitySummary: 'packages/activities/summary/index',
  activityProxy: 'packages/activities/proxy/index',
  award: 'packages/awards/campaign/index',
  awardCandidate: 'packages/awards/candidate/index',
  awardNominate: 'packages/awards/nominate/index',
  awardCampaignNew: 'packages/awards/campaign-new/index',
  awardManage: 'packages/awards/manage/index',
  awardHonours: 'packages/awards/honours/index',
} as const

export type PageName = keyof typeof PAGE_PATHS

/**
 * A page with its query, e.g. `pageLink('issue', { id })` →
 * `packages/council/issue/index?id=c_x%3Aissue-1`. Values are encoded (ids hold
 * `:`); the page decodes them (src/routes.ts pageParam).
 */
export function pageLink(page: PageName, query?: Record<string, string>): string {
  const pairs = Object.entries(query ?? {}).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
  return pairs.length ? `${PAGE_PATHS[page]}?${pairs.join('&')}` : PAGE_PATHS[page]
}
