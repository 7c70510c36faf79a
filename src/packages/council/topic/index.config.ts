export default definePageConfig({
  navigationBarTitleText: '议题讨论',
  enablePullDownRefresh: true,
})
