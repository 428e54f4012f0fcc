export default definePageConfig({ navigationBarTitleText: '花名册与登录码' })
