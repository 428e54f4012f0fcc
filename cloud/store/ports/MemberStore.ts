import type { Member, RoleGrant } from '../../contract/model'

/**
 * A member as the roster page shows them: with phone, ID number, bind code, whether WeChat is bound,
 * and whether they have signed in at all since their code was issued (bound, or a session issued).
 */
export type RosterMember = Member & { phone: string | null; idNumber: string | null; bindCode: string; bound: boolean; signedIn: boolean }

/** Members: who they are, how they sign in, what roles they hold. */
export interface MemberStore {
  getMember(id: string): Promise<Member | null>
  findMemberByBindCode(bindCode: string): Promise<Member | null>
  findMemberByOpenId(openId: string): Promise<Member | null>
  /** Tie a WeChat account to a member who has none yet (or already this one); false if taken. */
  bindOpenId(memberId: string, openId: string): Promise<boolean>
  /** Members of a unit for the roster page, by member number. */
  listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number): Promise<RosterMember[]>
  /**
   * Grant or take back one role (granting one held, or taking back one not held, changes nothing);
   * the member as they are afterwards; null if there is no such member.
   */
  setRoleGrant(memberId: string, grant: RoleGrant, on: boolean): Promise<Member | null>
}
