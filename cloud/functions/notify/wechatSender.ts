/**
 * Sending a WeChat subscribe message (订阅消息). The WeChat world passes `cloud.openapi.subscribeMessage.send`
 * through `SubscribeSender`; the local world has none, so reminders there reach the inbox only.
 */
import type { SubscribeTemplate } from '../../contract/vocabulary'

export interface SubscribeSendRequest {
  touser: string
  templateId: string
  /** The page the message opens, as an app path without the leading slash. */
  page: string
  data: Record<string, { value: string }>
}

/** WeChat's answer: errcode 0 when sent; e.g. 43101 (the user has no subscription left), 47003 (a field out of limits). */
export interface SubscribeSendResult {
  errcode: number
  errmsg: string
}

export interface SubscribeSender {
  /** The template ids configured for this deployment; a template without one is not pushed. */
  templateIds: Partial<Record<SubscribeTemplate, string>>
  send(req: SubscribeSendRequest): Promise<SubscribeSendResult>
}

/** The part of wx-server-sdk used here (`cloud.openapi.subscribeMessage.send`). */
export interface WxOpenApi {
  openapi: {
    subscribeMessage: {
      send(args: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<{ errCode?: number; errMsg?: string; errcode?: number; errmsg?: string }>
    }
  }
}

/**
 * Template ids come from configuration: `npm run build:cloud` bakes NOTIFY_TEMPLATE_ACTIVITY,
 * NOTIFY_TEMPLATE_REVIEW and NOTIFY_TEMPLATE_TASK into the bundle (README says where to get them).
 * Missing ones leave that template unpushed.
 */
export function configuredTemplateIds(): Partial<Record<SubscribeTemplate, string>> {
  const ids: Partial<Record<SubscribeTemplate, string>> = {}
  // Literal `process.env.X` reads, so the build's `define` replaces each one.
  const activity = process.env.NOTIFY_TEMPLATE_ACTIVITY
  const review = process.env.NOTIFY_TEMPLATE_REVIEW
  const task = process.env.NOTIFY_TEMPLATE_TASK
  if (activity) ids.activityReminder = activity
  if (review) ids.reviewResult = review
  if (task) ids.taskReminder = task
  return ids
}

/** The WeChat world's sender; the openapi throws on a refusal, which is answered as its errcode. */
export function wechatSender(wx: WxOpenApi, templateIds: Partial<Record<SubscribeTemplate, string>> = configuredTemplateIds()): SubscribeSender | null {
  if (Object.keys(templateIds).length === 0) return null
  return {
    templateIds,
    async send(req) {
      try {
        const r = await wx.openapi.subscribeMessage.send({ touser: req.touser, templateId: req.templateId, page: req.page, data: req.data, miniprogramState: 'formal' })
        return { errcode: r.errCode ?? r.errcode ?? 0, errmsg: r.errMsg ?? r.errmsg ?? 'ok' }
      } catch (e) {
        const err = e as { errCode?: number; errcode?: number; errMsg?: string; message?: string }
        return { errcode: err.errCode ?? err.errcode ?? -1, errmsg: err.errMsg ?? err.message ?? String(e) }
      }
    },
  }
}
