export default definePageConfig({
  navigationBarTitleText: '街道看板',
  enablePullDownRefresh: true,
})
