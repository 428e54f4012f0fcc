import type { Member } from '../../contract/model'

/** Sessions of the local world, and the admin reset that voids them. */
export interface SessionStore {
  revokeSession(sid: string, memberId: string, at: string, expiresAt: string): Promise<void>
  /**
   * The member a session speaks for while it is still good (not signed out, issued after the
   * member's last reset), else null. Asked on every request of the local world.
   */
  sessionMember(sid: string, memberId: string, issuedAt: string): Promise<Member | null>
  /**
   * A member signed in with their code (local world): the roster counts them 已登录, as it counts a
   * bound WeChat account. A reset forgets it, since the old code no longer signs anyone in.
   */
  noteSignIn(memberId: string, at: string): Promise<void>
  /** Admin reset: a new bind code, the WeChat binding cleared, every session issued so far void, the sign-in forgotten. */
  resetMemberAccess(memberId: string, newBindCode: string, at: string): Promise<void>
}
