import type { CheckInInput } from '@cloud/contract/schemas'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { call } from './api'

// Member
export const signUp = (activityId: string) => call('checkin', 'signUp', { activityId })
export const checkIn = (input: CheckInInput) => call('checkin', 'checkIn', input)
/** Volunteer check-out with the token of the QR code scanned at the end. */
export const checkOut = (activityId: string, token: string) => call('checkin', 'checkOut', { activityId, token })
export const requestMakeup = (activityId: string, reason: string) => call('checkin', 'requestMakeup', { activityId, reason })
export const myRecords = (kind?: ActivityKind) => call('checkin', 'mine', kind ? { kind } : {})
export const myMakeups = () => call('checkin', 'myMakeups', {})

// Organizer
export const reviewMakeup = (makeupId: string, approve: boolean, comment?: string) =>
  call('checkin', 'reviewMakeup', comment ? { makeupId, approve, comment } : { makeupId, approve })
export const addMakeup = (activityId: string, memberId: string, reason: string) => call('checkin', 'addMakeup', { activityId, memberId, reason })
/** Volunteer hours for someone who did not check out, in half hours. */
export const confirmHours = (activityId: string, memberId: string, hours: number) => call('checkin', 'confirmHours', { activityId, memberId, hours })
export const reviewHours = (claimId: string, approve: boolean) => call('checkin', 'reviewHours', { claimId, approve })
