export default definePageConfig({ navigationBarTitleText: '记实建档报表（打印）' })
