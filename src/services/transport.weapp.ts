import Taro from '@tarojs/taro'
import type { Envelope } from '@cloud/contract/errors'
import type { Transport } from './transport.types'

/** WeChat world: CloudBase identifies the caller by OPENID, so no session travels. */
export const transport: Transport = async (fn, event) => {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: event })
    return res.result as Envelope<unknown>
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' } }
  }
}
