import type { Member } from '../contract/model'
import type { Audience } from '../contract/schemas'

/**
 * What the role predicates read: the grants. A stored Member and the app's MemberProfile both have
 * them, so the app asks the same questions the server does (the server still checks every call).
 */
export type Grantee = Pick<Member, 'roles'>

/** Someone who may publish activities and run their QR screen somewhere. */
export const isOrganizer = (m: Grantee): boolean =>
  m.roles.some((g) => g.role === 'organizer' || g.role === 'unitAdmin' || g.role === 'cityAdmin')

export const isCityAdmin = (m: Grantee): boolean => m.roles.some((g) => g.role === 'cityAdmin')

/**
 * May this person organize for the unit? Organizers and unit admins of it, and city admins. A youth
 * group's organizer organizes the group, not the whole unit (their grant names the group).
 */
export const organizesUnit = (m: Grantee, unitId: string): boolean =>
  isCityAdmin(m) ||
  m.roles.some((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId === unitId && !g.groupId)

export const organizesGroup = (m: Grantee, groupId: string): boolean =>
  isCityAdmin(m) || m.roles.some((g) => g.role === 'organizer' && g.groupId === groupId)

/** An audience an organizer may address: their own units or groups; the whole city only for city admins. */
export function mayAddress(m: Grantee, audience: Audience): boolean {
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
  m.roles.find((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId && !g.groupId)?.unitId ?? m.unitId

/** May this person run this activity (QR screen, attendance, make-ups…)? Its unit's organizers, or its groups'. */
export const organizesActivity = (m: Member, a: { unitId: string; audience: Audience }): boolean =>
  organizesUnit(m, a.unitId) || (a.audience.type === 'groups' && a.audience.groupIds.every((g) => organizesGroup(m, g)))

const RANK = { member: 0, organizer: 1, unitAdmin: 2, cityAdmin: 3 } as const

/** The highest role a person holds over a unit (a city admin holds it over every unit). */
function rankOver(m: Member, unitId: string): number {
  if (isCityAdmin(m)) return RANK.cityAdmin
  if (isUnitAdminOf(m, unitId)) return RANK.unitAdmin
  return organizesUnit(m, unitId) ? RANK.organizer : RANK.member
}

/** The highest role a person holds anywhere. */
const topRank = (m: Member): number => Math.max(0, ...m.roles.map((g) => RANK[g.role]))

/**
 * Does the viewer stand above the target in the target's unit? Only then may they see the target's
 * bind code or reset their access: nobody gains the sign-in of someone with more power than they have.
 */
export const outranks = (viewer: Member, target: Member): boolean =>
  viewer.id !== target.id && rankOver(viewer, target.unitId) > topRank(target)

export const isUnitAdminOf = (m: Grantee, unitId: string): boolean =>
  m.roles.some((g) => g.role === 'unitAdmin' && g.unitId === unitId)

/** Units whose roster this person manages (a city admin manages all: `null`). */
export const adminUnits = (m: Grantee): string[] | null =>
  isCityAdmin(m) ? null : m.roles.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string)

export const isAdmin = (m: Grantee): boolean => isCityAdmin(m) || m.roles.some((g) => g.role === 'unitAdmin')

/**
 * Who may grant what: a city admin anything; a unit admin only the organizer role, for their own
 * unit or a youth group that unit takes part in. Nobody else.
 */
export function mayGrant(actor: Member, grant: { role: string; unitId?: string; groupId?: string }, groupUnitIds: string[]): boolean {
  if (isCityAdmin(actor)) return true
  if (grant.role !== 'organizer') return false
  if (grant.unitId && !grant.groupId) return isUnitAdminOf(actor, grant.unitId)
  if (grant.groupId) return groupUnitIds.some((u) => isUnitAdminOf(actor, u))
  return false
}
