export default definePageConfig({ navigationBarTitleText: '标准党支部' })
