/**
 * Branch life: the secretary's branch page, meeting records and their filing, photos, the printable
 * record book and its export, and members' leave. One typed call per action.
 */
import type { Functions } from '@cloud/functions'
import type { InputOf, OutputOf } from '@cloud/runtime/action'
import { call } from './api'

type ActivityIn<A extends keyof Functions['activity'] & string> = InputOf<Functions['activity'], A>

/** The branch page: rhythm of this period, this year's meetings, leave waiting, the members. */
export const branchOverview = (branchId?: string) => call('activity', 'branchOverview', branchId ? { branchId } : {})
/** A member's view of their branch's meetings with their own attendance and leave. */
export const branchMeetings = (period?: string) => call('activity', 'branchMeetings', period ? { period } : {})
/** Records waiting for the unit's review (已上报), or in another state. */
export const recordsToReview = (state: NonNullable<ActivityIn<'recordsToReview'>['state']> = 'submitted', unitId?: string) =>
  call('activity', 'recordsToReview', unitId ? { state, unitId } : { state })

/** A meeting's record with its roll, amendments, problems and what the caller may do. */
export const meetingRecord = (id: string) => call('activity', 'record', { id })
export type SaveRecordInput = ActivityIn<'saveRecord'>
/** Save the draft; `version` is the one read (CONFLICT when someone saved in between). */
export const saveRecord = (input: SaveRecordInput) => call('activity', 'saveRecord', input)
/** 上报: locked from then on. */
export const submitRecord = (id: string, version: number) => call('activity', 'submitRecord', { id, version })
/** The unit's review: 已审阅, or back to the branch with a comment. */
export const reviewRecord = (id: string, approve: boolean, comment?: string) =>
  call('activity', 'reviewRecord', comment ? { id, approve, comment } : { id, approve })
export type AmendInput = ActivityIn<'amendRecord'>
/** 补充更正 of a filed record. */
export const amendRecord = (input: AmendInput) => call('activity', 'amendRecord', input)

export type PhotoMime = ActivityIn<'uploadPhoto'>['mime']
export const uploadPhoto = (activityId: string, mime: PhotoMime, data: string) => call('activity', 'uploadPhoto', { activityId, mime, data })
export const photo = (id: string) => call('activity', 'photo', { id })
export type PhotoData = OutputOf<Functions['activity'], 'photo'>

/** Which meetings the printable page and the export cover: one meeting's branch, a branch or a unit in a period. */
export type RecordScope = { branchId?: string; unitId?: string; period?: string }
/** Every meeting of the scope with its full record, for the printable record book. */
export const meetingRecords = (scope: RecordScope) => call('activity', 'meetingRecords', scope)
/** The same as a workbook: `{ filename, mimeType, base64, rows }`. */
export const exportRecords = (scope: RecordScope) => call('activity', 'exportRecords', { ...scope, format: 'xlsx' })

// Leave (请假)
export const requestLeave = (activityId: string, reason: string) => call('checkin', 'requestLeave', { activityId, reason })
export const reviewLeave = (leaveId: string, approve: boolean, comment?: string) =>
  call('checkin', 'reviewLeave', comment ? { leaveId, approve, comment } : { leaveId, approve })
export const withdrawLeave = (leaveId: string) => call('checkin', 'withdrawLeave', { leaveId })
