import type { MakeupEligibility } from '@cloud/contract/model'
import type { CheckInInput } from '@cloud/contract/schemas'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { deviceId } from '../utils/deviceId'
import { ApiError, call } from './api'

// Member
export const signUp = (activityId: string) => call('checkin', 'signUp', { activityId })
export const withdrawSignUp = (activityId: string) => call('checkin', 'withdrawSignUp', { activityId })
/** Every check-in carries this phone's id, so the organizer sees one phone checking in several members. */
export const checkIn = (input: Omit<CheckInInput, 'deviceId'>) => call('checkin', 'checkIn', { ...input, deviceId: deviceId() })
/** Volunteer check-out with the token of the QR code scanned at the end. */
export const checkOut = (activityId: string, token: string) => call('checkin', 'checkOut', { activityId, token })
export const requestMakeup = (activityId: string, reason: string) => call('checkin', 'requestMakeup', { activityId, reason })

/**
 * Whether a make-up (补签) may follow a refused check-in, as the server decided it: a refusal a make-up
 * could fix carries `details.makeup`; null when the refusal said nothing about make-ups.
 */
export function makeupOfferOf(e: unknown): MakeupEligibility | null {
  if (!(e instanceof ApiError)) return null
  const m = e.details?.makeup as Partial<MakeupEligibility> | null | undefined
  if (!m || typeof m.allowed !== 'boolean') return null
  return { allowed: m.allowed, reason: m.reason ?? null, deadline: m.deadline ?? null }
}
export const myRecords = (kind?: ActivityKind) => call('checkin', 'mine', kind ? { kind } : {})
export const myMakeups = () => call('checkin', 'myMakeups', {})
/** 未签到: the activities the member missed that still take a make-up, each with its offer and latest request. */
export const myMissed = () => call('checkin', 'missed', {})

// Organizer
export const reviewMakeup = (makeupId: string, approve: boolean, comment?: string) =>
  call('checkin', 'reviewMakeup', comment ? { makeupId, approve, comment } : { makeupId, approve })
export const addMakeup = (activityId: string, memberId: string, reason: string) => call('checkin', 'addMakeup', { activityId, memberId, reason })
/** Volunteer hours for someone who did not check out, in half hours. */
export const confirmHours = (activityId: string, memberId: string, hours: number) => call('checkin', 'confirmHours', { activityId, memberId, hours })
export const reviewHours = (claimId: string, approve: boolean) => call('checkin', 'reviewHours', { claimId, approve })
/** Reverse every credit of a member's check-in (a flagged one, say), with the reason; the check-in stays on record. */
export const reverseCheckIn = (activityId: string, memberId: string, note: string) => call('checkin', 'reverseCheckIn', { activityId, memberId, note })
