import type { Activity, Member } from '../../contract/model'
import type { ActivityDraft } from '../../domain/activity'

/** Activities and their QR signing secrets. */
export interface ActivityStore {
  insertActivity(draft: ActivityDraft & { qrSecret: string }, now: string): Promise<Activity>
  /** StoreError `notFound` (activity) if there is no such activity. */
  updateActivity(id: string, patch: Partial<ActivityDraft>, now: string): Promise<Activity>
  getActivity(id: string): Promise<Activity | null>
  /** The activity's signing secret for QR tokens; never leaves the server. */
  getQrSecret(activityId: string): Promise<string | null>
  /** Published activities meant for this member that end after `since`, soonest first. */
  listActivitiesForMember(member: Member, since: string, limit: number): Promise<Activity[]>
  /**
   * Published activities meant for this member that started at or before `startedBy` and end at or
   * after `endingFrom` (those a make-up may still be asked for), latest start first.
   */
  listStartedActivitiesForMember(member: Member, window: { startedBy: string; endingFrom: string }, limit: number): Promise<Activity[]>
  /** Activities organised by these units (any status), newest first. */
  listActivitiesOfUnits(unitIds: string[], limit: number): Promise<Activity[]>
}
