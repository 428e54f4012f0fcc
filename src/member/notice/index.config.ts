export default definePageConfig({ navigationBarTitleText: '青年理论学习标兵公示', enablePullDownRefresh: true })
