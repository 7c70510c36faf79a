import Taro from '@tarojs/taro'

// Every area lives in its own subpackage so the main package stays small; tab
// pages and tiles reach them only through these paths.
export const AREA_PAGES = {
  council: '/packages/council/index',
  activities: '/packages/activities/index',
  awards: '/packages/awards/index',
  volunteers: '/packages/volunteers/index',
  admin: '/packages/admin/index',
} as const

export type Area = keyof typeof AREA_PAGES

/** Pages below an area: 我的's account pages and the committee workbench. */
export const PAGES = {
  join: '/packages/account/join/index',
  privacy: '/packages/account/privacy/index',
  profile: '/packages/account/profile/index',
  household: '/packages/account/household/index',
  exportData: '/packages/account/export/index',
  adminMembers: '/packages/admin/members/index',
  adminInvite: '/packages/admin/invite/index',
  adminSettings: '/packages/admin/settings/index',
  adminBuildings: '/packages/admin/buildings/index',
  street: '/packages/admin/street/index',
  messages: '/packages/account/messages/index',
  // 议事厅 (the server's message links name these paths too: issue, meeting, topic).
  issues: '/packages/council/index',
  issueNew: '/packages/council/issue-new/index',
  issue: '/packages/council/issue/index',
  topic: '/packages/council/topic/index',
  meetings: '/packages/council/meetings/index',
  meeting: '/packages/council/meeting/index',
  meetingNew: '/packages/council/meeting-new/index',
  board: '/packages/council/board/index',
  notice: '/packages/council/notice/index',
  motions: '/packages/council/motions/index',
  motion: '/packages/council/motion/index',
  motionNew: '/packages/council/motion-new/index',
  tasks: '/packages/council/tasks/index',
  task: '/packages/council/task/index',
  taskNew: '/packages/council/task-new/index',
  reports: '/packages/council/reports/index',
  noticeNew: '/packages/council/notice-new/index',
} as const

export type PageName = keyof typeof PAGES

export const TAB_PAGES = {
  home: '/pages/home/index',
  council: '/pages/council/index',
  me: '/pages/me/index',
} as const

function withQuery(path: string, query?: Record<string, string>): string {
  if (!query) return path
  return path + '?' + Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
}

export function openArea(area: Area, query?: Record<string, string>): void {
  void Taro.navigateTo({ url: withQuery(AREA_PAGES[area], query) })
}

export function openPage(page: PageName, query?: Record<string, string>): void {
  void Taro.navigateTo({ url: withQuery(PAGES[page], query) })
}

/** Back to where the person came from; to 我的 when the page was opened directly (a shared link, a QR code). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: TAB_PAGES.me })
}

/**
 * Opens a page the server named (a message's `link`, e.g.
 * `packages/council/issue/index?id=…`): a tab page by switchTab, any other by
 * navigateTo. Resolves false when the page does not exist in this version.
 */
export async function openLink(link: string): Promise<boolean> {
  const url = link.startsWith('/') ? link : `/${link}`
  const path = url.split('?')[0]
  try {
    if (Object.values(TAB_PAGES).includes(path as never)) await Taro.switchTab({ url: path })
    else await Taro.navigateTo({ url })
    return true
  } catch {
    return false
  }
}

/**
 * A query parameter of the current page, decoded: links encode ids
 * (`c_x%3Aissue-1`) and neither WeChat nor Taro's H5 router decodes them.
 */
export function pageParam(name: string): string {
  const raw = Taro.getCurrentInstance().router?.params[name] ?? ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
