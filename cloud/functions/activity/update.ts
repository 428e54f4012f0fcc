/** Changing an activity (draft or published), and publishing a draft: both settle where check-in happens. */
import type { z } from 'zod'
import type { Activity } from '../../contract/model'
import type { activity as schemas } from '../../contract/schemas'
import { draftActivity, editableFields } from '../../domain/activity'
import { assertCapacityKeepsSignUps, assertMayEdit, changedFields } from '../../domain/activityEditing'
import { assertMayPublish } from '../../domain/activityLifecycle'
import { defaultWindowTimes, windowChoiceOf, type CheckInWindowChoice } from '../../domain/checkInWindow'
import { fail } from '../../domain/errors'
import type { Policy } from '../../domain/policy'
import { mayAddress } from '../../domain/roles'
import { chosenVenue } from '../../domain/venue'
import type { AuthedCtx } from '../../runtime/action'
import { assertAudienceExists, loadOwnActivity } from './access'
import { assertTrainingTarget, audienceBranches } from './create'
import { venueToPublish } from './places'

type UpdateInput = z.output<typeof schemas.update>

/**
 * The window to keep when the times or the kind move and none was sent: the default again when the
 * activity had its kind's default (a lecture turned volunteer shift then stays open to its end),
 * else the organizer's choice, moved with the times.
 */
function keptWindow(current: Activity, policy: Policy): CheckInWindowChoice | undefined {
  const d = defaultWindowTimes(current.kind, current.startAt, current.endAt, policy)
  const isDefault = d.checkInOpensAt === current.checkInOpensAt && d.checkInClosesAt === current.checkInClosesAt
  return current.meeting || isDefault ? undefined : windowChoiceOf(current)
}

/**
 * Change an activity by the editing rules (activityEditing.ts). Signed-up and checked-in people stay
 * whatever changes. A draft may lose its place; a published activity may switch between a place and
 * a recorded reason for none, but never end up with neither.
 */
export async function updateActivity({ id, ...patch }: UpdateInput, ctx: AuthedCtx): Promise<Activity> {
  const current = await loadOwnActivity(ctx, ctx.caller, id)
  const changed = changedFields(current, patch)
  assertMayEdit(current, changed, ctx.now())
  const at = ctx.now().toISOString()
  // Check-in has opened: only the words change; times, window and venue stay as people were told.
  if (ctx.now().getTime() >= Date.parse(current.checkInOpensAt)) {
    const words = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() || null } : {}),
      ...(patch.placeName !== undefined ? { placeName: patch.placeName.trim() || null } : {}),
      // A link added mid-session is what a study group reads next.
      ...(patch.materials !== undefined ? { materials: patch.materials } : {}),
    }
    return ctx.audit.recording(() => ctx.store.updateActivity(id, words, at))
  }
  if (patch.audience && current.meeting) fail('BAD_INPUT', '支部会议的参加范围是本支部（党小组会为本党小组），不能修改', { field: 'audience' })
  if (current.meeting && patch.kind && patch.kind !== 'study') fail('BAD_INPUT', '支部会议的活动类型应为理论学习', { field: 'kind' })
  if (patch.audience && !mayAddress(ctx.caller, patch.audience, await audienceBranches(ctx, patch.audience)))
    fail('FORBIDDEN', '只能面向您负责的单位、学习小组或党支部发布活动')
  if (patch.audience) await assertAudienceExists(ctx, patch.audience)
  await assertTrainingTarget(ctx, patch.targetId)
  if (changed.includes('capacity')) assertCapacityKeepsSignUps(patch.capacity, (await ctx.store.countSignUps([id]))[id] ?? 0)
  const published = current.status === 'published'
  const placeName = patch.placeName === undefined ? current.placeName : patch.placeName || null
  const given = { place: patch.place, noLocationReason: patch.noLocationReason }
  const venue = published ? await venueToPublish(ctx, current.unitId, { ...current, placeName }, given) : chosenVenue({ ...current, placeName }, given)
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  const moved = changed.some((f) => f === 'startAt' || f === 'endAt' || f === 'kind' || f === 'checkInWindow')
  const next = draftActivity(
    {
      ...editableFields(current),
      ...changes,
      // The window sent (a meeting refuses one), else the one it had, else the new kind's default.
      checkInWindow: patch.checkInWindow ?? (changed.includes('kind') ? undefined : keptWindow(current, ctx.policy)),
      placeName: venue.placeName ?? undefined,
      place: venue.place ?? undefined,
      noLocationReason: venue.noLocationReason ?? undefined,
    },
    ctx.caller,
    { unitId: current.unitId, branchId: current.branchId, meeting: current.meeting },
    ctx.policy,
    published,
    { timesAsStored: !changed.includes('startAt') && !changed.includes('endAt') },
  )
  // Nothing about the times changed: the stored window stays exactly (a default one past a short lecture's end included).
  const window = moved ? {} : { checkInOpensAt: current.checkInOpensAt, checkInClosesAt: current.checkInClosesAt }
  return ctx.audit.recording(() => ctx.store.updateActivity(id, { ...next, ...window, organizerId: current.organizerId }, at))
}

/** Publish a draft with its venue: the place or reason given now, else the draft's, else the unit's first saved place. */
export async function publishActivity({ id, ...given }: z.output<typeof schemas.publish>, ctx: AuthedCtx): Promise<Activity> {
  const a = await loadOwnActivity(ctx, ctx.caller, id)
  if (assertMayPublish(a, ctx.now()) === 'unchanged') return a
  const venue = await venueToPublish(ctx, a.unitId, a, given)
  return ctx.audit.recording(() => ctx.store.updateActivity(id, { status: 'published', ...venue }, ctx.now().toISOString()))
}
