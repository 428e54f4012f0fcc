/** Inputs of the notify function: the inbox, preferences, WeChat subscriptions and the dispatch. */
import { z } from 'zod'
import { empty, id } from './fields'
import { NOTIFY_KINDS, SUBSCRIBE_TEMPLATES } from './vocabulary'

/** Reminders: the inbox, preferences, the WeChat subscriptions granted, and the dispatch the timer runs. */
export const notify = {
  /** The caller's own messages, newest first; `before` pages on. */
  inbox: z.object({ before: id.optional(), limit: z.number().int().min(1).max(50).default(20) }),
  /** Mark some of the caller's messages read, or all of them. */
  markRead: z.union([z.object({ ids: z.array(id).min(1, { error: '请选择消息' }).max(100) }), z.object({ all: z.literal(true) })], { error: '请选择要标记为已读的消息' }),
  /** The templates the member accepted in `wx.requestSubscribeMessage` (one send each). */
  subscribed: z.object({ accepted: z.array(z.enum(SUBSCRIBE_TEMPLATES, { error: '未知的订阅消息模板' })).max(3, { error: '一次最多订阅 3 个模板' }) }),
  preferences: empty,
  setPreferences: z.object({ off: z.array(z.enum(NOTIFY_KINDS, { error: '未知的提醒类型' })).max(NOTIFY_KINDS.length) }),
  /** What the timer runs: find every reminder due and deliver each once (city admin by hand). */
  dispatchDue: empty,
}

