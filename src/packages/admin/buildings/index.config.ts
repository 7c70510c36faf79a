export default definePageConfig({
  navigationBarTitleText: '楼栋与房号',
  enablePullDownRefresh: true,
})
