import axios from 'axios'
import type { Envelope } from '@cloud/contract/errors'
import type { Transport } from './transport.types'

const http = axios.create({ baseURL: API_BASE || '/', timeout: 15_000 })

/** Browser world: POST /api/fn/<name> to the local server, session as a Bearer token. */
export const transport: Transport = async (fn, event, session) => {
  try {
    const res = await http.post<Envelope<unknown>>(`api/fn/${fn}`, event, {
      headers: session ? { Authorization: `Bearer ${session}` } : {},
      // Error envelopes arrive with 4xx/5xx statuses; they are answers, not transport failures.
      validateStatus: () => true,
    })
    if (res.data && typeof res.data === 'object' && 'ok' in res.data) return res.data
    return { ok: false, error: { code: 'INTERNAL', message: `服务器返回异常（${res.status}），请稍后再试` } }
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' } }
  }
}
