import type { ActivityDetail } from '@cloud/contract/model'
import type { Tone } from '../../components/Badge'
import { fmtDateTime, fmtTime, phaseOf, shanghai } from '../../utils/time'

/** The fields these helpers read: an ActivityDetail, or a test's plain object of the same shape. */
export type DetailFacts = Pick<
  ActivityDetail,
  | 'kind'
  | 'status'
  | 'startAt'
  | 'endAt'
  | 'checkInOpensAt'
  | 'checkInClosesAt'
  | 'checkOutClosesAt'
  | 'place'
  | 'noLocationReason'
  | 'signUpRequired'
  | 'capacity'
  | 'signUps'
  | 'signedUp'
  | 'checkedIn'
  | 'checkedInAt'
  | 'checkedOutAt'
  | 'makeup'
>

/** HH:mm on the activity's own day, with the date on any other (a window that runs past midnight). */
const clockOn = (iso: string, dayIso: string): string => (shanghai(iso).isSame(shanghai(dayIso), 'day') ? fmtTime(iso) : fmtDateTime(iso))

/** Under the label 签到: 08:30–09:30, and for a volunteer shift when check-out closes. */
export function windowLines(a: DetailFacts): string[] {
  const lines = [`${clockOn(a.checkInOpensAt, a.startAt)}–${clockOn(a.checkInClosesAt, a.startAt)}`]
  if (a.kind === 'volunteer' && a.checkOutClosesAt) lines.push(`签退：服务结束时扫码，${clockOn(a.checkOutClosesAt, a.startAt)} 截止`)
  return lines
}

/** Whether check-in checks the phone's position, and the organizer's reason when it does not. */
export function locationLine(a: Pick<DetailFacts, 'place' | 'noLocationReason'>): { checked: boolean; text: string } | null {
  if (a.place) return { checked: true, text: '需在活动地点签到（将获取您的位置）' }
  if (a.noLocationReason) return { checked: false, text: `不校验位置：${a.noLocationReason}` }
  return null
}

export type MyStateKey = 'cancelled' | 'checkedIn' | 'signedUp' | 'notSignedUp' | 'waiting' | 'open' | 'missed' | 'ended'

/** The member's own standing with the activity, in one line and a tone. */
export function myState(a: DetailFacts, now = Date.now()): { key: MyStateKey; tone: Tone; text: string } {
  if (a.status === 'cancelled') return { key: 'cancelled', tone: 'neutral', text: '活动已取消' }
  if (a.checkedIn) {
    const at = a.checkedInAt ? ` ${clockOn(a.checkedInAt, a.startAt)}` : ''
    const out = a.checkedOutAt ? ` · 已签退 ${clockOn(a.checkedOutAt, a.startAt)}` : ''
    return { key: 'checkedIn', tone: 'success', text: `已签到${at}${out}` }
  }
  const phase = phaseOf(a, now)
  if (phase === 'checkingIn') return { key: 'open', tone: 'primary', text: '签到进行中，请到现场扫码签到' }
  if (phase === 'upcoming') {
    if (a.signedUp) return { key: 'signedUp', tone: 'success', text: '已报名，签到开始后到现场扫码' }
    if (a.signUpRequired) return { key: 'notSignedUp', tone: 'neutral', text: '未报名，本活动需先报名' }
    return { key: 'waiting', tone: 'neutral', text: '签到尚未开始' }
  }
  // Check-in closed without one from the member: 未签到, with the way to a make-up when there is one.
  if (a.signUpRequired && !a.signedUp) return { key: 'ended', tone: 'neutral', text: phase === 'ended' ? '活动已结束' : '签到已截止' }
  return { key: 'missed', tone: 'warning', text: '未签到' }
}

export interface MyActions {
  signUp: boolean
  /** Places are all taken: 名额已满 instead of 报名. */
  full: boolean
  withdraw: boolean
  /** 扫码签到 while check-in is open; 扫码签退 for a volunteer checked in and not yet out. */
  scan: 'checkIn' | 'checkOut' | null
  makeup: boolean
}

/** What the member may do from the detail page now; the server decides again on each action. */
export function myActions(a: DetailFacts, now = Date.now()): MyActions {
  const open = a.status === 'published'
  const phase = phaseOf(a, now)
  const full = a.capacity !== null && a.signUps >= a.capacity
  const mayJoin = open && a.signUpRequired && !a.signedUp && !a.checkedIn && phase !== 'ended'
  const checkOutOpen = a.kind === 'volunteer' && a.checkedIn && !a.checkedOutAt && (!a.checkOutClosesAt || now <= Date.parse(a.checkOutClosesAt))
  return {
    signUp: mayJoin && !full,
    full: mayJoin && full,
    // Withdrawing is for before the start, and never once checked in (the server says the same).
    withdraw: open && a.signedUp && !a.checkedIn && now < Date.parse(a.startAt),
    scan: open && phase === 'checkingIn' && !a.checkedIn ? 'checkIn' : open && checkOutOpen && now >= Date.parse(a.startAt) ? 'checkOut' : null,
    makeup: !a.checkedIn && a.makeup.allowed,
  }
}

/** Where a member belongs in the organizer's list: the branch when the row carries it, else the unit. */
export const whereOf = (row: { unitName: string; branchName?: string | null }): string => row.branchName || row.unitName

/** Rows whose name contains the search (spaces ignored); all rows for an empty search. */
export function matching<T extends { name: string }>(rows: readonly T[], search: string): T[] {
  const q = search.replace(/\s+/g, '')
  return q ? rows.filter((r) => r.name.includes(q)) : [...rows]
}
