export default definePageConfig({
  navigationBarTitleText: '代邻居报名',
})
