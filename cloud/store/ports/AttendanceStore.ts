import type { AbsentRow, Activity, AttendanceRow, MyRecord } from '../../contract/model'
import type { ActivityKind } from '../../contract/vocabulary'

/** Who came and who did not: views joined over check-ins, members, credits and claims. */
export interface AttendanceStore {
  listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]>
  listAttendance(activityId: string): Promise<AttendanceRow[]>
  /** Members the activity is for who have no check-in, with their latest make-up status. */
  listAbsent(activity: Activity): Promise<AbsentRow[]>
  countAudience(activity: Activity): Promise<number>
}
