export default definePageConfig({ navigationBarTitleText: '青年理论学习小组覆盖', enablePullDownRefresh: true })
