import type { Activity, LeaveRequest, MeetingRecord, RecordAmendment } from '../../contract/model'
import type { RecordState } from '../../contract/vocabulary'

/** Which meetings: of some branches, or of some units (every branch of them); starting in [from, to). */
export interface MeetingFilter {
  branchIds?: string[]
  unitIds?: string[]
  from: string
  to: string
}

/** Branch meetings' records, their amendments, and members' leave. */
export interface MeetingStore {
  /** Activities that are meetings (any status), by the filter, soonest first. */
  listMeetings(filter: MeetingFilter): Promise<Activity[]>
  /** The stored record of a meeting; null until its first save. */
  getMeetingRecord(activityId: string): Promise<MeetingRecord | null>
  meetingRecords(activityIds: string[]): Promise<Map<string, MeetingRecord>>
  /**
   * Write a record whose stored version is still `record.version - 1` (a first save has version 1
   * and nothing stored). StoreError `conflict` if someone saved in between.
   */
  saveMeetingRecord(record: MeetingRecord): Promise<MeetingRecord>
  /** Records of meetings of these units (null: all) in this filing state, newest activity first. */
  recordsInState(unitIds: string[] | null, state: RecordState, limit: number): Promise<MeetingRecord[]>
  /** Append a correction; amendments are never changed or removed. */
  insertAmendment(a: Omit<RecordAmendment, 'id'>): Promise<RecordAmendment>
  listAmendments(activityIds: string[]): Promise<RecordAmendment[]>

  /** StoreError `conflict` when the member has a leave request waiting or approved for the meeting. */
  insertLeave(l: Omit<LeaveRequest, 'id' | 'status' | 'reviewedBy' | 'reviewedAt' | 'comment'>): Promise<LeaveRequest>
  getLeave(id: string): Promise<LeaveRequest | null>
  /**
   * Decide (approved / rejected) or withdraw (deleted) a request still waiting; StoreError
   * `conflict` if it was decided meanwhile, `notFound` if there is none.
   */
  decideLeave(id: string, decision: { status: 'approved' | 'rejected'; reviewedBy: string; reviewedAt: string; comment: string | null } | 'withdraw'): Promise<LeaveRequest | null>
  /** Leave of these meetings, every status. */
  leavesOf(activityIds: string[]): Promise<LeaveRequest[]>
  /** A member's leave on these meetings. */
  leavesOfMember(memberId: string, activityIds: string[]): Promise<LeaveRequest[]>
}
