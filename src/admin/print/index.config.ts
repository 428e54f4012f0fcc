export default definePageConfig({ navigationBarTitleText: '打印登录码' })
