export default definePageConfig({ navigationBarTitleText: '单位目标完成情况', enablePullDownRefresh: true })
