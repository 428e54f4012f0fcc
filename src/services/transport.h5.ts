import type { Envelope } from '@cloud/contract/errors'
import type { Transport } from './transport.types'

// The browser's own fetch: one JSON POST needs no HTTP library (axios was ~13 KB gz on every page).
const BASE = (API_BASE || '').replace(/\/+$/, '')
const TIMEOUT_MS = 15_000

/** Browser world: POST /api/fn/<name> to the local server, session as a Bearer token. */
export const transport: Transport = async (fn, event, session) => {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS)
  try {
    const res = await fetch(`${BASE}/api/fn/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(session ? { Authorization: `Bearer ${session}` } : {}) },
      body: JSON.stringify(event),
      signal: abort.signal,
    })
    // Error envelopes arrive with 4xx/5xx statuses; they are answers, not transport failures.
    const text = await res.text()
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
    if (data && typeof data === 'object' && 'ok' in data) return data as Envelope<unknown>
    return { ok: false, error: { code: 'INTERNAL', message: `服务器返回异常（${res.status}），请稍后再试` } }
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' } }
  } finally {
    clearTimeout(timer)
  }
}
