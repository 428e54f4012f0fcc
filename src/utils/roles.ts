import type { MemberProfile } from '@cloud/contract/model'

/**
 * Role questions are the domain's (`@cloud/domain/roles`: isCityAdmin, isAdmin, isUnitAdminOf…), asked of
 * the profile's grants; the server checks every role again on each call. Only what the profile alone says is here.
 */

/** Organizers and admins see the dashboards (stats.coverage / stats.volunteer): the server's `isOrganizer`, sent with the profile. */
export const seesDashboards = (m: MemberProfile): boolean => m.isOrganizer
