import type { Member } from '../contract/model'
import type { Audience } from '../contract/schemas'
import { BRANCH_RUNNING_ROLES } from '../contract/vocabulary'

/**
 * What the role predicates read: the grants. A stored Member and the app's MemberProfile both have
 * them, so the app asks the same questions the server does (the server still checks every call).
 */
export type Grantee = Pick<Member, 'roles'>

/** Someone who may publish activities and run their QR screen somewhere (a branch's secretary and 组织委员 for their branch). */
export const isOrganizer = (m: Grantee): boolean =>
  m.roles.some((g) => g.role === 'organizer' || g.role === 'unitAdmin' || g.role === 'cityAdmin' || BRANCH_RUNNING_ROLES.includes(g.role))

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

/** A branch as the role checks see it: which unit it is part of. */
export interface BranchRef {
  id: string
  unitId: string
}

/**
 * May this person run the branch (its meetings, its roster, its leave)? Its secretary and 组织委员,
 * and whoever organizes its unit.
 */
export const runsBranch = (m: Grantee, branch: BranchRef): boolean =>
  organizesUnit(m, branch.unitId) || m.roles.some((g) => BRANCH_RUNNING_ROLES.includes(g.role) && g.branchId === branch.id)

/** Branches this person runs by a branch grant (unit organizers run every branch of their units besides). */
export const branchesRun = (m: Grantee): string[] =>
  [...new Set(m.roles.filter((g) => BRANCH_RUNNING_ROLES.includes(g.role) && g.branchId).map((g) => g.branchId as string))]

/** Sits on the branch committee (支委会): any branch role of it. */
export const onBranchCommittee = (m: Grantee, branchId: string): boolean =>
  m.roles.some((g) => (g.role === 'branchSecretary' || g.role === 'branchOrganizer' || g.role === 'branchCommittee') && g.branchId === branchId)

/** Reviews a unit's meeting records (the unit's 机关党委): its admins, and city admins. */
export const reviewsRecordsOf = (m: Grantee, unitId: string): boolean => isCityAdmin(m) || isUnitAdminOf(m, unitId)

/**
 * An audience an organizer may address: their own units or groups; branches and 党小组 they run
 * (`branches` maps each named branch, or each 党小组 to its branch); the whole city only for city admins.
 */
export function mayAddress(m: Grantee, audience: Audience, branches: ReadonlyMap<string, BranchRef> = new Map()): boolean {
  const runs = (id: string) => {
    const b = branches.get(id)
    return b !== undefined && runsBranch(m, b)
  }
  switch (audience.type) {
    case 'all':
      return isCityAdmin(m)
    case 'units':
      return audience.unitIds.every((u) => organizesUnit(m, u))
    case 'groups':
      return audience.groupIds.every((g) => organizesGroup(m, g))
    case 'branches':
      return audience.branchIds.every(runs)
    case 'partyGroups':
      return audience.partyGroupIds.every(runs)
  }
}

/** The unit an organizer acts for by default: the first unit they organize, else their own. */
export const homeUnitOf = (m: Member): string =>
  m.roles.find((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId && !g.groupId)?.unitId ?? m.unitId

/**
 * May this person run this activity (QR screen, attendance, make-ups…)? Its unit's organizers, its
 * groups', and for an activity a branch runs (every meeting) the branch's secretary and 组织委员.
 */
export const organizesActivity = (m: Grantee, a: { unitId: string; audience: Audience; branchId?: string | null }): boolean =>
  organizesUnit(m, a.unitId) ||
  (a.audience.type === 'groups' && a.audience.groupIds.every((g) => organizesGroup(m, g))) ||
  (!!a.branchId && runsBranch(m, { id: a.branchId, unitId: a.unitId }))

/** Branch roles carry no rank over a unit's roster: bind codes and resets stay with organizers and admins. */
const RANK = { member: 0, organizer: 1, unitAdmin: 2, cityAdmin: 3, branchSecretary: 0, branchOrganizer: 0, branchCommittee: 0 } as const

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
 * Who may grant what: a city admin anything; a unit admin the organizer role, for their own unit or
 * a youth group that unit takes part in, and the branch roles of their unit's branches (a branch
 * grant names its unit). Nobody else.
 */
export function mayGrant(actor: Member, grant: { role: string; unitId?: string; groupId?: string; branchId?: string }, groupUnitIds: string[]): boolean {
  if (isCityAdmin(actor)) return true
  if ((BRANCH_RUNNING_ROLES as readonly string[]).includes(grant.role) || grant.role === 'branchCommittee')
    return !!grant.branchId && !!grant.unitId && isUnitAdminOf(actor, grant.unitId)
  if (grant.role !== 'organizer') return false
  if (grant.unitId && !grant.groupId) return isUnitAdminOf(actor, grant.unitId)
  if (grant.groupId) return groupUnitIds.some((u) => isUnitAdminOf(actor, u))
  return false
}
