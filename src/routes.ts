import Taro from '@tarojs/taro'
import { pageLink, type PageName } from '../cloudfunctions/api/src/platform/links'

// Every area lives in its own subpackage so the main package stays small; tab
// pages and tiles reach them only through these paths.
export const AREA_PAGES = {
  council: '/packages/council/index',
  activities: '/packages/activities/index',
  awards: '/packages/awards/index',
  volunteers: '/packages/volunteers/index',
  // 爱心超市 is the mall package's index; 微心愿 (the 心愿墙) lives beside it.
  shop: '/packages/mall/index',
  wishes: '/packages/mall/wishes/index',
  admin: '/packages/admin/index',
} as const

export type Area = keyof typeof AREA_PAGES

// Pages below an area (我的's account pages, the workbench, the 议事厅) are named
// in platform/links, which the server's message links use too.
export type { PageName } from '../cloudfunctions/api/src/platform/links'

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
  void Taro.navigateTo({ url: `/${pageLink(page, query)}` })
}

/** Replaces the current page (a form once sent) with another, e.g. the matter just raised. */
export function replacePage(page: PageName, query?: Record<string, string>): void {
  void Taro.redirectTo({ url: `/${pageLink(page, query)}` })
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

/**
 * The current page's path and query as it was opened, e.g. a shared matter, for
 * 加入社区 to come back to (Taro adds `$…` keys of its own, left out).
 */
export function currentPath(): string | null {
  const router = Taro.getCurrentInstance().router
  if (!router) return null
  const path = `/${router.path.split('?')[0].replace(/^\//, '')}`
  const pairs = Object.entries(router.params)
    .filter(([k, v]) => !k.startsWith('$') && typeof v === 'string' && v !== '')
    .map(([k]) => `${encodeURIComponent(k)}=${encodeURIComponent(pageParam(k))}`)
  return pairs.length ? `${path}?${pairs.join('&')}` : path
}
