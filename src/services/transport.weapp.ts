import Taro from '@tarojs/taro'
import type { Envelope, ErrorBody } from '@cloud/contract/errors'
import type { Transport } from './transport.types'

/** What the member reads when a call could not be answered: what went wrong, and what to do about it. */
const MESSAGES = {
  network: '网络连接失败，请检查网络后重试',
  busy: '服务暂时繁忙，请稍后再试',
  notReady: '服务尚未就绪，请联系管理员',
} as const
type Failure = keyof typeof MESSAGES

/**
 * CloudBase's errCodes (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html):
 * -4040xx the SDK's call failed (-404011 the function failed to run, -404012 polling timed out),
 * -5010xx cloud resource errors (-501005 environment information abnormal), -5040xx the function failed,
 * -60xxxx WeChat's back end. A function failure usually arrives as -404011 with the service's own code
 * in errMsg ("cloud function service error code -504002" / "-501000 … FunctionName parameter could not be
 * found" / "env not exists"), so the codes in errMsg count too. These mean the deployment, not the
 * moment, is wrong (function missing, environment missing or misconfigured, cloud development not
 * enabled or no permission): retrying will not help, an administrator must.
 */
const NOT_READY = new Set([-401001, -501000, -501005, -601034])
/** A CloudBase code: six digits, -4xxxxx to -6xxxxx (a phone's network codes, like -101, are shorter). */
const CLOUD_CODE = /-[456]\d{5}\b/g
/** The phone's request never got an answer. */
const NETWORK = /request:fail|timeout|timed out|network/i

function classify(e: unknown): { failure: Failure; errCode?: number; errMsg: string } {
  const o = (e ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown }
  const errMsg = typeof o.errMsg === 'string' ? o.errMsg : typeof o.message === 'string' ? o.message : String(e)
  const errCode = typeof o.errCode === 'number' ? o.errCode : undefined
  const codes = [...(errCode === undefined ? [] : [errCode]), ...(errMsg.match(CLOUD_CODE) ?? []).map(Number)]
  if (codes.some((c) => NOT_READY.has(c))) return { failure: 'notReady', errCode, errMsg }
  // CloudBase answered, and the function (or the service in front of it) failed or timed out.
  if (codes.some((c) => c <= -400000)) return { failure: 'busy', errCode, errMsg }
  if (errCode === undefined || NETWORK.test(errMsg)) return { failure: 'network', errCode, errMsg }
  return { failure: 'busy', errCode, errMsg }
}

const failed = (failure: Failure, errCode?: number): Envelope<unknown> => {
  const error: ErrorBody = { code: 'INTERNAL', message: MESSAGES[failure] }
  if (errCode !== undefined) error.details = { errCode }
  return { ok: false, error }
}

/** `{ ok: true, data }` or `{ ok: false, error: { code, message } }`: what every function returns. */
function isEnvelope(r: unknown): r is Envelope<unknown> {
  if (!r || typeof r !== 'object') return false
  const { ok, error } = r as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (ok === true) return true
  return ok === false && !!error && typeof error.code === 'string' && typeof error.message === 'string'
}

/** WeChat world: CloudBase identifies the caller by OPENID, so no session travels. */
export const transport: Transport = async (fn, event) => {
  let result: unknown
  try {
    result = (await Taro.cloud.callFunction({ name: fn, data: event })).result
  } catch (e) {
    const { failure, errCode, errMsg } = classify(e)
    // WeChat's own words are for diagnosis, not for the member.
    console.warn(`[cloud.callFunction] ${fn}: ${errMsg}`)
    return failed(failure, errCode)
  }
  if (isEnvelope(result)) return result
  // The function ran but did not answer as functions do (it crashed before answering, or is not ours).
  console.warn(`[cloud.callFunction] ${fn}: not an envelope: ${JSON.stringify(result)?.slice(0, 200)}`)
  return failed('busy')
}
