export default definePageConfig({
  navigationBarTitleText: '活动小结',
})
