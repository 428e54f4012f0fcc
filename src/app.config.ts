export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/checkin/index', 'pages/records/index'],
  // Organizer pages load only for organizers: they stay out of the main package.
  subPackages: [
    {
      root: 'organizer',
      pages: ['activities/index', 'create/index', 'qr/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '机关党建签到',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
})
