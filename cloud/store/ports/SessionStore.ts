import type { Member } from '../../contract/model'

/** Sessions of the local world, and the admin reset that voids them. */
export interface SessionStore {
  revokeSession(sid: string, memberId: string, at: string, expiresAt: string): Promise<void>
  /**
   * The member a session speaks for while it is still good (not signed out, issued after the
   * member's last reset), else null. Asked on every request of the local world.
   */
  sessionMember(sid: string, memberId: string, issuedAt: string): Promise<Member | null>
  /** Admin reset: a new bind code, the WeChat binding cleared, every session issued so far void. */
  resetMemberAccess(memberId: string, newBindCode: string, at: string): Promise<void>
}
