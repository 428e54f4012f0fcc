import type { Activity } from '../contract/model'
import { fail } from './errors'
import type { Policy } from './policy'

/** When may a make-up (补签) for this activity still be asked for or added? After it starts, until N days after its end. */
export function assertMakeupOpen(activity: Activity, now: Date, policy: Policy): void {
  if (activity.status !== 'published') fail('ACTIVITY_NOT_OPEN', activity.status === 'cancelled' ? '活动已取消，无需补签' : '活动尚未发布')
  if (now.getTime() < Date.parse(activity.startAt)) fail('WINDOW_CLOSED', '活动尚未开始，不能补签；请在活动开始后扫码签到')
  const deadline = Date.parse(activity.endAt) + policy.makeupDaysAfterEnd * 86_400_000
  if (now.getTime() > deadline)
    fail('WINDOW_CLOSED', `已超过补签期限（活动结束后 ${policy.makeupDaysAfterEnd} 天内可申请）`, {
      deadline: new Date(deadline).toISOString(),
    })
}

