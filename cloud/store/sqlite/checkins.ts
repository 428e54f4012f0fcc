/**
 * Check-ins and volunteer check-outs. One check-in per member and activity by a unique key (an
 * idempotency key is unique per member too); a check-in and its credit are written by group
 * commit, so a crowd scanning one QR code shares one disk flush.
 */
import type Database from 'better-sqlite3'
import type { LedgerEntry } from '../../contract/model'
import { StoreError } from '../errors'
import { newId, newSeqId } from '../ids'
import type { DailyCap, NewCheckIn, NewCredit, RecordCheckInResult } from '../Store'
import type { Conn } from './connection'
import { ConnPart } from './part'
import type { Credits } from './credits'
import type { GroupCommit } from './groupCommit'
import { type Row, str, toCheckIn } from './rows'

/** One check-in per member and activity: a conflicting twin inserts nothing. */
const INSERT_CHECK_IN = `INSERT INTO check_ins (id, activity_id, member_id, checked_in_at, method, distance_m, accuracy_m, device, ip, idempotency_key,
    device_id, lat, lng)
  VALUES (@id, @activityId, @memberId, @checkedInAt, @method, @distanceM, @accuracyM, @device, @ip, @idempotencyKey,
    @deviceId, @lat, @lng)
  ON CONFLICT DO NOTHING`

/** A check-in as its row is written: what the phone did not send about itself is null. */
export const checkInParams = (c: NewCheckIn, id: string) => ({ ...c, id, deviceId: c.deviceId ?? null, lat: c.lat ?? null, lng: c.lng ?? null })

export class CheckIns extends ConnPart {
  private insertCheckInStmt?: Database.Statement

  constructor(
    c: Conn,
    private readonly credits: Credits,
    private readonly commits: GroupCommit,
  ) {
    super(c)
  }

  /** The insert that lets a conflicting twin insert nothing (`changes` 0); make-up approval uses it too. */
  insertStatement(): Database.Statement {
    this.insertCheckInStmt ??= this.sql(INSERT_CHECK_IN)
    return this.insertCheckInStmt
  }

  async recordCheckIn(checkIn: NewCheckIn, credit: NewCredit | null, dailyCap?: DailyCap): Promise<RecordCheckInResult> {
    const insert = this.insertStatement()
    return this.commits.run((): RecordCheckInResult => {
      const id = newSeqId()
      // The unique key decides, not a read before the write: a concurrent twin simply inserts nothing.
      const row = checkInParams(checkIn, id)
      const { changes } = insert.run(row)
      if (changes === 0) {
        const existing = this.sql('SELECT * FROM check_ins WHERE activity_id = ? AND member_id = ?')
          .get(checkIn.activityId, checkIn.memberId) as Row | undefined
        if (!existing) throw new StoreError('idempotencyKeyReused')
        return { checkIn: toCheckIn(existing), created: false, credit: null }
      }
      const entry = credit ? this.credits.appendSync(checkIn.activityId, checkIn.memberId, this.credits.capped(checkIn.memberId, credit, dailyCap)) : null
      return { checkIn: { ...row, checkedOutAt: null }, created: true, credit: entry }
    })
  }

  async findCheckIn(activityId: string, memberId: string) {
    const r = this.sql('SELECT * FROM check_ins WHERE activity_id = ? AND member_id = ?')
      .get(activityId, memberId) as Row | undefined
    return r ? toCheckIn(r) : null
  }

  async checkedInActivityIds(memberId: string, activityIds: string[]) {
    const rows = this.sql(
        `SELECT activity_id FROM check_ins WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?))`,
      )
      .all(memberId, JSON.stringify(activityIds)) as Row[]
    return new Set(rows.map((r) => str(r.activity_id)))
  }

  // ---- volunteer check-out ----

  private insertClaimSync(activityId: string, memberId: string, hours: number, at: string) {
    this.sql(`INSERT INTO hour_claims (id, activity_id, member_id, hours, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
      .run(newId(), activityId, memberId, hours, at)
  }

  async recordCheckOut(checkInId: string, at: string, credit: NewCredit | null, pendingHours: number, dailyCap?: DailyCap) {
    return this.db.transaction(() => {
      const { changes } = this.sql('UPDATE check_ins SET checked_out_at = ? WHERE id = ? AND checked_out_at IS NULL')
        .run(at, checkInId)
      const row = this.sql('SELECT * FROM check_ins WHERE id = ?').get(checkInId) as Row | undefined
      if (!row) throw new StoreError('notFound', 'checkIn')
      const checkIn = toCheckIn(row)
      let entry: LedgerEntry | null = null
      if (changes === 1) {
        if (credit) entry = this.credits.appendSync(checkIn.activityId, checkIn.memberId, this.credits.capped(checkIn.memberId, credit, dailyCap))
        if (pendingHours > 0) this.insertClaimSync(checkIn.activityId, checkIn.memberId, pendingHours, at)
      }
      return { checkIn, updated: changes === 1, credit: entry }
    }).immediate()
  }
}
