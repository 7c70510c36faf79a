export default definePageConfig({
  navigationBarTitleText: '办事进度',
  enablePullDownRefresh: true,
})
