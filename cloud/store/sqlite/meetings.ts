/**
 * Branch meetings: listing them, their records (written by version, so two editors cannot
 * overwrite each other), the append-only amendments of filed records, members' leave, and photos
 * (rows here, bytes as files in a folder beside the database).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { AbsenceNote, AmendmentValue, FiledRoll, LeaveRequest, MeetingRecord, RecordAmendment } from '../../contract/model'
import type { AmendableField, RecordState, ReviewStatus } from '../../contract/vocabulary'
import { StoreError } from '../errors'
import { newId } from '../ids'
import type { MeetingFilter, StoredPhoto } from '../Store'
import type { Conn } from './connection'
import { ConnPart } from './part'
import { type Row, str, strOrNull, toActivity } from './rows'

const ids = (xs: readonly string[]) => JSON.stringify(xs)

function toRecord(r: Row): MeetingRecord {
  return {
    activityId: str(r.activity_id),
    state: str(r.state) as RecordState,
    host: strOrNull(r.host),
    recorder: strOrNull(r.recorder),
    topics: JSON.parse(str(r.topics_json)) as string[],
    decisions: str(r.decisions),
    minutes: str(r.minutes),
    photos: JSON.parse(str(r.photos_json)) as string[],
    absences: JSON.parse(str(r.absences_json)) as AbsenceNote[],
    version: Number(r.version),
    updatedAt: str(r.updated_at),
    updatedBy: strOrNull(r.updated_by),
    submittedAt: strOrNull(r.submitted_at),
    submittedBy: strOrNull(r.submitted_by),
    reviewedAt: strOrNull(r.reviewed_at),
    reviewedBy: strOrNull(r.reviewed_by),
    reviewComment: strOrNull(r.review_comment),
    filedRoll: r.filed_roll_json == null ? null : (JSON.parse(str(r.filed_roll_json)) as FiledRoll),
  }
}

function toAmendment(r: Row): RecordAmendment {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    field: str(r.field) as AmendableField,
    value: JSON.parse(str(r.value_json)) as AmendmentValue,
    reason: str(r.reason),
    by: str(r.by_id),
    at: str(r.at),
  }
}

function toLeave(r: Row): LeaveRequest {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    memberId: str(r.member_id),
    reason: str(r.reason),
    status: str(r.status) as ReviewStatus,
    requestedAt: str(r.requested_at),
    reviewedBy: strOrNull(r.reviewed_by),
    reviewedAt: strOrNull(r.reviewed_at),
    comment: strOrNull(r.comment),
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE'

export class Meetings extends ConnPart {
  // ---- meetings and their records ----

  async listMeetings(filter: MeetingFilter) {
    const rows = this.sql(
        `SELECT * FROM activities
         WHERE meeting_type IS NOT NULL AND start_at >= @from AND start_at < @to
           AND (branch_id IN (SELECT value FROM json_each(@branchIds)) OR unit_id IN (SELECT value FROM json_each(@unitIds)))
         ORDER BY start_at, id`,
      )
      .all({ from: filter.from, to: filter.to, branchIds: ids(filter.branchIds ?? []), unitIds: ids(filter.unitIds ?? []) }) as Row[]
    return rows.map(toActivity)
  }

  async getMeetingRecord(activityId: string) {
    const r = this.sql('SELECT * FROM meeting_records WHERE activity_id = ?').get(activityId) as Row | undefined
    return r ? toRecord(r) : null
  }

  async meetingRecords(activityIds: string[]) {
    const rows = this.sql('SELECT * FROM meeting_records WHERE activity_id IN (SELECT value FROM json_each(?))').all(ids(activityIds)) as Row[]
    return new Map(rows.map((r) => [str(r.activity_id), toRecord(r)]))
  }

  async saveMeetingRecord(record: MeetingRecord) {
    const params = {
      ...record,
      topicsJson: JSON.stringify(record.topics),
      photosJson: JSON.stringify(record.photos),
      absencesJson: JSON.stringify(record.absences),
      filedRollJson: record.filedRoll ? JSON.stringify(record.filedRoll) : null,
      previous: record.version - 1,
    }
    return this.write(() => {
      const saved =
        record.version === 1
          ? this.sql(
                `INSERT INTO meeting_records (activity_id, state, host, recorder, topics_json, decisions, minutes, photos_json, absences_json, version,
                   updated_at, updated_by, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, filed_roll_json)
                 VALUES (@activityId, @state, @host, @recorder, @topicsJson, @decisions, @minutes, @photosJson, @absencesJson, @version,
                   @updatedAt, @updatedBy, @submittedAt, @submittedBy, @reviewedAt, @reviewedBy, @reviewComment, @filedRollJson)
                 ON CONFLICT(activity_id) DO NOTHING`,
              ).run(params).changes
          : this.sql(
                `UPDATE meeting_records SET state = @state, host = @host, recorder = @recorder, topics_json = @topicsJson, decisions = @decisions,
                   minutes = @minutes, photos_json = @photosJson, absences_json = @absencesJson, version = @version, updated_at = @updatedAt,
                   updated_by = @updatedBy, submitted_at = @submittedAt, submitted_by = @submittedBy, reviewed_at = @reviewedAt,
                   reviewed_by = @reviewedBy, review_comment = @reviewComment, filed_roll_json = @filedRollJson
                 WHERE activity_id = @activityId AND version = @previous`,
              ).run(params).changes
      // Someone saved since this version was read (or a first save found one already there).
      if (saved === 0) throw new StoreError('conflict')
      return toRecord(this.sql('SELECT * FROM meeting_records WHERE activity_id = ?').get(record.activityId) as Row)
    })
  }

  async recordsInState(unitIds: string[] | null, state: RecordState, limit: number) {
    const rows = this.sql(
        `SELECT r.* FROM meeting_records r JOIN activities a ON a.id = r.activity_id
         WHERE r.state = @state AND (@all = 1 OR a.unit_id IN (SELECT value FROM json_each(@unitIds)))
         ORDER BY a.start_at DESC, a.id DESC LIMIT @limit`,
      )
      .all({ state, all: unitIds === null ? 1 : 0, unitIds: ids(unitIds ?? []), limit }) as Row[]
    return rows.map(toRecord)
  }

  async insertAmendment(a: Omit<RecordAmendment, 'id'>) {
    const id = newId()
    // The write answers what the method does: an audited caller's row records it.
    return this.write(() => {
      this.sql('INSERT INTO record_amendments (id, activity_id, field, value_json, reason, by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, a.activityId, a.field, JSON.stringify(a.value), a.reason, a.by, a.at)
      return { id, ...a }
    })
  }

  async listAmendments(activityIds: string[]) {
    const rows = this.sql('SELECT * FROM record_amendments WHERE activity_id IN (SELECT value FROM json_each(?)) ORDER BY at, seq').all(ids(activityIds)) as Row[]
    return rows.map(toAmendment)
  }

  // ---- leave ----

  async insertLeave(l: Omit<LeaveRequest, 'id' | 'status' | 'reviewedBy' | 'reviewedAt' | 'comment'>) {
    const leave: LeaveRequest = { id: newId(), ...l, status: 'pending', reviewedBy: null, reviewedAt: null, comment: null }
    try {
      this.write(() =>
        this.sql(
            `INSERT INTO leave_requests (id, activity_id, member_id, reason, status, requested_at)
             VALUES (@id, @activityId, @memberId, @reason, 'pending', @requestedAt)`,
          )
          .run(leave),
      )
    } catch (e) {
      // The partial unique index: one request waiting or approved per member and meeting.
      if (isUniqueViolation(e)) throw new StoreError('conflict')
      throw e
    }
    return leave
  }

  async getLeave(id: string) {
    const r = this.sql('SELECT * FROM leave_requests WHERE id = ?').get(id) as Row | undefined
    return r ? toLeave(r) : null
  }

  async decideLeave(
    id: string,
    decision: { status: 'approved' | 'rejected'; reviewedBy: string; reviewedAt: string; comment: string | null } | 'withdraw',
  ) {
    return this.write((): LeaveRequest | null => {
      const r = this.sql('SELECT * FROM leave_requests WHERE id = ?').get(id) as Row | undefined
      if (!r) throw new StoreError('notFound', 'leave')
      if (r.status !== 'pending') throw new StoreError('conflict')
      if (decision === 'withdraw') {
        this.sql('DELETE FROM leave_requests WHERE id = ?').run(id)
        return null
      }
      this.sql('UPDATE leave_requests SET status = ?, reviewed_by = ?, reviewed_at = ?, comment = ? WHERE id = ?')
        .run(decision.status, decision.reviewedBy, decision.reviewedAt, decision.comment, id)
      return toLeave(this.sql('SELECT * FROM leave_requests WHERE id = ?').get(id) as Row)
    })
  }

  async leavesOf(activityIds: string[]) {
    const rows = this.sql('SELECT * FROM leave_requests WHERE activity_id IN (SELECT value FROM json_each(?)) ORDER BY requested_at, id').all(ids(activityIds)) as Row[]
    return rows.map(toLeave)
  }

  async leavesOfMember(memberId: string, activityIds: string[]) {
    const rows = this.sql('SELECT * FROM leave_requests WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?)) ORDER BY requested_at, id')
      .all(memberId, ids(activityIds)) as Row[]
    return rows.map(toLeave)
  }
}

export class Photos extends ConnPart {
  private readonly dir: string
  /** An in-memory database's photos live as long as it does. */
  private readonly temporary: boolean

  /** The photos of the database in `file`: in `photos/` beside it, or a fresh folder for an in-memory one. */
  constructor(c: Conn, file: string) {
    super(c)
    this.temporary = file === ':memory:' || file === ''
    this.dir = this.temporary ? mkdtempSync(join(tmpdir(), 'party-checkin-photos-')) : join(dirname(resolve(file)), 'photos')
  }

  close(): void {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true })
  }

  async putPhoto(p: Omit<StoredPhoto, 'id'>) {
    const id = newId()
    // ids are base64url: safe as file names.
    const fileName = `${id}.bin`
    mkdirSync(this.dir, { recursive: true })
    // The file first: a row never points at bytes that are not there.
    writeFileSync(join(this.dir, fileName), p.bytes)
    return this.write(() => {
      this.sql('INSERT INTO photos (id, activity_id, mime, file_name, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, p.activityId, p.mime, fileName, p.uploadedBy, p.uploadedAt)
      return { id }
    })
  }

  async getPhoto(id: string): Promise<StoredPhoto | null> {
    const r = this.sql('SELECT * FROM photos WHERE id = ?').get(id) as Row | undefined
    if (!r) return null
    const bytes = readFileSync(join(this.dir, str(r.file_name)))
    return {
      id: str(r.id),
      activityId: str(r.activity_id),
      mime: str(r.mime),
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      uploadedBy: str(r.uploaded_by),
      uploadedAt: str(r.uploaded_at),
    }
  }
}
