import type { Member } from '../contract/model'
import type { Audience } from '../contract/schemas'

/** Someone who may publish activities and run their QR screen somewhere. */
export const isOrganizer = (m: Member): boolean =>
  m.roles.some((g) => g.role === 'organizer' || g.role === 'unitAdmin' || g.role === 'cityAdmin')

export const isCityAdmin = (m: Member): boolean => m.roles.some((g) => g.role === 'cityAdmin')

/** May this person organize for the unit? Organizers and unit admins of it, and city admins. */
export const organizesUnit = (m: Member, unitId: string): boolean =>
  isCityAdmin(m) ||
  m.roles.some((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId === unitId)

export const organizesGroup = (m: Member, groupId: string): boolean =>
  isCityAdmin(m) || m.roles.some((g) => g.role === 'organizer' && g.groupId === groupId)

/** An audience an organizer may address: their own units or groups; the whole city only for city admins. */
export function mayAddress(m: Member, audience: Audience): boolean {
  switch (audience.type) {
    case 'all':
      return isCityAdmin(m)
    case 'units':
      return audience.unitIds.every((u) => organizesUnit(m, u))
    case 'groups':
      return audience.groupIds.every((g) => organizesGroup(m, g))
  }
}

/** The unit an organizer acts for by default: the first unit they organize, else their own. */
export const homeUnitOf = (m: Member): string =>
  m.roles.find((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId)?.unitId ?? m.unitId
