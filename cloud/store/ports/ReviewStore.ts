import type { HourClaim, HourClaimView, Makeup, MakeupView } from '../../contract/model'
import type { NewCheckIn } from './CheckInStore'
import type { DailyCap, NewCredit } from './CreditStore'

export interface MakeupDecision {
  approve: boolean
  reviewer: string
  comment: string | null
  at: string
}

/** Requests an organizer decides once: make-ups (补签) and volunteer hours over the day's amount. */
export interface ReviewStore {
  /** A new request (or an organizer's direct make-up); StoreError `makeupOpen` if one is pending or approved. */
  insertMakeup(m: Omit<Makeup, 'id'>): Promise<Makeup>
  getMakeup(id: string): Promise<Makeup | null>
  /**
   * Decide a pending make-up once (null if it is not pending). Approval inserts the check-in and
   * its credit in the same transaction; if the member has checked in meanwhile, no second record is made.
   */
  decideMakeup(id: string, decision: MakeupDecision, checkIn: NewCheckIn | null, credit: NewCredit | null, dailyCap?: DailyCap): Promise<Makeup | null>
  listMakeupsOfActivity(activityId: string, status?: Makeup['status']): Promise<MakeupView[]>
  listMakeupsOfMember(memberId: string, limit: number): Promise<MakeupView[]>
  /** One member's make-ups for one activity (of one status, if given), newest first: whether one is waiting. */
  makeupsOf(activityId: string, memberId: string, status?: Makeup['status']): Promise<Makeup[]>
  /** One member's make-ups for these activities, every status, latest request first: the 未签到 list's states. */
  makeupsOfMemberFor(memberId: string, activityIds: string[]): Promise<Makeup[]>

  getHourClaim(id: string): Promise<HourClaim | null>
  /** Decide a pending claim once (null if it is not pending); on approval its credit is appended in the same transaction. */
  decideHourClaim(id: string, approve: boolean, reviewer: string, at: string, credit: NewCredit | null, dailyCap?: DailyCap): Promise<HourClaim | null>
  listHourClaims(activityId: string, status: HourClaim['status']): Promise<HourClaimView[]>
  /** One member's claims for one activity, oldest first: what a check-out or a confirmation asks about. */
  hourClaimsOf(activityId: string, memberId: string, status: HourClaim['status']): Promise<HourClaim[]>
}
