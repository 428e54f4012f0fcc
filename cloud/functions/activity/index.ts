import type { ActivityDetail, Attendance, QrTokenResult } from '../../contract/model'
import { activity as schemas, places } from '../../contract/schemas'
import { assertMayCancel, assertMayShowQr } from '../../domain/activityLifecycle'
import { fail } from '../../domain/errors'
import { signQrToken } from '../../domain/qrToken'
import { isAdmin, isOrganizer, organizesActivity } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { inCallersUnit } from '../../runtime/audit'
import { makeupOffer } from '../checkin/makeupOffer'
import { loadActivity, loadOwnActivity, maySee, summarize } from './access'
import { attendanceOf } from './attendance'
import { branchMeetings, branchOverview, meetingRecords, meetingsInScope, recordsToReview } from './branchViews'
import { endCheckInNow, extendCheckInBy } from './checkInControls'
import { createActivity } from './create'
import { exportRecords } from './exportRecords'
import { recordViews } from './recordView'
import { amendRecord, photo, readRecord, reviewRecord, saveRecord, submitRecord, uploadPhoto } from './records'
import { exportAttendance } from './exportAttendance'
import { listPlaces, removePlace, savePlace } from './places'
import { publishActivity, updateActivity } from './update'

const LIST_LIMIT = 100
/** Activities stay on a member's list for a while after they end, so late arrivals still find them. */
const RECENT_HOURS = 12

export const checkInUrl = (publicUrl: string, activityId: string, token: string): string =>
  `${publicUrl.replace(/\/$/, '')}/pages/checkin/index?a=${encodeURIComponent(activityId)}&t=${encodeURIComponent(token)}`

/** Audit rows of a meeting's record: filed under the meeting's unit, the use case names the meeting it acted on. */
const onMeeting = {
  target: (input: { id?: string; activityId?: string }, _r: unknown, { activity }: { activity?: { unitId: string } }) => ({
    target: `id:${input.id ?? input.activityId}`,
    unitId: activity?.unitId,
  }),
}

/** Audit rows of a change to an activity: filed under its unit, with the activity as it was before. */
const onActivity = {
  target: ({ id }: { id: string }, a: { unitId: string }) => ({ target: `id:${id}`, unitId: a.unitId }),
  before: async ({ id }: { id: string }, ctx: { store: { getActivity(id: string): Promise<unknown> } }) => ctx.store.getActivity(id),
}

/** Audit rows of a unit's saved places: filed under that unit. */
const onPlace = {
  target: (input: { unitId: string }, place: { id: string }) => ({ target: `placeId:${place.id}`, unitId: input.unitId }),
}

export const activityActions = {
  create: defineAction({ input: schemas.create, auth: isOrganizer, audit: inCallersUnit, run: createActivity }),

  update: defineAction({
    input: schemas.update,
    auth: isOrganizer,
    run: updateActivity,
    audit: { target: ({ id }, a) => ({ target: `id:${id}`, unitId: a.unitId }), before: async ({ id }, ctx) => ctx.store.getActivity(id) },
  }),

  publish: defineAction({
    input: schemas.publish,
    auth: isOrganizer,
    run: publishActivity,
    audit: { target: ({ id }, a) => ({ target: `id:${id}`, unitId: a.unitId }), before: async ({ id }, ctx) => ctx.store.getActivity(id) },
  }),

  cancel: defineAction({
    input: schemas.cancel,
    auth: isOrganizer,
    run: async ({ id }, ctx) => {
      const a = await loadOwnActivity(ctx, ctx.caller, id)
      if (assertMayCancel(a, ctx.now()) === 'unchanged') return a
      return ctx.audit.recording(() => ctx.store.updateActivity(id, { status: 'cancelled' }, ctx.now().toISOString()))
    },
    audit: {
      target: ({ id }, a) => ({ target: `id:${id}`, unitId: a.unitId }),
      before: async ({ id }, ctx) => ctx.store.getActivity(id),
      // The reason is for the record: the audit row keeps it beside the cancelled activity.
      after: (a, { reason }) => ({ ...a, cancelReason: reason ?? null }),
    },
  }),

  /** 结束签到 / 延长签到 while check-in runs: audited like an update. */
  endCheckIn: defineAction({ input: schemas.endCheckIn, auth: isOrganizer, run: endCheckInNow, audit: onActivity }),
  extendCheckIn: defineAction({ input: schemas.extendCheckIn, auth: isOrganizer, run: extendCheckInBy, audit: onActivity }),

  list: defineAction({
    input: schemas.list,
    auth: 'member',
    run: async ({ view }, ctx) => {
      if (view === 'organizing') {
        if (!isOrganizer(ctx.caller)) fail('FORBIDDEN', '您不是活动组织者')
        // Unit grants name their units; a youth group's organizer finds the group's activities under their own unit.
        const units = [...new Set(ctx.caller.roles.filter((g) => g.unitId && !g.groupId).map((g) => g.unitId as string))]
        const list = await ctx.store.listActivitiesOfUnits(units.length ? units : [ctx.caller.unitId], LIST_LIMIT)
        return { activities: await summarize(ctx, ctx.caller, list.filter((a) => organizesActivity(ctx.caller, a))) }
      }
      const since = new Date(ctx.now().getTime() - RECENT_HOURS * 3600_000).toISOString()
      const list = await ctx.store.listActivitiesForMember(ctx.caller, since, LIST_LIMIT)
      return { activities: await summarize(ctx, ctx.caller, list) }
    },
  }),

  get: defineAction({
    input: schemas.get,
    auth: 'member',
    run: async ({ id }, ctx): Promise<ActivityDetail> => {
      const a = await loadActivity(ctx, id)
      if (!maySee(ctx.caller, a)) fail('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内')
      // The organizer's name costs a read only when someone else opens it; the caller's own check-in
      // (its time) one more. Both go alongside the summary's reads, so the page waits no longer.
      const me = ctx.caller
      const [[summary], organizer, mine] = await Promise.all([
        summarize(ctx, me, [a]),
        a.organizerId === me.id ? me : ctx.store.getMember(a.organizerId),
        ctx.store.findCheckIn(a.id, me.id),
      ])
      return {
        ...summary,
        // Whether the caller may still ask for a make-up (补签), as `requestMakeup` would decide it.
        makeup: await makeupOffer(ctx, a, me, summary.checkedIn),
        organizerName: organizer?.name ?? null,
        checkedInAt: mine?.checkedInAt ?? null,
        checkedOutAt: mine?.checkedOutAt ?? null,
        organizing: organizesActivity(me, a),
      }
    },
  }),

  /** The current QR token for the organizer's screen; it rotates every policy period. */
  qrToken: defineAction({
    input: schemas.qrToken,
    auth: isOrganizer,
    run: async ({ id }, ctx): Promise<QrTokenResult> => {
      const a = await loadOwnActivity(ctx, ctx.caller, id)
      assertMayShowQr(a)
      const secret = (await ctx.store.getQrSecret(id)) ?? fail('NOT_FOUND', '活动不存在')
      const period = ctx.policy.qrPeriodSec
      const now = ctx.now()
      const { token, rotatesAt } = signQrToken(secret, id, now, period)
      const arrivals = (await ctx.store.countCheckIns([id]))[id] ?? 0
      return {
        token,
        rotatesAt,
        periodSec: period,
        serverTime: now.toISOString(),
        checkInUrl: checkInUrl(ctx.publicUrl, id, token),
        arrivals,
      }
    },
  }),

  attendance: defineAction({
    input: schemas.attendance,
    auth: isOrganizer,
    run: async ({ id }, ctx): Promise<Attendance> => {
      const activity = await loadOwnActivity(ctx, ctx.caller, id)
      return attendanceOf(ctx, activity)
    },
  }),

  /** The activity's record (记实) as a spreadsheet: present and absent, each row's method. */
  exportAttendance: defineAction({
    input: schemas.exportAttendance,
    auth: isOrganizer,
    run: async ({ id, format }, ctx) => {
      const activity = await loadOwnActivity(ctx, ctx.caller, id)
      ctx.audit.actedOn({ activity })
      return exportAttendance(await attendanceOf(ctx, activity), format)
    },
    audit: { target: ({ id }, _file, { activity }) => ({ target: `id:${id}`, unitId: activity?.unitId }) },
  }),

  // ---- the unit's saved check-in places, chosen when publishing ----

  places: defineAction({ input: places.list, auth: isOrganizer, run: listPlaces }),
  savePlace: defineAction({ input: places.save, auth: isOrganizer, run: savePlace, audit: onPlace }),
  removePlace: defineAction({ input: places.remove, auth: isOrganizer, run: removePlace, audit: onPlace }),

  // ---- branch meetings: the record, its filing, photos, and the branch pages ----

  record: defineAction({ input: schemas.record, auth: 'member', run: readRecord }),
  saveRecord: defineAction({ input: schemas.saveRecord, auth: isOrganizer, run: saveRecord, audit: onMeeting }),
  submitRecord: defineAction({ input: schemas.submitRecord, auth: isOrganizer, run: submitRecord, audit: onMeeting }),
  reviewRecord: defineAction({ input: schemas.reviewRecord, auth: isAdmin, run: reviewRecord, audit: onMeeting }),
  amendRecord: defineAction({ input: schemas.amendRecord, auth: isOrganizer, run: amendRecord, audit: onMeeting }),
  // The photo's bytes stay out of the audit row: it keeps the photo's id.
  uploadPhoto: defineAction({ input: schemas.uploadPhoto, auth: isOrganizer, run: uploadPhoto, audit: onMeeting }),
  photo: defineAction({ input: schemas.photo, auth: 'member', run: photo }),
  branchOverview: defineAction({ input: schemas.branchOverview, auth: 'member', run: branchOverview }),
  branchMeetings: defineAction({ input: schemas.branchMeetings, auth: 'member', run: branchMeetings }),
  recordsToReview: defineAction({ input: schemas.recordsToReview, auth: isAdmin, run: recordsToReview }),
  meetingRecords: defineAction({ input: schemas.meetingRecords, auth: isOrganizer, run: meetingRecords }),
  exportRecords: defineAction({
    input: schemas.exportRecords,
    auth: isOrganizer,
    run: async (input, ctx) => {
      const { meetings, scopeName, periodKey } = await meetingsInScope(input, ctx)
      return exportRecords(await recordViews(ctx, ctx.caller, meetings), input.format, `${scopeName}-会议记录-${periodKey}`)
    },
    audit: inCallersUnit,
  }),
}
