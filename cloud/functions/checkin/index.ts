import { checkin as schemas } from '../../contract/schemas'
import { isOrganizer } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { checkIn } from './checkIn'
import { checkOut } from './checkOut'
import { confirmHours, reverseCredit, reviewHours } from './hours'
import { requestLeave, reviewLeave, withdrawLeave } from './leave'
import { addMakeup, requestMakeup, reviewMakeup } from './makeups'
import { manualCheckIn } from './manualCheckIn'
import { missedCheckIns } from './missed'
import { reverseCheckIn } from './reverseCheckIn'
import { signUp, withdrawSignUp } from './signUp'

const RECORDS_LIMIT = 200

export const checkinActions = {
  signUp: defineAction({ input: schemas.signUp, auth: 'member', run: signUp }),
  withdrawSignUp: defineAction({ input: schemas.withdrawSignUp, auth: 'member', run: withdrawSignUp }),
  checkIn: defineAction({ input: schemas.checkIn, auth: 'member', run: checkIn, rateLimit: { bucket: 'checkIn', key: (_input, ctx) => ctx.caller?.id ?? 'anonymous' } }),
  checkOut: defineAction({ input: schemas.checkOut, auth: 'member', run: checkOut, rateLimit: { bucket: 'checkIn', key: (_input, ctx) => ctx.caller?.id ?? 'anonymous' } }),
  requestMakeup: defineAction({ input: schemas.requestMakeup, auth: 'member', run: requestMakeup }),
  reviewMakeup: defineAction({ input: schemas.reviewMakeup, auth: isOrganizer, run: reviewMakeup, audit: { target: ({ makeupId }, _m, { activity }) => ({ target: `makeupId:${makeupId}`, unitId: activity?.unitId }) } }),
  addMakeup: defineAction({ input: schemas.addMakeup, auth: isOrganizer, run: addMakeup, audit: { target: ({ activityId }, _m, { member }) => ({ target: `activityId:${activityId}`, unitId: member?.unitId }) } }),
  manualCheckIn: defineAction({ input: schemas.manualCheckIn, auth: isOrganizer, run: manualCheckIn, audit: { target: ({ activityId }, _r, { activity }) => ({ target: `activityId:${activityId}`, unitId: activity?.unitId }) } }),
  confirmHours: defineAction({ input: schemas.confirmHours, auth: isOrganizer, run: confirmHours, audit: { target: ({ activityId }, _e, { member }) => ({ target: `activityId:${activityId}`, unitId: member?.unitId }) } }),
  reviewHours: defineAction({ input: schemas.reviewHours, auth: isOrganizer, run: reviewHours, audit: { target: ({ claimId }, _c, { activity }) => ({ target: `claimId:${claimId}`, unitId: activity?.unitId }) } }),
  reverseCredit: defineAction({ input: schemas.reverseCredit, auth: isOrganizer, run: reverseCredit, audit: { target: ({ entryId }, _e, { activity }) => ({ target: `entryId:${entryId}`, unitId: activity?.unitId }) } }),
  reverseCheckIn: defineAction({ input: schemas.reverseCheckIn, auth: isOrganizer, run: reverseCheckIn, audit: { target: ({ activityId }, _r, { activity }) => ({ target: `activityId:${activityId}`, unitId: activity?.unitId }) } }),
  requestLeave: defineAction({ input: schemas.requestLeave, auth: 'member', run: requestLeave }),
  reviewLeave: defineAction({ input: schemas.reviewLeave, auth: isOrganizer, run: reviewLeave, audit: { target: ({ leaveId }, _l, { activity }) => ({ target: `leaveId:${leaveId}`, unitId: activity?.unitId }) } }),
  withdrawLeave: defineAction({ input: schemas.withdrawLeave, auth: 'member', run: withdrawLeave }),

  mine: defineAction({
    input: schemas.mine,
    auth: 'member',
    run: async ({ kind }, ctx) => ({ records: await ctx.store.listRecordsOfMember(ctx.caller.id, kind, RECORDS_LIMIT) }),
  }),

  myMakeups: defineAction({
    input: schemas.myMakeups,
    auth: 'member',
    run: async (_input, ctx) => ({ makeups: await ctx.store.listMakeupsOfMember(ctx.caller.id, RECORDS_LIMIT) }),
  }),

  /** 未签到: the caller's own missed activities a make-up may still be asked for. */
  missed: defineAction({ input: schemas.missed, auth: 'member', run: missedCheckIns }),
}
