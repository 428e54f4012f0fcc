import type { InboxMessage, NotifyPreferences } from '../../contract/notify'
import type { ActivityKind, NotifyKind, SubscribeTemplate } from '../../contract/vocabulary'

/** A reminder as the store delivers it: the message, under the key (the occasion, e.g. `activitySoon:<activityId>`) that with the member makes it once only. */
export type Delivery = Pick<InboxMessage, 'memberId' | 'kind' | 'title' | 'body' | 'link' | 'createdAt'> & { key: string }

/** A published activity starting soon, with whom to remind: its sign-ups where sign-up is required, else its audience's active members. */
export interface StartingActivity {
  id: string
  title: string
  kind: ActivityKind
  startAt: string
  endAt: string
  placeName: string | null
  memberIds: string[]
}

/** A volunteer still checked in (no check-out) on a shift that has ended. */
export interface OpenShift {
  activityId: string
  title: string
  endAt: string
  /** Check-out is accepted until then. */
  checkOutClosesAt: string | null
  memberId: string
}

/** A decision on a member's request: a make-up, leave, or volunteer hours over the day's amount. */
export interface Decision {
  kind: 'makeup' | 'leave' | 'hours'
  /** The request's id. */
  id: string
  memberId: string
  activityId: string
  title: string
  approved: boolean
  decidedAt: string
  comment: string | null
}

/** A filed meeting record sent back (已退回), for whoever submitted it. */
export interface ReturnedRecord {
  activityId: string
  title: string
  returnedAt: string
  comment: string | null
  submittedBy: string
}

/**
 * Reminders: members' inboxes, their preferences and the WeChat subscriptions they granted. A
 * reminder reaches a member exactly once however many dispatch runs overlap or die half-way: the
 * message's id is derived from (key, member), and delivering is inserting it if absent.
 */
export interface NotifyStore {
  /**
   * Put a reminder in the member's inbox unless it is there already (the same key and member,
   * delivered by this or any other run). Answers the message and whether this call delivered it.
   */
  deliverOnce(d: Delivery): Promise<{ message: InboxMessage; delivered: boolean }>
  /** Which of these (key, member) pairs have been delivered (a run's pre-filter; deliverOnce decides). */
  deliveredKeys(pairs: { key: string; memberId: string }[]): Promise<Set<string>>
  /** Note that a delivered message also went to WeChat. */
  markPushed(messageId: string): Promise<void>
  /** The WeChat OPENIDs these members are bound to (`member.bind`); members not bound are left out. */
  openIdsOf(memberIds: string[]): Promise<Map<string, string>>

  /** A member's messages, newest first, those older than `before` (a message id) when given. */
  inbox(memberId: string, before: string | null, limit: number): Promise<InboxMessage[]>
  unreadCount(memberId: string): Promise<number>
  /** Mark the member's own messages read (others' ids are ignored); answers how many changed. */
  markRead(memberId: string, ids: string[] | 'all', at: string): Promise<number>

  /** A member's preferences; none saved: nothing off, no subscriptions. */
  getPreferences(memberId: string): Promise<NotifyPreferences>
  /** Several members' preferences at once (a dispatch run's recipients). */
  preferencesOf(memberIds: string[]): Promise<Map<string, NotifyPreferences>>
  setKindsOff(memberId: string, off: NotifyKind[]): Promise<NotifyPreferences>
  /** One more send of each template the member accepted. */
  addSubscriptions(memberId: string, templates: SubscribeTemplate[]): Promise<NotifyPreferences>
  /** Spend one send of a template if one is left (atomic under concurrent runs); false when none is. */
  spendSubscription(memberId: string, template: SubscribeTemplate): Promise<boolean>

  // What a dispatch run reads to find what is due.
  /** Published activities starting in [fromIso, toIso), with their recipients. */
  activitiesStarting(fromIso: string, toIso: string): Promise<StartingActivity[]>
  /** Volunteers checked in without a check-out on volunteer activities that ended in [fromIso, toIso). */
  openShifts(fromIso: string, toIso: string): Promise<OpenShift[]>
  /** Make-ups, leave and hour claims decided (approved or rejected) in [fromIso, toIso). */
  decisionsBetween(fromIso: string, toIso: string): Promise<Decision[]>
  /** Meeting records sent back in [fromIso, toIso) (state 已退回, reviewed then). */
  recordsReturned(fromIso: string, toIso: string): Promise<ReturnedRecord[]>
}
