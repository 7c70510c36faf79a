export default definePageConfig({
  navigationBarTitleText: '提名好邻居',
})
