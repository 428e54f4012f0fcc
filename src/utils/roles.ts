import type { MemberProfile } from '@cloud/contract/model'

/** What the app may offer; the server checks every role again on each call. */
export const isCityAdmin = (m: MemberProfile): boolean => m.roles.some((g) => g.role === 'cityAdmin')

/** Organizers and admins see the dashboards (stats.coverage / stats.volunteer). */
export const seesDashboards = (m: MemberProfile): boolean => m.isOrganizer
