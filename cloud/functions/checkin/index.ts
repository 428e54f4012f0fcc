import { checkin as schemas } from '../../contract/schemas'
import { defineAction, notYet } from '../../runtime/action'
import { checkIn } from './checkIn'

const RECORDS_LIMIT = 200

export const checkinActions = {
  checkIn: defineAction({ input: schemas.checkIn, auth: 'member', run: checkIn }),

  mine: defineAction({
    input: schemas.mine,
    auth: 'member',
    run: async ({ kind }, ctx) => ({ records: await ctx.store.listRecordsOfMember(ctx.caller.id, kind, RECORDS_LIMIT) }),
  }),

  signUp: notYet(schemas.signUp, '活动报名'),
  checkOut: notYet(schemas.checkOut, '志愿服务签退'),
  requestMakeup: notYet(schemas.requestMakeup, '补签申请'),
  reviewMakeup: notYet(schemas.reviewMakeup, '补签审核'),
  addMakeup: notYet(schemas.addMakeup, '补录签到'),
}
