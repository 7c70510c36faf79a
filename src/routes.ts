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
} as const

export type PageName = keyof typeof PAGES

export const TAB_PAGES = {
  home: '/pages/home/index',
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
