export default definePageConfig({
  navigationBarTitleText: '新建办事项目',
})
