import type { SubscribeTemplate } from '@cloud/contract/vocabulary'
import { SUBSCRIBE_TEMPLATES } from '@cloud/contract/vocabulary'

/**
 * Ask for WeChat subscribe messages (订阅消息) at a tap, and tell the server which were accepted;
 * resolves to the accepted ones. Never throws: a refusal or a failure only means no WeChat push,
 * the inbox still gets every message.
 */
export type AskSubscribe = (templates: readonly SubscribeTemplate[]) => Promise<SubscribeTemplate[]>

/** WeChat shows at most three templates in one dialog. */
export const MAX_PER_REQUEST = 3

/**
 * The template ids of the build (`NOTIFY_TEMPLATES`, e.g. `activityReminder=AbC…,reviewResult=DeF…`,
 * which config/index.ts makes from NOTIFY_TEMPLATE_ACTIVITY / _REVIEW / _TASK, the settings the notify
 * function is built with); a template without an id is not asked for.
 */
export function templateIds(config: string): Partial<Record<SubscribeTemplate, string>> {
  const ids: Partial<Record<SubscribeTemplate, string>> = {}
  for (const part of config.split(/[,;\n]+/)) {
    const [name, id] = part.split('=').map((s) => s.trim())
    if (id && (SUBSCRIBE_TEMPLATES as readonly string[]).includes(name)) ids[name as SubscribeTemplate] = id
  }
  return ids
}
