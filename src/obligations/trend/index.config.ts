export default definePageConfig({ navigationBarTitleText: '目标完成趋势', enablePullDownRefresh: true })
