import Taro from '@tarojs/taro'

export const ORGANIZER = {
  activities: '/organizer/activities/index',
  create: '/organizer/create/index',
  qr: (id: string) => `/organizer/qr/index?id=${encodeURIComponent(id)}`,
  attendance: (id: string) => `/organizer/attendance/index?id=${encodeURIComponent(id)}`,
}

export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  records: '/pages/records/index',
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
