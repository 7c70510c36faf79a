export default definePageConfig({
  navigationBarTitleText: '公示栏',
  enablePullDownRefresh: true,
})
