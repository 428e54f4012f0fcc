/**
 * A stand-in for `cloud.openapi.subscribeMessage.send` that keeps WeChat's rules: each acceptance of a
 * template in `wx.requestSubscribeMessage` allows one send (errcode 43101 when none is left), the
 * template's fields must all be there and within their types' limits (47003), and the page is a
 * path without a leading slash. Tests grant subscriptions with `accept` and read `sent`.
 */
import { FIELD_LIMITS, TEMPLATE_FIELDS } from '../../cloud/domain/reminders'
import type { SubscribeTemplate } from '../../cloud/contract/vocabulary'
import type { SubscribeSender, SubscribeSendRequest, SubscribeSendResult } from '../../cloud/functions/notify/wechatSender'

/** WeChat's `time` field: `2026年12月3日 18:30` (also with zero-padded parts). */
const TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/
const DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/

export class WechatOpenapiFake implements SubscribeSender {
  readonly templateIds: Record<SubscribeTemplate, string> = { activityReminder: 'tpl-activity', reviewResult: 'tpl-review', taskReminder: 'tpl-task' }
  /** Every accepted send, in order. */
  readonly sent: SubscribeSendRequest[] = []
  /** Every refusal, with its errcode. */
  readonly refused: (SubscribeSendRequest & { errcode: number })[] = []
  /** openid → template id → sends left (WeChat's own count; the server keeps its own). */
  private grants = new Map<string, Map<string, number>>()
  /** When set, every send fails with this errcode (e.g. 43101: WeChat and the server disagree). */
  failWith: number | null = null

  /** The user accepted these templates once each. */
  accept(openId: string, templates: SubscribeTemplate[]) {
    const mine = this.grants.get(openId) ?? new Map<string, number>()
    for (const t of templates) mine.set(this.templateIds[t], (mine.get(this.templateIds[t]) ?? 0) + 1)
    this.grants.set(openId, mine)
  }

  left(openId: string, template: SubscribeTemplate): number {
    return this.grants.get(openId)?.get(this.templateIds[template]) ?? 0
  }

  async send(req: SubscribeSendRequest): Promise<SubscribeSendResult> {
    const refuse = (errcode: number, errmsg: string): SubscribeSendResult => {
      this.refused.push({ ...req, errcode })
      return { errcode, errmsg }
    }
    if (this.failWith !== null) return refuse(this.failWith, 'failing on purpose')
    const template = (Object.keys(this.templateIds) as SubscribeTemplate[]).find((t) => this.templateIds[t] === req.templateId)
    if (!template) return refuse(40037, 'invalid template_id')
    if (req.page.startsWith('/')) return refuse(41030, 'invalid page')
    for (const [name, { type }] of Object.entries(TEMPLATE_FIELDS[template])) {
      const value = req.data[name]?.value
      if (value === undefined || value === '') return refuse(47003, `argument invalid! data.${name}.value empty`)
      if ([...value].length > FIELD_LIMITS[type]) return refuse(47003, `argument invalid! data.${name}.value too long`)
      if (type === 'time' && !TIME.test(value)) return refuse(47003, `argument invalid! data.${name}.value not a time`)
      if (type === 'date' && !DATE.test(value)) return refuse(47003, `argument invalid! data.${name}.value not a date`)
    }
    const mine = this.grants.get(req.touser)
    const left = mine?.get(req.templateId) ?? 0
    if (!mine || left <= 0) return refuse(43101, 'user refuse to accept the msg')
    mine.set(req.templateId, left - 1)
    this.sent.push(req)
    return { errcode: 0, errmsg: 'ok' }
  }
}
