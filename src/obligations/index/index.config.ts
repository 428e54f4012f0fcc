export default definePageConfig({ navigationBarTitleText: '全覆盖目标', enablePullDownRefresh: true })
