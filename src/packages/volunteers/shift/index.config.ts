export default definePageConfig({
  navigationBarTitleText: '服务时段',
  enablePullDownRefresh: true,
})
