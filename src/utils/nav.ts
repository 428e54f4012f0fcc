import Taro from '@tarojs/taro'

export const ORGANIZER = {
  activities: '/organizer/activities/index',
  create: '/organizer/create/index',
  /** The create form in 支部会议 mode, for a branch; prefilled with a type and period for 补开. */
  createMeeting: (branchId: string, type?: string, forPeriod?: string, partyGroupId?: string) =>
    `/organizer/create/index?${Object.entries({ meeting: '1', branch: branchId, type, period: forPeriod, group: partyGroupId })
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')}`,
  qr: (id: string) => `/organizer/qr/index?id=${encodeURIComponent(id)}`,
  /** 编辑活动 (also after publishing: what may change follows the editing rules). */
  edit: (id: string) => `/organizer/edit/index?id=${encodeURIComponent(id)}`,
  attendance: (id: string) => `/organizer/attendance/index?id=${encodeURIComponent(id)}`,
}

/** Unit administration (subpackage `admin`): roster import, roster and sign-in codes, audit log. */
export const ADMIN = {
  home: '/admin/index/index',
  import: '/admin/import/index',
  roster: (unitId?: string) => (unitId ? `/admin/roster/index?unit=${encodeURIComponent(unitId)}` : '/admin/roster/index'),
  print: (unitId: string) => `/admin/print/index?unit=${encodeURIComponent(unitId)}`,
  audit: '/admin/audit/index',
  org: '/admin/org/index',
}

/** Branch life (subpackage `branch`): the secretary's branch page, records, the member's meetings, review. */
export const BRANCH = {
  home: (branchId?: string) => (branchId ? `/branch/index/index?branch=${encodeURIComponent(branchId)}` : '/branch/index/index'),
  record: (id: string) => `/branch/record/index?id=${encodeURIComponent(id)}`,
  /** One meeting, or every meeting of a branch or a unit in a period. */
  print: (q: { id?: string; branchId?: string; unitId?: string; period?: string }) =>
    `/branch/print/index?${Object.entries(q)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')}`,
  meetings: '/branch/meetings/index',
  review: '/branch/review/index',
}

/** Dashboards for organizers and admins; selection and policy for the city admin. */
export const STATS = {
  home: '/stats/home/index',
  coverage: '/stats/coverage/index',
  volunteer: '/stats/volunteer/index',
  leaderboard: '/stats/leaderboard/index',
  selection: '/stats/selection/index',
  policy: '/stats/policy/index',
}

/** A member's own standing, the public notice and the volunteer certificate. */
export const MEMBER = {
  score: '/member/score/index',
  notice: '/member/notice/index',
  certificate: (period?: string) => `/member/certificate/index${period ? `?period=${encodeURIComponent(period)}` : ''}`,
}

/** Reminders (subpackage `notify`): the inbox with its settings. */
export const NOTIFY = {
  inbox: '/notify/inbox/index',
}

export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  records: '/pages/records/index',
  /** 我的: profile, 大字模式, help, privacy notice and sign-out. */
  mine: '/pages/mine/index',
  /** One activity: what, when, where, the member's own state and, for its organizers, who is coming. */
  activity: (id: string) => `/pages/activity/index?id=${encodeURIComponent(id)}`,
  /** Public: a certificate's verifyUrl opens it with `s` (serial) and `c` (code). */
  verify: '/pages/verify/index',
}

/** The current page's path with its query, to come back to after signing in. */
export function currentUrl(): string {
  const router = Taro.getCurrentInstance().router
  if (!router) return PAGES.home
  const path = router.path.split('?')[0]
  const query = Object.entries(router.params)
    .filter(([k, v]) => v !== undefined && k !== '$taroTimestamp' && k !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

export const goLogin = () => Taro.redirectTo({ url: `${PAGES.login}?redirect=${encodeURIComponent(currentUrl())}` })
