export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/checkin/index', 'pages/records/index'],
  // Organizer pages load only for organizers: they stay out of the main package.
  subPackages: [
    {
      root: 'organizer',
      pages: ['activities/index', 'create/index', 'qr/index', 'attendance/index'],
    },
  ],
  // Geofenced check-in and the organizer's "use my position" need the location API, declared up front.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于确认您在活动现场签到，以及设置活动的签到地点' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '机关党建签到',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
})
