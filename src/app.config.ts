export default defineAppConfig({
  // pages/verify is public (a certificate's link opens it for anyone), so it stays in the main package;
  // so does pages/activity, which every activity card opens (its own chunk on h5), and pages/mine (我的:
  // profile, 大字模式, help, privacy, sign-out), one tap from home.
  pages: ['pages/index/index', 'pages/login/index', 'pages/checkin/index', 'pages/records/index', 'pages/verify/index', 'pages/activity/index', 'pages/mine/index'],
  // Organizer pages load only for organizers: they stay out of the main package.
  subPackages: [
    {
      root: 'organizer',
      pages: ['activities/index', 'create/index', 'qr/index', 'attendance/index', 'edit/index'],
    },
    // Unit administration (unit and city admins): roster import, roster and codes, audit log.
    {
      root: 'admin',
      pages: ['index/index', 'import/index', 'roster/index', 'print/index', 'audit/index', 'org/index'],
    },
    // Branch life: the secretary's branch page, meeting records and their print, a member's meetings, review.
    {
      root: 'branch',
      pages: ['index/index', 'record/index', 'print/index', 'meetings/index', 'review/index'],
    },
    // Dashboards (organizers and admins; the leaderboard for everyone), selection and policy (city admin).
    {
      root: 'stats',
      pages: ['home/index', 'coverage/index', 'volunteer/index', 'leaderboard/index', 'selection/index', 'policy/index'],
    },
    // The plan's targets (全覆盖): the city's matrix, a unit's branches, trends, the upward report, and the
    // records that meet targets (民主生活会, standard-branch scores, 述职评议) with the target editor.
    {
      root: 'obligations',
      pages: ['index/index', 'unit/index', 'trend/index', 'report/index', 'targets/index', 'democratic/index', 'standard/index', 'duty/index'],
    },
    // Reminders: the inbox and which kinds to receive (the home page shows the unread count).
    {
      root: 'notify',
      pages: ['inbox/index'],
    },
    // A member's own score, the public notice and the volunteer certificate.
    {
      root: 'member',
      pages: ['score/index', 'notice/index', 'certificate/index'],
    },
  ],
  // Inject only the components a page uses, when it is shown (DevTools' 代码质量 check 组件按需注入).
  lazyCodeLoading: 'requiredComponents',
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
