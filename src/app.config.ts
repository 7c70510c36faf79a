import { TABS } from './tabBar'

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
    // 议事厅: the matters' list is its index; the server's message links name issue, meeting and topic.
    {
      root: 'packages/council',
      pages: [
        'index',
        'issue-new/index',
        'issue/index',
        'topic/index',
        'meetings/index',
        'meeting/index',
        'meeting-new/index',
        'board/index',
        'notice/index',
        'motions/index',
        'motion/index',
        'motion-new/index',
        'tasks/index',
        'task/index',
        'task-new/index',
        'reports/index',
        'notice-new/index',
      ],
    },
    // 活动: index is one activity (?id=, the server's message links name it); the tab lists them.
    { root: 'packages/activities', pages: ['index', 'edit/index', 'manage/index', 'checkin/index', 'summary/index', 'proxy/index'] },
    // 最美邻里: campaigns, nominations, 公示, voting, results and the 光荣榜; the committee's pages beside them.
    {
      root: 'packages/awards',
      pages: ['index', 'campaign/index', 'candidate/index', 'nominate/index', 'campaign-new/index', 'manage/index', 'honours/index'],
    },
    // 志愿服务: shifts, my hours and certificate, the lead's shift screen, the committee's desk.
    {
      root: 'packages/volunteers',
      pages: ['index', 'apply/index', 'project/index', 'shift/index', 'mine/index', 'review/index', 'verify/index'],
    },
    // 爱心超市 and 微心愿: the shop is its index; the server's message links name orders and wishes.
    { root: 'packages/mall', pages: ['index', 'orders/index', 'admin/index', 'wishes/index', 'wish/index', 'wish-new/index', 'my-wishes/index'] },
    { root: 'packages/admin', pages: ['index', 'members/index', 'invite/index', 'settings/index', 'buildings/index', 'street/index', 'audit/index', 'assist/index'] },
    // 数据统计 on its own: its charts (echarts, ~470 KiB) would take the workbench over WeChat's 500 KiB per subpackage.
    { root: 'packages/stats', pages: ['index'] },
    // 我的's own pages, joining (a community's QR code opens join/index) and the
    // message centre, which gathers news of every area.
    { root: 'packages/account', pages: ['join/index', 'privacy/index', 'profile/index', 'household/index', 'export/index', 'messages/index', 'points/index', 'participation/index'] },
  ],
  // Joining starts from 首页 or 我的: fetch its pages while the person reads.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/account'] },
    'pages/me/index': { network: 'all', packages: ['packages/account'] },
    'pages/council/index': { network: 'all', packages: ['packages/council'] },
    'pages/activities/index': { network: 'all', packages: ['packages/activities'] },
  },
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '厝边议事厅',
    backgroundColor: '#f7f7f7',
    backgroundTextStyle: 'dark',
    // The H5 build draws a navigation bar (title and back arrow) only when asked;
    // in WeChat this is already the default.
    navigationStyle: 'default',
  },
  tabBar: {
    // In WeChat the bar is our own (src/custom-tab-bar): its native one cannot
    // enlarge its labels for 长辈模式. Taro's H5 build draws no custom tab bar
    // (its router leaves it a TODO), so H5 keeps Taro's bar, enlarged by app.scss.
    custom: process.env.TARO_ENV === 'weapp',
    // Labels are text: both colours reach AA (4.5:1) on the white bar; the
    // selected one is the primary buttons' green (--color-brand-fill).
    color: '#666666',
    selectedColor: '#07843f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS.map(({ page, text, icon }) => ({
      pagePath: page,
      text,
      iconPath: `assets/tab/${icon}.png`,
      selectedIconPath: `assets/tab/${icon}-active.png`,
    })),
  },
  lazyCodeLoading: 'requiredComponents',
})
