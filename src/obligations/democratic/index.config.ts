export default definePageConfig({ navigationBarTitleText: '民主生活会' })
