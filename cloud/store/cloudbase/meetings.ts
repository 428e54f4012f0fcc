/**
 * Branch meetings: their records, the amendments beside a filed record, and members' leave.
 *
 * A record's `_id` is its meeting's activity id and it carries a `version`: the first save adds it
 * (so of two first saves one fails as a duplicate), every later save is a conditional update
 * `where({ _id, version: version - 1 })`, evaluated and applied on one record at once, so of two
 * saves from the same version one finds nothing to update. Each save also copies the meeting's unit
 * and start onto the record, for the review queue's one indexed query.
 *
 * Leave: one request waiting or approved per member and meeting, by `_id` =
 * `${activityId}:${memberId}:${n}` (a new `n` only once the last was declined; a withdrawn request
 * is removed and frees its `n`), so two requests at once cannot both land.
 */
import type { Activity, LeaveRequest, MeetingRecord, RecordAmendment } from '../../contract/model'
import type { RecordState } from '../../contract/vocabulary'
import { StoreError } from '../errors'
import { newId } from '../ids'
import type { MeetingFilter } from '../ports/MeetingStore'
import { chunk, nextSeq, type Db } from './access'
import { COL, ids } from './collections'
import { amendmentValueDoc, byText, num, recordFields, str, toActivity, toAmendment, toLeave, toMeetingRecord } from './documents'
import type { Condition, Doc } from './sdk'

/** Requests that hold the member's place: a new one waits until these are declined or withdrawn. */
const HOLDING = new Set(['pending', 'approved'])

export class Meetings {
  constructor(
    private readonly db: Db,
    /** The meeting's activity (activities.ts keeps it a few seconds per instance). */
    private readonly activity: (id: string) => Promise<Activity | null>,
  ) {}

  async listMeetings(filter: MeetingFilter): Promise<Activity[]> {
    const _ = this.db._
    const when = { isMeeting: true, startAt: _.gte(filter.from).and(_.lt(filter.to)) }
    const reads: Promise<Doc[]>[] = []
    for (const part of chunk(filter.branchIds ?? [])) reads.push(this.db.all(COL.activities, { ...when, branchId: _.in(part) }))
    for (const part of chunk(filter.unitIds ?? [])) reads.push(this.db.all(COL.activities, { ...when, unitId: _.in(part) }))
    if (filter.branchIds === undefined && filter.unitIds === undefined) reads.push(this.db.all(COL.activities, when))
    const byId = new Map((await Promise.all(reads)).flat().map((d) => [str(d._id), d]))
    return [...byId.values()].map(toActivity).sort((a, b) => byText(a.startAt, b.startAt) || byText(a.id, b.id))
  }

  async getMeetingRecord(activityId: string): Promise<MeetingRecord | null> {
    const d = await this.db.read(COL.meetingRecords, activityId)
    return d ? toMeetingRecord(d) : null
  }

  async meetingRecords(activityIds: string[]): Promise<Map<string, MeetingRecord>> {
    return new Map((await this.db.allIn(COL.meetingRecords, '_id', activityIds)).map((d) => [str(d._id), toMeetingRecord(d)]))
  }

  async saveMeetingRecord(record: MeetingRecord): Promise<MeetingRecord> {
    const a = await this.activity(record.activityId)
    if (!a) throw new StoreError('notFound', 'activity')
    const data: Doc = { ...recordFields(record), unitId: a.unitId, branchId: a.branchId, startAt: a.startAt }
    const conflict = () => new StoreError('conflict')
    if (record.version <= 1) {
      if (record.version < 1 || !(await this.db.addOnce(COL.meetingRecords, record.activityId, data))) throw conflict()
      return record
    }
    const { stats } = await this.db
      .coll(COL.meetingRecords)
      .where({ _id: record.activityId, version: record.version - 1 })
      .update({ data })
    if (!stats.updated) throw conflict()
    return record
  }

  async recordsInState(unitIds: string[] | null, state: RecordState, limit: number): Promise<MeetingRecord[]> {
    const max = Math.max(0, limit)
    if (max === 0) return []
    const _ = this.db._
    const order: [string, 'asc' | 'desc'][] = [['startAt', 'desc']]
    const wheres: Condition[] = unitIds === null ? [{ state }] : chunk([...new Set(unitIds)]).map((part) => ({ state, unitId: _.in(part) }))
    const rows = (await Promise.all(wheres.map((w) => this.db.all(COL.meetingRecords, w, order, max)))).flat()
    return rows
      .sort((a, b) => byText(str(b.startAt), str(a.startAt)) || byText(str(a._id), str(b._id)))
      .slice(0, max)
      .map(toMeetingRecord)
  }

  async insertAmendment(a: Omit<RecordAmendment, 'id'>): Promise<RecordAmendment> {
    const id = newId()
    await this.db.coll(COL.recordAmendments).add({
      data: { _id: id, activityId: a.activityId, field: a.field, value: amendmentValueDoc(a.value), reason: a.reason, by: a.by, at: a.at, seq: nextSeq() },
    })
    return { ...a, id }
  }

  /** Oldest first: applied in order, a later correction of a field wins. */
  async listAmendments(activityIds: string[]): Promise<RecordAmendment[]> {
    const rows = await this.db.allIn(COL.recordAmendments, 'activityId', activityIds)
    return rows.sort((a, b) => byText(str(a.at), str(b.at)) || num(a.seq) - num(b.seq)).map(toAmendment)
  }

  // ---- leave ----

  async insertLeave(l: Omit<LeaveRequest, 'id' | 'status' | 'reviewedBy' | 'reviewedAt' | 'comment'>): Promise<LeaveRequest> {
    const mine = await this.db.all(COL.leaveRequests, { activityId: l.activityId, memberId: l.memberId })
    if (mine.some((d) => HOLDING.has(str(d.status)))) throw new StoreError('conflict')
    const n = mine.reduce((max, d) => Math.max(max, num(d.n)), 0) + 1
    const leave: LeaveRequest = { ...l, id: ids.leave(l.activityId, l.memberId, n), status: 'pending', reviewedBy: null, reviewedAt: null, comment: null }
    const { id, ...fields } = leave
    if (!(await this.db.addOnce(COL.leaveRequests, id, { ...fields, n }))) throw new StoreError('conflict')
    return leave
  }

  async getLeave(id: string): Promise<LeaveRequest | null> {
    const d = await this.db.read(COL.leaveRequests, id)
    return d ? toLeave(d) : null
  }

  /** The change applies only to a request still waiting (one conditional write on the record). */
  async decideLeave(
    id: string,
    decision: { status: 'approved' | 'rejected'; reviewedBy: string; reviewedAt: string; comment: string | null } | 'withdraw',
  ): Promise<LeaveRequest | null> {
    const d = await this.db.read(COL.leaveRequests, id)
    if (!d) throw new StoreError('notFound', 'leave')
    if (str(d.status) !== 'pending') throw new StoreError('conflict')
    const waiting = this.db.coll(COL.leaveRequests).where({ _id: id, status: 'pending' })
    if (decision === 'withdraw') {
      const { stats } = await waiting.remove()
      if (!stats.removed) throw new StoreError('conflict')
      return null
    }
    const change = { status: decision.status, reviewedBy: decision.reviewedBy, reviewedAt: decision.reviewedAt, comment: decision.comment }
    const { stats } = await waiting.update({ data: change })
    if (!stats.updated) throw new StoreError('conflict')
    return toLeave({ ...d, ...change })
  }

  async leavesOf(activityIds: string[]): Promise<LeaveRequest[]> {
    return sortLeaves(await this.db.allIn(COL.leaveRequests, 'activityId', activityIds))
  }

  async leavesOfMember(memberId: string, activityIds: string[]): Promise<LeaveRequest[]> {
    return sortLeaves(await this.db.allIn(COL.leaveRequests, 'activityId', activityIds, { memberId }))
  }
}

const sortLeaves = (rows: Doc[]): LeaveRequest[] => rows.map(toLeave).sort((a, b) => byText(a.requestedAt, b.requestedAt) || byText(a.id, b.id))
