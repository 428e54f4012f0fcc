/** A unit's saved check-in places (its meeting room, a 党性教育基地), chosen when an activity is published. */
import type { Functions } from '@cloud/functions'
import type { InputOf } from '@cloud/runtime/action'
import { call } from './api'

export type SavePlaceInput = InputOf<Functions['activity'], 'savePlace'>

/** The unit's saved places, first the one publishing falls back to; the caller's own unit when none is named. */
export const unitPlaces = (unitId?: string) => call('activity', 'places', unitId ? { unitId } : {})
/** Save a new place (or the same `placeId` again to change it). */
export const savePlace = (input: SavePlaceInput) => call('activity', 'savePlace', input)
export const removePlace = (unitId: string, placeId: string) => call('activity', 'removePlace', { unitId, placeId })
