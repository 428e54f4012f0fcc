export default definePageConfig({ navigationBarTitleText: '支部工作', enablePullDownRefresh: true })
