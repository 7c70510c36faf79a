export default definePageConfig({
  navigationBarTitleText: '评选管理',
  enablePullDownRefresh: true,
})
