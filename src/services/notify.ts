import type { InboxPage, NotifyPreferences } from '@cloud/contract/model'
import type { NotifyKind, SubscribeTemplate } from '@cloud/contract/vocabulary'
import { call } from './api'

/** The caller's messages, newest first; `before` (the last page's `next`) pages on. */
export const inbox = (before?: string, limit = 20): Promise<InboxPage> => call('notify', 'inbox', before ? { before, limit } : { limit })

/** Unread messages only, for the home page's badge: one message fetched, its count read. */
export const unreadCount = async (): Promise<number> => (await inbox(undefined, 1)).unread

export const markRead = (ids: string[]) => call('notify', 'markRead', { ids })
export const markAllRead = () => call('notify', 'markRead', { all: true })

/** The templates the member accepted in WeChat's subscribe dialog: one send each. */
export const subscribed = (accepted: SubscribeTemplate[]) => call('notify', 'subscribed', { accepted })

export const preferences = (): Promise<NotifyPreferences> => call('notify', 'preferences', {})
export const setPreferences = (off: NotifyKind[]) => call('notify', 'setPreferences', { off })
