/**
 * A unit's saved check-in places (its meeting room, a 党性教育基地): kept as one small JSON
 * setting per unit, read when an activity is published without a place of its own, and chosen
 * from on the activity form.
 */
import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { UnitPlace } from '../../contract/model'
import { PLACE_LIMITS } from '../../contract/limits'
import type { places as schemas } from '../../contract/schemas'
import { BRANCH_RUNNING_ROLES } from '../../contract/vocabulary'
import { fail } from '../../domain/errors'
import { homeUnitOf, organizesUnit, type Grantee } from '../../domain/roles'
import { chosenVenue, isSettled, venueForPublishing, type Venue, type VenueChoice, type VenueFields } from '../../domain/venue'
import type { AuthedCtx } from '../../runtime/action'
import type { Ctx } from '../../runtime/context'
import type { Store } from '../../store/Store'

const keyOf = (unitId: string): string => `unitPlaces:${unitId}`

const isPlace = (p: unknown): p is UnitPlace => {
  const o = p as Partial<UnitPlace> | null
  return !!o && typeof o.id === 'string' && typeof o.name === 'string' && typeof o.lat === 'number' && typeof o.lng === 'number' && typeof o.radiusM === 'number'
}

/** The unit's saved places, in the order they were first saved; none when nothing (or nothing readable) is stored. */
export async function readPlaces(ctx: Ctx, unitId: string): Promise<UnitPlace[]> {
  const raw = await ctx.store.getSetting(keyOf(unitId))
  if (!raw) return []
  try {
    const list: unknown = JSON.parse(raw)
    return Array.isArray(list) ? list.filter(isPlace) : []
  } catch {
    return []
  }
}

/** Store a unit's places (the whole list: it is one setting); the demo seed saves its units' places with it too. */
export const writeUnitPlaces = (store: Pick<Store, 'putSetting'>, unitId: string, list: UnitPlace[]): Promise<void> =>
  store.putSetting(keyOf(unitId), JSON.stringify(list))

/**
 * The venue of an activity being published: the request's or the activity's own, and only when
 * neither has one, the unit's saved places (read once, and only then).
 */
export async function venueToPublish(ctx: Ctx, unitId: string, current: VenueFields, given: VenueChoice): Promise<Venue> {
  const chosen = chosenVenue(current, given)
  return isSettled(chosen) ? chosen : venueForPublishing(current, given, await readPlaces(ctx, unitId))
}

/** Who sees a unit's places: whoever organizes anything in it (its organizers, branch officers, group organizers) and city admins. */
const seesPlacesOf = (m: Grantee, unitId: string): boolean =>
  organizesUnit(m, unitId) || m.roles.some((g) => g.unitId === unitId && (g.role === 'organizer' || BRANCH_RUNNING_ROLES.includes(g.role)))

const mayKeepPlacesOf = (m: Grantee, unitId: string): boolean => organizesUnit(m, unitId)
const NOT_YOURS = '只有本单位的组织者、单位管理员可以维护常用签到地点'

export async function listPlaces({ unitId }: z.output<typeof schemas.list>, ctx: AuthedCtx): Promise<{ unitId: string; places: UnitPlace[] }> {
  const unit = unitId ?? homeUnitOf(ctx.caller)
  if (!seesPlacesOf(ctx.caller, unit)) fail('FORBIDDEN', '只能查看您组织活动的单位的常用地点')
  return { unitId: unit, places: await readPlaces(ctx, unit) }
}

/** Save a new place, or change one (same id); a unit keeps at most PLACE_LIMITS.perUnit. */
export async function savePlace(input: z.output<typeof schemas.save>, ctx: AuthedCtx): Promise<UnitPlace> {
  if (!mayKeepPlacesOf(ctx.caller, input.unitId)) fail('FORBIDDEN', NOT_YOURS)
  if (!(await ctx.store.getUnit(input.unitId))) fail('NOT_FOUND', '单位不存在')
  const list = await readPlaces(ctx, input.unitId)
  const at = list.findIndex((p) => p.id === input.placeId)
  if (input.placeId && at < 0) fail('NOT_FOUND', '该常用地点不存在或已删除')
  if (list.some((p) => p.name === input.name && p.id !== input.placeId))
    fail('BAD_INPUT', `本单位已有名为“${input.name}”的常用地点，请换个名称或修改原地点`, { field: 'name' })
  if (at < 0 && list.length >= PLACE_LIMITS.perUnit) fail('CONFLICT', `每个单位最多保存 ${PLACE_LIMITS.perUnit} 个常用地点，请先删除不再使用的地点`)
  const place: UnitPlace = {
    id: input.placeId ?? randomBytes(9).toString('base64url'),
    unitId: input.unitId,
    name: input.name,
    lat: input.lat,
    lng: input.lng,
    radiusM: input.radiusM,
    savedBy: ctx.caller.id,
    savedAt: ctx.now().toISOString(),
  }
  const next = at < 0 ? [...list, place] : list.map((p, i) => (i === at ? place : p))
  return ctx.audit.recording(() => writeUnitPlaces(ctx.store, input.unitId, next), () => place)
}

/** Remove a saved place; activities that took it keep their own copy of the point. */
export async function removePlace(input: z.output<typeof schemas.remove>, ctx: AuthedCtx): Promise<UnitPlace> {
  if (!mayKeepPlacesOf(ctx.caller, input.unitId)) fail('FORBIDDEN', NOT_YOURS)
  const list = await readPlaces(ctx, input.unitId)
  const removed = list.find((p) => p.id === input.placeId) ?? fail('NOT_FOUND', '该常用地点不存在或已删除')
  return ctx.audit.recording(() => writeUnitPlaces(ctx.store, input.unitId, list.filter((p) => p !== removed)), () => removed)
}
