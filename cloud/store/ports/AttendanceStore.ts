import type { AbsentRow, Activity, AttendanceEntry, MyRecord } from '../../contract/model'
import type { ActivityKind } from '../../contract/vocabulary'

/** Who came and who did not: views joined over check-ins, members, credits and claims. */
export interface AttendanceStore {
  listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]>
  /**
   * Who checked in, each with what their phone sent (device id, position, accuracy) for the relay
   * flags, and whether an organizer reversed their credit (a correction entry exists).
   */
  listAttendance(activityId: string): Promise<AttendanceEntry[]>
  /** Members the activity is for who have no check-in, with their latest make-up status. */
  listAbsent(activity: Activity): Promise<AbsentRow[]>
  countAudience(activity: Activity): Promise<number>
}
