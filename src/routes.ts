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

export function openArea(area: Area, query?: Record<string, string>): void {
  const search = query
    ? '?' + Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
    : ''
  void Taro.navigateTo({ url: AREA_PAGES[area] + search })
}
