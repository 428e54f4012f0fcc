import type { MemberProfile } from '@cloud/contract/model'
import type { Audience } from '@cloud/contract/schemas'
import { fmtDate } from '../../utils/time'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const DURATIONS = [1, 1.5, 2, 3, 4] as const

/** Check-in radius choices around the organizer's position, in metres (the server allows 50–3000). */
export const RADII = [100, 300, 500, 1000] as const
export const DEFAULT_RADIUS = 300
export const radiusLabel = (m: number) => (m >= 1000 ? `${m / 1000} 公里` : `${m} 米`)

/** The optional capacity field: empty means no limit; otherwise a whole number of people. */
export function parseCapacity(text: string): { capacity?: number; problem?: string } {
  const t = text.trim()
  if (!t) return {}
  const n = Number(t)
  if (!Number.isInteger(n) || n < 1 || n > 100_000) return { problem: '名额应为 1 到 100000 之间的整数，不限人数请留空' }
  return { capacity: n }
}

/** The next 10-minute mark in Shanghai time, so check-in (from 30 min before start) opens at once. */
export function defaultStart(now: Date): { date: string; time: string } {
  const t = dayjs(now).utcOffset(480)
  const next = t.add(10 - (t.minute() % 10), 'minute').second(0)
  return { date: fmtDate(next.toDate()), time: next.format('HH:mm') }
}

/** Audiences an organizer may address, from their role grants. */
export function audienceOptions(me: MemberProfile): { label: string; audience: Audience }[] {
  const out: { label: string; audience: Audience }[] = []
  for (const g of me.roles) {
    if (g.role === 'cityAdmin') out.push({ label: '全市机关党员', audience: { type: 'all' } })
    if (g.groupId) out.push({ label: me.youthGroupName ?? '本青年理论学习小组', audience: { type: 'groups', groupIds: [g.groupId] } })
    else if (g.unitId && (g.role === 'organizer' || g.role === 'unitAdmin'))
      out.push({ label: g.unitId === me.unitId ? `本单位（${me.unitName}）` : '所辖单位', audience: { type: 'units', unitIds: [g.unitId] } })
  }
  // Unit first: it is what most activities address.
  return out.sort((a, b) => (a.audience.type === 'units' ? -1 : 0) - (b.audience.type === 'units' ? -1 : 0))
}
