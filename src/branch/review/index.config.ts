export default definePageConfig({ navigationBarTitleText: '会议记录审阅', enablePullDownRefresh: true })
