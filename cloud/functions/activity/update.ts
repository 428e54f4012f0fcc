/** Changing an activity before it starts, and publishing a draft: both settle where check-in happens. */
import type { z } from 'zod'
import type { Activity } from '../../contract/model'
import type { activity as schemas } from '../../contract/schemas'
import { draftActivity, editableFields } from '../../domain/activity'
import { assertMayPublish, assertMayUpdate } from '../../domain/activityLifecycle'
import { fail } from '../../domain/errors'
import { mayAddress } from '../../domain/roles'
import { chosenVenue } from '../../domain/venue'
import type { AuthedCtx } from '../../runtime/action'
import { assertAudienceExists, loadOwnActivity } from './access'
import { assertTrainingTarget, audienceBranches } from './create'
import { venueToPublish } from './places'

/**
 * A draft may lose its place; a published activity may switch between a place and a recorded
 * reason for none, but never end up with neither.
 */
export async function updateActivity({ id, ...patch }: z.output<typeof schemas.update>, ctx: AuthedCtx): Promise<Activity> {
  const current = await loadOwnActivity(ctx, ctx.caller, id)
  assertMayUpdate(current, ctx.now())
  if (patch.audience && current.meeting) fail('BAD_INPUT', '支部会议的参加范围是本支部（党小组会为本党小组），不能修改', { field: 'audience' })
  if (current.meeting && patch.kind && patch.kind !== 'study') fail('BAD_INPUT', '支部会议的活动类型应为理论学习', { field: 'kind' })
  if (patch.audience && !mayAddress(ctx.caller, patch.audience, await audienceBranches(ctx, patch.audience)))
    fail('FORBIDDEN', '只能面向您负责的单位、学习小组或党支部发布活动')
  if (patch.audience) await assertAudienceExists(ctx, patch.audience)
  await assertTrainingTarget(ctx, patch.targetId)
  const published = current.status === 'published'
  const placeName = patch.placeName === undefined ? current.placeName : patch.placeName || null
  const given = { place: patch.place, noLocationReason: patch.noLocationReason }
  const venue = published ? await venueToPublish(ctx, current.unitId, { ...current, placeName }, given) : chosenVenue({ ...current, placeName }, given)
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  const next = draftActivity(
    {
      ...editableFields(current),
      ...changes,
      placeName: venue.placeName ?? undefined,
      place: venue.place ?? undefined,
      noLocationReason: venue.noLocationReason ?? undefined,
    },
    ctx.caller,
    { unitId: current.unitId, branchId: current.branchId, meeting: current.meeting },
    ctx.policy,
    published,
  )
  return ctx.audit.recording(() => ctx.store.updateActivity(id, { ...next, organizerId: current.organizerId }, ctx.now().toISOString()))
}

/** Publish a draft with its venue: the place or reason given now, else the draft's, else the unit's first saved place. */
export async function publishActivity({ id, ...given }: z.output<typeof schemas.publish>, ctx: AuthedCtx): Promise<Activity> {
  const a = await loadOwnActivity(ctx, ctx.caller, id)
  if (assertMayPublish(a, ctx.now()) === 'unchanged') return a
  const venue = await venueToPublish(ctx, a.unitId, a, given)
  return ctx.audit.recording(() => ctx.store.updateActivity(id, { status: 'published', ...venue }, ctx.now().toISOString()))
}
