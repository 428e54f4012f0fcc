import type { Activity } from '@cloud/contract/model'
import { phaseOf } from '../../utils/time'

/** The workbench's tabs: what runs now (check-in open counts), what is still to come (drafts too), what is over (or called off). */
export type WorkbenchTab = 'ongoing' | 'upcoming' | 'ended'

export const WORKBENCH_TABS: { key: WorkbenchTab; label: string; emptyText: string; emptyHint: string }[] = [
  { key: 'ongoing', label: '进行中', emptyText: '没有进行中的活动', emptyHint: '签到开始后，活动会出现在这里' },
  { key: 'upcoming', label: '未开始', emptyText: '没有未开始的活动', emptyHint: '将要开始的活动和草稿在这里' },
  { key: 'ended', label: '已结束', emptyText: '还没有结束的活动', emptyHint: '结束和取消的活动在这里' },
]

type Timed = Pick<Activity, 'status' | 'startAt' | 'checkInOpensAt' | 'checkInClosesAt' | 'endAt'>

/** Which tab an activity belongs to at `now`. A draft waits in 未开始 until its time has passed (it can no longer be published then). */
export function tabOf(a: Timed, now: number): WorkbenchTab {
  const phase = phaseOf(a.status === 'draft' ? { ...a, status: 'published' } : a, now)
  if (phase === 'cancelled' || phase === 'ended') return 'ended'
  if (a.status === 'draft' || phase === 'upcoming') return 'upcoming'
  return 'ongoing'
}

/** Soonest first for what runs or is to come; the most recent first for what is over. */
export function inTabOrder<T extends Timed>(tab: WorkbenchTab, list: T[]): T[] {
  const sign = tab === 'ended' ? -1 : 1
  return [...list].sort((x, y) => sign * (Date.parse(x.startAt) - Date.parse(y.startAt)))
}

/** Opening tab: 进行中 if anything runs, else 未开始, else 已结束 when only that has something. */
export function defaultTab(counts: Record<WorkbenchTab, number>): WorkbenchTab {
  if (counts.ongoing > 0) return 'ongoing'
  if (counts.upcoming === 0 && counts.ended > 0) return 'ended'
  return 'upcoming'
}

/**
 * Whether the organizer's live views (attendance) still change by themselves: published, from the
 * opening of check-in until the latest of the end, check-in's close and check-out's close.
 */
export function stillLive(a: Pick<Activity, 'status' | 'checkInOpensAt' | 'checkInClosesAt' | 'checkOutClosesAt' | 'endAt'>, now: number): boolean {
  if (a.status !== 'published') return false
  const last = Math.max(Date.parse(a.endAt), Date.parse(a.checkInClosesAt), a.checkOutClosesAt ? Date.parse(a.checkOutClosesAt) : 0)
  return now >= Date.parse(a.checkInOpensAt) && now < last
}

/** Whether nothing more will change by itself: cancelled, or past every close. */
export function frozen(a: Pick<Activity, 'status' | 'checkInClosesAt' | 'checkOutClosesAt' | 'endAt'>, now: number): boolean {
  if (a.status === 'cancelled') return true
  const last = Math.max(Date.parse(a.endAt), Date.parse(a.checkInClosesAt), a.checkOutClosesAt ? Date.parse(a.checkOutClosesAt) : 0)
  return now >= last
}
