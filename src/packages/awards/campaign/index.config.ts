export default definePageConfig({
  navigationBarTitleText: '最美邻里',
  enablePullDownRefresh: true,
})
