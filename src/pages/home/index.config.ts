export default definePageConfig({
  navigationBarTitleText: '厝边议事厅',
  enablePullDownRefresh: true,
})
