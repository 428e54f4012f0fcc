/** Every function's action table: the local server and the WeChat entries dispatch from these. */
import { activityActions } from './activity'
import { aggregateActions } from './aggregate'
import { checkinActions } from './checkin'
import { memberActions } from './member'
import { notifyActions } from './notify'
import { statsActions } from './stats'

export const functions = {
  member: memberActions,
  activity: activityActions,
  checkin: checkinActions,
  stats: statsActions,
  aggregate: aggregateActions,
  notify: notifyActions,
}

export type Functions = typeof functions
export type FunctionName = keyof Functions
