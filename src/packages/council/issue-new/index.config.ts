export default definePageConfig({
  navigationBarTitleText: '我要说事',
})
