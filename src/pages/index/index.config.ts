export default definePageConfig({ navigationBarTitleText: '机关党建签到', enablePullDownRefresh: true })
