/**
 * Shapes of reminders (消息提醒): the in-app inbox, a member's preferences, the WeChat subscriptions a
 * member has granted, and what one dispatch run did. Times are ISO-8601 strings in UTC.
 * `model.ts` re-exports them.
 */
import type { NotifyKind, SubscribeTemplate } from './vocabulary'

/** One message in a member's inbox: what happened, and the page that acts on it. */
export interface InboxMessage {
  id: string
  memberId: string
  kind: NotifyKind
  title: string
  body: string
  /** An app path, e.g. `/pages/checkin/index?a=…` or `/branch/record/index?id=…`. */
  link: string | null
  createdAt: string
  readAt: string | null
  /** Also pushed to WeChat as a subscribe message. */
  pushed: boolean
}

export interface InboxPage {
  messages: InboxMessage[]
  unread: number
  /** Pass as `before` for the next page; null at the end. */
  next: string | null
}

/** A member's choices: kinds turned off (nothing of those is sent, in the inbox or WeChat). */
export interface NotifyPreferences {
  off: NotifyKind[]
  /** Sends left per subscribe template (WeChat grants one send per acceptance). */
  subscriptions: Partial<Record<SubscribeTemplate, number>>
}

/**
 * A reminder that is due: to whom, about what, and the key that makes it once only. `key` names the
 * occasion (e.g. `activitySoon:<activityId>`); with the member it is unique for ever.
 */
export interface Reminder {
  key: string
  kind: NotifyKind
  memberId: string
  title: string
  body: string
  link: string | null
  /** Not before this time (quiet hours move a non-urgent one to 07:00 Shanghai). */
  notBefore: string
  /** The subscribe message's fields, already within WeChat's limits. */
  fields: Record<string, { value: string }>
}

/** What one `notify.dispatchDue` run did. */
export interface DispatchReport {
  at: string
  due: number
  /** Delivered by this run (inbox), of which also pushed to WeChat. */
  delivered: number
  pushed: number
  /** Already delivered by an earlier or overlapping run. */
  skipped: number
  /** Held for quiet hours. */
  held: number
  /** Turned off by the member. */
  off: number
  /** WeChat refused (no subscription left, 43101, a bad field): delivered to the inbox only. */
  fellBack: number
}
