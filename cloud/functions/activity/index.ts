import type { ActivityDetail, Attendance, QrTokenResult } from '../../contract/model'
import { activity as schemas } from '../../contract/schemas'
import { ACTIVITY_SUB_KINDS } from '../../contract/vocabulary'
import { draftActivity, editableFields } from '../../domain/activity'
import { assertMayCancel, assertMayPublish, assertMayShowQr, assertMayUpdate } from '../../domain/activityLifecycle'
import { fail } from '../../domain/errors'
import { newQrSecret, signQrToken } from '../../domain/qrToken'
import { homeUnitOf, isOrganizer, mayAddress, organizesActivity, organizesUnit } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { inCallersUnit } from '../../runtime/audit'
import { makeupOffer } from '../checkin/makeupOffer'
import { assertAudienceExists, loadActivity, loadOwnActivity, maySee, summarize } from './access'
import { attendanceOf } from './attendance'
import { exportAttendance } from './exportAttendance'

const LIST_LIMIT = 100
/** Activities stay on a member's list for a while after they end, so late arrivals still find them. */
const RECENT_HOURS = 12

export const checkInUrl = (publicUrl: string, activityId: string, token: string): string =>
  `${publicUrl.replace(/\/$/, '')}/pages/checkin/index?a=${encodeURIComponent(activityId)}&t=${encodeURIComponent(token)}`

export const activityActions = {
  create: defineAction({
    input: schemas.create,
    auth: isOrganizer,
    audit: inCallersUnit,
    run: async ({ publish, ...input }, ctx) => {
      if (input.subKind && !ACTIVITY_SUB_KINDS[input.kind].includes(input.subKind))
        fail('BAD_INPUT', `“${input.subKind}”不是该活动类型的细分项`, { field: 'subKind' })
      if (!mayAddress(ctx.caller, input.audience))
        fail('FORBIDDEN', '只能面向您负责的单位或学习小组发布活动')
      await assertAudienceExists(ctx, input.audience)
      const unitId =
        input.audience.type === 'units' && organizesUnit(ctx.caller, input.audience.unitIds[0])
          ? input.audience.unitIds[0]
          : homeUnitOf(ctx.caller)
      const draft = draftActivity(input, ctx.caller, unitId, ctx.policy, publish ?? false)
      return ctx.audit.recording(() => ctx.store.insertActivity({ ...draft, qrSecret: newQrSecret() }, ctx.now().toISOString()))
    },
  }),

  update: defineAction({
    input: schemas.update,
    auth: isOrganizer,
    run: async ({ id, ...patch }, ctx) => {
      const current = await loadOwnActivity(ctx, ctx.caller, id)
      assertMayUpdate(current, ctx.now())
      if (patch.audience && !mayAddress(ctx.caller, patch.audience))
        fail('FORBIDDEN', '只能面向您负责的单位或学习小组发布活动')
      if (patch.audience) await assertAudienceExists(ctx, patch.audience)
      const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      const next = draftActivity(
        { ...editableFields(current), ...changes },
        ctx.caller,
        current.unitId,
        ctx.policy,
        current.status === 'published',
      )
      return ctx.audit.recording(() => ctx.store.updateActivity(id, { ...next, organizerId: current.organizerId }, ctx.now().toISOString()))
    },
    audit: { target: ({ id }, a) => ({ target: `id:${id}`, unitId: a.unitId }), before: async ({ id }, ctx) => ctx.store.getActivity(id) },
  }),

  publish: defineAction({
    input: schemas.publish,
    auth: isOrganizer,
    run: async ({ id }, ctx) => {
      const a = await loadOwnActivity(ctx, ctx.caller, id)
      if (assertMayPublish(a, ctx.now()) === 'unchanged') return a
      return ctx.audit.recording(() => ctx.store.updateActivity(id, { status: 'published' }, ctx.now().toISOString()))
    },
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
    audit: { target: ({ id }, a) => ({ target: `id:${id}`, unitId: a.unitId }), before: async ({ id }, ctx) => ctx.store.getActivity(id) },
  }),

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
      const [summary] = await summarize(ctx, ctx.caller, [a])
      // Whether the caller may still ask for a make-up (补签), as `requestMakeup` would decide it.
      return { ...summary, makeup: await makeupOffer(ctx, a, ctx.caller, summary.checkedIn) }
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
}
