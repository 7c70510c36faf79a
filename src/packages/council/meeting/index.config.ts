export default definePageConfig({
  navigationBarTitleText: '议事会',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
