import type { Activity } from '../contract/model'
import { inAudience, type AudienceMember } from './activity'
import { fail } from './errors'

/** Where an activity stands by the clock alone: before its start, between start and end, after its end. */
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended'

/** Where an activity stands: not yet published, called off, or published and upcoming, ongoing or ended. */
export type LifecycleStage = 'draft' | 'cancelled' | ActivityPhase

/** What an organizer's request does to an activity that passed its guard: change it, or nothing (it already is so). */
export type Transition = 'apply' | 'unchanged'

type Timed = Pick<Activity, 'status' | 'startAt' | 'endAt'>

export function phaseOf(a: Pick<Activity, 'startAt' | 'endAt'>, now: Date): ActivityPhase {
  const t = now.getTime()
  if (t < Date.parse(a.startAt)) return 'upcoming'
  if (t < Date.parse(a.endAt)) return 'ongoing'
  return 'ended'
}

export function lifecycleOf(a: Timed, now: Date): LifecycleStage {
  if (a.status === 'cancelled') return 'cancelled'
  if (a.status === 'draft') return 'draft'
  return phaseOf(a, now)
}

export const ENDED_PUBLISH_MESSAGE = '活动已结束，不能发布；过去的活动请通过补签或补录记录'

/**
 * A draft may be published until it ends, whichever action publishes it (a new activity created
 * published is a draft published at once): an activity announced only after it ended would
 * take make-ups (补签) and credits for a meeting nobody was told of. Publishing twice changes nothing.
 */
export function assertMayPublish(a: Timed, now: Date): Transition {
  if (a.status === 'published') return 'unchanged'
  if (a.status === 'cancelled') fail('CONFLICT', '活动已取消，不能发布')
  if (phaseOf(a, now) === 'ended') fail('CONFLICT', ENDED_PUBLISH_MESSAGE)
  return 'apply'
}

/** A draft or published activity may be cancelled until it ends; cancelling twice changes nothing. */
export function assertMayCancel(a: Timed, now: Date): Transition {
  if (a.status === 'cancelled') return 'unchanged'
  if (phaseOf(a, now) === 'ended') fail('CONFLICT', '活动已结束，不能取消')
  return 'apply'
}

/**
 * The organizer's screen shows the check-in QR code for a published activity only. After the end it
 * still shows it: volunteers check out by scanning the same code.
 */
export function assertMayShowQr(a: Pick<Activity, 'status'>): void {
  if (a.status !== 'published') fail('ACTIVITY_NOT_OPEN', a.status === 'draft' ? '请先发布活动再展示签到码' : '活动已取消')
}

/** Members of its audience sign up for a published activity until it ends. */
export function assertMaySignUp(a: Timed & Pick<Activity, 'audience'>, member: AudienceMember, now: Date): void {
  if (a.status !== 'published') fail('ACTIVITY_NOT_OPEN', a.status === 'cancelled' ? '活动已取消' : '活动尚未发布')
  if (!inAudience(a.audience, member)) fail('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内')
  if (phaseOf(a, now) === 'ended') fail('WINDOW_CLOSED', '活动已结束，不能报名')
}
