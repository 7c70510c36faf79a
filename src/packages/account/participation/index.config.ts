export default definePageConfig({
  navigationBarTitleText: '我参与的',
  enablePullDownRefresh: true,
})
