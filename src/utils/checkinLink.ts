import { TEXT_LIMITS } from '@cloud/contract/vocabulary'

/**
 * The QR code carries a URL to the check-in page: `<site>/pages/checkin/index?a=<activity>&t=<token>`.
 * A phone camera opens it in the browser; in the mini-program `Taro.scanCode` reads the same text,
 * and a plain-link QR (扫普通链接二维码打开小程序) opens the page with the whole URL in `q`.
 */
export interface CheckInLink {
  activityId: string
  token: string
}

const PATH = '/pages/checkin/index'

function paramsOf(query: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const [k, v = ''] = part.split('=')
    try {
      out.set(decodeURIComponent(k), decodeURIComponent(v.replace(/\+/g, ' ')))
    } catch {
      // A malformed escape is not ours; ignore that pair.
    }
  }
  return out
}

/** Read a scanned text; null when it is not one of our check-in codes. */
export function parseCheckInLink(text: string): CheckInLink | null {
  const trimmed = text.trim()
  const at = trimmed.indexOf(PATH)
  if (at < 0) return null
  const q = trimmed.indexOf('?', at)
  if (q < 0) return null
  const p = paramsOf(trimmed.slice(q + 1).split('#')[0])
  const activityId = p.get('a') ?? ''
  const token = p.get('t') ?? ''
  return activityId && token && activityId.length <= TEXT_LIMITS.id && token.length <= TEXT_LIMITS.token ? { activityId, token } : null
}

/** Page parameters → the link: direct `a`/`t`, or a plain-link QR's `q` (the URL, encoded). */
export function linkFromPageParams(params: Record<string, string | undefined>): CheckInLink | null {
  if (params.a && params.t) return { activityId: params.a, token: params.t }
  if (params.q) {
    try {
      return parseCheckInLink(decodeURIComponent(params.q))
    } catch {
      return null
    }
  }
  return null
}

export const checkInPagePath = (link: CheckInLink): string =>
  `${PATH}?a=${encodeURIComponent(link.activityId)}&t=${encodeURIComponent(link.token)}`
