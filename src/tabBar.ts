// The five tabs, in order. app.config builds the tabBar list from these (WeChat
// needs the full list even when the bar is our own), and the weapp's custom tab
// bar draws them, so the two never disagree.
export const TABS = [
  { page: 'pages/home/index', text: '首页', icon: 'home' },
  { page: 'pages/council/index', text: '议事', icon: 'council' },
  { page: 'pages/activities/index', text: '活动', icon: 'activities' },
  { page: 'pages/neighbours/index', text: '邻里', icon: 'neighbours' },
  { page: 'pages/me/index', text: '我的', icon: 'me' },
] as const

export type TabName = (typeof TABS)[number]['icon']

export function tabIndex(name: TabName): number {
  return TABS.findIndex((tab) => tab.icon === name)
}

/** What the tab pages call on the weapp's custom tab bar (Taro.getTabBar). */
export interface TabBarHandle {
  setSelected(index: number): void
}
