import Taro from '@tarojs/taro'
import type { SubscribeTemplate } from '@cloud/contract/vocabulary'
import { subscribed } from '../services/notify'
import { MAX_PER_REQUEST, templateIds, type AskSubscribe } from './subscribe.types'

/**
 * WeChat: `requestSubscribeMessage` with the build's template ids (at most three), then
 * `notify.subscribed` with those the person accepted, so the server knows it may send one each.
 * It must run inside the tap's handler (WeChat refuses it otherwise), so callers call it first.
 */
export const askSubscribe: AskSubscribe = async (templates) => {
  const ids = templateIds(typeof NOTIFY_TEMPLATES === 'string' ? NOTIFY_TEMPLATES : '')
  const asked = [...new Set(templates)].filter((t) => ids[t]).slice(0, MAX_PER_REQUEST)
  if (asked.length === 0) return []
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: asked.map((t) => ids[t]!) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>
    const accepted: SubscribeTemplate[] = asked.filter((t) => res[ids[t]!] === 'accept')
    if (accepted.length) await subscribed(accepted)
    return accepted
  } catch (e) {
    // Closed, turned off in settings (20004) or the server unreachable: reminders still reach the inbox.
    console.warn('订阅消息未完成', e)
    return []
  }
}
