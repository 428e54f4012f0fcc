import { CAPACITY } from '@cloud/contract/limits'
import type { MemberProfile } from '@cloud/contract/model'
import type { Audience } from '@cloud/contract/schemas'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import { fmtDate, shanghai } from '../../utils/time'

export const DURATIONS = [1, 1.5, 2, 3, 4] as const

/** Digits the capacity field takes: enough for the largest capacity. */
export const CAPACITY_DIGITS = String(CAPACITY.max).length

/** The optional capacity field: empty means no limit; otherwise a whole number of people. */
export function parseCapacity(text: string): { capacity?: number; problem?: string } {
  const t = text.trim()
  if (!t) return {}
  const n = Number(t)
  if (!Number.isInteger(n) || n < CAPACITY.min || n > CAPACITY.max)
    return { problem: `名额应为 ${CAPACITY.min} 到 ${CAPACITY.max} 之间的整数，不限人数请留空` }
  return { capacity: n }
}

const minutesLabel = (min: number) => (min % 60 === 0 ? `${min / 60} 小时` : `${min} 分钟`)

/** When check-in (and a volunteer's check-out) is open, as the server sets an activity's windows. */
export function windowNote(kind: ActivityKind): string {
  const p = DEFAULT_POLICY
  const checkIn = `签到时间：开始前 ${minutesLabel(p.checkInOpensBeforeStartMin)}至开始后 ${minutesLabel(p.checkInClosesAfterStartMin)}；签到码自动刷新。`
  return kind === 'volunteer' ? `${checkIn}志愿服务结束后 ${minutesLabel(p.checkOutClosesAfterEndMin)}内扫码签退，按时长计入。` : checkIn
}

/** The next 10-minute mark in Shanghai time, so check-in (open from before the start) opens at once. */
export function defaultStart(now: Date): { date: string; time: string } {
  const t = shanghai(now)
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
