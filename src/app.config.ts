const tab = (name: string) => ({
  iconPath: `assets/tab/${name}.png`,
  selectedIconPath: `assets/tab/${name}-active.png`,
})

export default defineAppConfig({
  // The main package holds the five tab pages only; every area is a subpackage
  // so the main package stays far below WeChat's 2 MB limit.
  pages: [
    'pages/home/index',
    'pages/council/index',
    'pages/activities/index',
    'pages/neighbours/index',
    'pages/me/index',
  ],
  subPackages: [
    { root: 'packages/council', pages: ['index'] },
    { root: 'packages/activities', pages: ['index'] },
    { root: 'packages/awards', pages: ['index'] },
    { root: 'packages/volunteers', pages: ['index'] },
    { root: 'packages/admin', pages: ['index'] },
  ],
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '厝边议事厅',
    backgroundColor: '#f7f7f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#888888',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', ...tab('home') },
      { pagePath: 'pages/council/index', text: '议事', ...tab('council') },
      { pagePath: 'pages/activities/index', text: '活动', ...tab('activities') },
      { pagePath: 'pages/neighbours/index', text: '邻里', ...tab('neighbours') },
      { pagePath: 'pages/me/index', text: '我的', ...tab('me') },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
