/** Sessions of the local world: signing out revokes one; an admin reset voids all issued so far. */
import { ConnPart } from './part'
import { type Row, grantOf, memberOf, str } from './rows'

export class Sessions extends ConnPart {
  async revokeSession(sid: string, memberId: string, at: string, expiresAt: string) {
    this.sql('INSERT INTO revoked_sessions (sid, member_id, revoked_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(sid, memberId, at, expiresAt)
  }

  async sessionMember(sid: string, memberId: string, issuedAt: string) {
    // Asked on every request: one statement for revocation, the member and their roles.
    const r = this.sql(
        `SELECT m.*, EXISTS (SELECT 1 FROM revoked_sessions WHERE sid = ?) AS revoked,
           (SELECT json_group_array(json_array(role, unit_id, group_id, branch_id)) FROM member_roles WHERE member_id = m.id) AS roles_json
         FROM members m WHERE m.id = ?`,
      )
      .get(sid, memberId) as Row | undefined
    if (!r || r.revoked || (r.sessions_valid_after && issuedAt < str(r.sessions_valid_after))) return null
    const grants = (JSON.parse(str(r.roles_json)) as [string, string | null, string | null, string | null][]).map(([role, unitId, groupId, branchId]) =>
      grantOf(role, unitId, groupId, branchId),
    )
    return memberOf(r, new Map([[memberId, grants]]))
  }

  async noteSignIn(memberId: string, at: string) {
    this.sql('UPDATE members SET signed_in_at = ? WHERE id = ?').run(at, memberId)
  }

  async resetMemberAccess(memberId: string, newBindCode: string, at: string) {
    this.write(() => {
      this.sql('UPDATE members SET bind_code = ?, open_id = NULL, sessions_valid_after = ?, signed_in_at = NULL WHERE id = ?')
        .run(newBindCode, at, memberId)
    })
  }
}
