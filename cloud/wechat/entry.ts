/**
 * The composition root of a deployed cloud function: wx-server-sdk's database and storage behind
 * the CloudBase Store, the caller from OPENID, and the timer trigger (every 5 minutes: pending writes,
 * the nightly reconcile a step at a time, the views kept ready; see functions/aggregate).
 * `npm run build:cloud` bundles this once per function (FUNCTION_NAME is replaced at build time).
 */
import cloud from 'wx-server-sdk'
import type { Envelope } from '../contract/errors'
import { DEFAULT_POLICY } from '../domain/policy'
import { timerTick } from '../functions/aggregate'
import { dispatchDue } from '../functions/notify/dispatch'
import { wechatSender } from '../functions/notify/wechatSender'
import type { FunctionName } from '../functions'
// Resolved per function by the build (esbuild alias), so each bundle carries only its own actions.
import { table } from '@function-table'
import { systemCtx } from '../server/system'
import { CloudBaseStore } from '../store/cloudbase/CloudBaseStore'
import { DATABASE_OPTIONS } from '../store/cloudbase/sdk'
import { createWeChatMain } from './main'

declare const FUNCTION_NAME: FunctionName

// wx-server-sdk is provided by the CloudBase runtime (types/wx-server-sdk.d.ts says what is used of it).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
// A missing record reads as null, not an exception (the SDK's default is to throw). Meeting photos
// go to the environment's cloud storage, through the same SDK object.
const store = new CloudBaseStore(cloud.database(DATABASE_OPTIONS), { storage: cloud })
// Only notify sends subscribe messages (its config.json grants subscribeMessage.send).
const subscribe = FUNCTION_NAME === 'notify' ? wechatSender(cloud) : null
const handle = createWeChatMain(
  FUNCTION_NAME,
  { store, wx: cloud, subscribe, policy: DEFAULT_POLICY, publicUrl: process.env.PUBLIC_URL ?? '', log: (line) => console.error(line) },
  table,
)

/** A timer trigger's event names its trigger; everything else is a caller's event. */
const isTimer = (event: unknown): boolean => (event as { Type?: unknown } | null)?.Type === 'Timer' || (event as { Type?: unknown } | null)?.Type === 'timer'

export async function main(event: unknown): Promise<Envelope<unknown>> {
  if (FUNCTION_NAME === 'aggregate' && isTimer(event)) return { ok: true, data: await timerTick(systemCtx(store, 'wechat')) }
  if (FUNCTION_NAME === 'notify' && isTimer(event)) return { ok: true, data: await dispatchDue(systemCtx(store, 'wechat', undefined, subscribe)) }
  return handle(event)
}
