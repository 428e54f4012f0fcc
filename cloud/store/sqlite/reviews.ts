/**
 * Requests an organizer decides once: make-ups (补签; at most one pending or approved per member
 * and activity, by a partial unique index) and volunteer hour claims. A decision is one
 * transaction with what approval grants (a check-in, a credit).
 */
import type { HourClaim, HourClaimView, Makeup, MakeupView } from '../../contract/model'
import { StoreError } from '../errors'
import { newId, newSeqId } from '../ids'
import type { DailyCap, MakeupDecision, NewCheckIn, NewCredit } from '../Store'
import { type CheckIns, checkInParams } from './checkins'
import type { Conn } from './connection'
import { ConnPart } from './part'
import type { Credits } from './credits'
import { type Row, str, toHourClaim, toMakeup } from './rows'

export class Reviews extends ConnPart {
  constructor(
    c: Conn,
    private readonly credits: Credits,
    private readonly checkIns: CheckIns,
  ) {
    super(c)
  }

  // ---- make-ups ----

  async insertMakeup(m: Omit<Makeup, 'id'>) {
    const id = newId()
    const { changes } = this.sql(
        `INSERT INTO makeups (id, activity_id, member_id, reason, status, requested_by, requested_at, reviewed_by, reviewed_at, review_comment)
         VALUES (@id, @activityId, @memberId, @reason, @status, @requestedBy, @requestedAt, @reviewedBy, @reviewedAt, @reviewComment)
         ON CONFLICT DO NOTHING`,
      )
      .run({ ...m, id })
    if (changes === 0) throw new StoreError('makeupOpen')
    return { ...m, id }
  }

  async getMakeup(id: string) {
    const r = this.sql('SELECT * FROM makeups WHERE id = ?').get(id) as Row | undefined
    return r ? toMakeup(r) : null
  }

  async decideMakeup(id: string, decision: MakeupDecision, checkIn: NewCheckIn | null, credit: NewCredit | null, dailyCap?: DailyCap) {
    const insert = this.checkIns.insertStatement()
    return this.write(() => {
      const { changes } = this.sql(`UPDATE makeups SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ? WHERE id = ? AND status = 'pending'`)
        .run(decision.approve ? 'approved' : 'rejected', decision.reviewer, decision.at, decision.comment, id)
      if (changes === 0) return null
      const makeup = toMakeup(this.sql('SELECT * FROM makeups WHERE id = ?').get(id) as Row)
      if (decision.approve && checkIn) {
        const added = insert.run(checkInParams(checkIn, newSeqId())).changes === 1
        // Checked in meanwhile: the make-up is granted but makes no second record or credit.
        if (added && credit) this.credits.appendSync(checkIn.activityId, checkIn.memberId, this.credits.capped(checkIn.memberId, credit, dailyCap))
      }
      return makeup
    })
  }

  private listMakeups(where: string, params: unknown[], limit = 1000): MakeupView[] {
    const rows = this.sql(
        `SELECT k.*, m.name AS member_name, a.title AS activity_title FROM makeups k
         JOIN members m ON m.id = k.member_id JOIN activities a ON a.id = k.activity_id
         WHERE ${where} ORDER BY k.requested_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
      )
      .all(...params) as Row[]
    return rows.map((r) => ({ ...toMakeup(r), memberName: str(r.member_name), activityTitle: str(r.activity_title) }))
  }

  async listMakeupsOfActivity(activityId: string, status?: Makeup['status']) {
    return status
      ? this.listMakeups('k.activity_id = ? AND k.status = ?', [activityId, status])
      : this.listMakeups('k.activity_id = ?', [activityId])
  }

  async listMakeupsOfMember(memberId: string, limit: number) {
    return this.listMakeups('k.member_id = ?', [memberId], limit)
  }

  async makeupsOfMemberFor(memberId: string, activityIds: string[]) {
    const rows = this.sql('SELECT * FROM makeups WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?)) ORDER BY requested_at DESC, id')
      .all(memberId, JSON.stringify(activityIds)) as Row[]
    return rows.map((r) => toMakeup(r))
  }

  async makeupsOf(activityId: string, memberId: string, status?: Makeup['status']) {
    const rows = this.sql('SELECT * FROM makeups WHERE activity_id = ? AND member_id = ? AND (? IS NULL OR status = ?) ORDER BY requested_at DESC')
      .all(activityId, memberId, status ?? null, status ?? null) as Row[]
    return rows.map((r) => toMakeup(r))
  }

  // ---- hour claims ----

  async getHourClaim(id: string) {
    const r = this.sql('SELECT * FROM hour_claims WHERE id = ?').get(id) as Row | undefined
    return r ? toHourClaim(r) : null
  }

  async decideHourClaim(id: string, approve: boolean, reviewer: string, at: string, credit: NewCredit | null, dailyCap?: DailyCap) {
    return this.write(() => {
      const { changes } = this.sql(`UPDATE hour_claims SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = 'pending'`)
        .run(approve ? 'approved' : 'rejected', reviewer, at, id)
      if (changes === 0) return null
      const claim = toHourClaim(this.sql('SELECT * FROM hour_claims WHERE id = ?').get(id) as Row)
      if (approve && credit) this.credits.appendSync(claim.activityId, claim.memberId, this.credits.capped(claim.memberId, credit, dailyCap))
      return claim
    })
  }

  async listHourClaims(activityId: string, status: HourClaim['status']): Promise<HourClaimView[]> {
    const rows = this.sql(
        `SELECT h.*, m.name AS member_name FROM hour_claims h JOIN members m ON m.id = h.member_id
         WHERE h.activity_id = ? AND h.status = ? ORDER BY h.created_at`,
      )
      .all(activityId, status) as Row[]
    return rows.map((r) => ({ ...toHourClaim(r), memberName: str(r.member_name) }))
  }

  async hourClaimsOf(activityId: string, memberId: string, status: HourClaim['status']): Promise<HourClaim[]> {
    const rows = this.sql('SELECT * FROM hour_claims WHERE activity_id = ? AND member_id = ? AND status = ? ORDER BY created_at')
      .all(activityId, memberId, status) as Row[]
    return rows.map((r) => toHourClaim(r))
  }
}
