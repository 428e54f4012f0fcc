/**
 * notify: a member's inbox, preferences and WeChat subscriptions, and the dispatch run that delivers
 * reminders (the timer's; a city admin may run it by hand). Each member reads and marks only their own.
 */
import type { InboxPage } from '../../contract/notify'
import { notify as schemas } from '../../contract/schemas'
import { isCityAdmin } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { dispatchDue } from './dispatch'

export { dispatchDue } from './dispatch'

export const notifyActions = {
  inbox: defineAction({
    input: schemas.inbox,
    auth: 'member',
    run: async (input, ctx): Promise<InboxPage> => {
      const me = ctx.caller.id
      // One more than a page says whether there is a next one.
      const [rows, unread] = await Promise.all([ctx.store.inbox(me, input.before ?? null, input.limit + 1), ctx.store.unreadCount(me)])
      const messages = rows.slice(0, input.limit)
      return { messages, unread, next: rows.length > input.limit ? (messages[messages.length - 1]?.id ?? null) : null }
    },
  }),
  markRead: defineAction({
    input: schemas.markRead,
    auth: 'member',
    run: async (input, ctx) => {
      // The store ignores ids that are not the caller's own.
      const changed = await ctx.store.markRead(ctx.caller.id, 'all' in input ? 'all' : input.ids, ctx.now().toISOString())
      return { changed, unread: await ctx.store.unreadCount(ctx.caller.id) }
    },
  }),
  subscribed: defineAction({
    input: schemas.subscribed,
    auth: 'member',
    run: async (input, ctx) => ctx.store.addSubscriptions(ctx.caller.id, input.accepted),
  }),
  preferences: defineAction({ input: schemas.preferences, auth: 'member', run: async (_input, ctx) => ctx.store.getPreferences(ctx.caller.id) }),
  setPreferences: defineAction({
    input: schemas.setPreferences,
    auth: 'member',
    run: async (input, ctx) => ctx.store.setKindsOff(ctx.caller.id, [...new Set(input.off)]),
  }),
  // The timer (local cron, CloudBase trigger) calls `dispatchDue` with a system context; by hand, a city admin.
  dispatchDue: defineAction({ input: schemas.dispatchDue, auth: isCityAdmin, run: async (_input, ctx) => dispatchDue(ctx) }),
}
