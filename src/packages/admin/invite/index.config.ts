export default definePageConfig({
  navigationBarTitleText: '邀请居民',
})
