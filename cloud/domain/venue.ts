/**
 * Where a published activity is checked in. A code on a screen can be photographed and sent
 * anywhere; a geofence makes the photo useless away from the venue. So nothing is published without
 * a place, unless the organizer records why the activity has none (线上活动…).
 */
import type { Activity, UnitPlace } from '../contract/model'
import type { GeoPlace } from '../contract/schemas'
import { fail } from './errors'

/** Where check-in is allowed, or the recorded reason it is not checked; and the place's name the activity shows. */
export interface Venue {
  place: GeoPlace | null
  noLocationReason: string | null
  placeName: string | null
}

/** What a create, update or publish request says about the venue. */
export interface VenueChoice {
  place?: GeoPlace
  noLocationReason?: string
}

export type VenueFields = Pick<Activity, 'place' | 'noLocationReason' | 'placeName'>

export const NO_VENUE_MESSAGE =
  '请设置签到地点：在活动现场点“使用我当前的位置”，或选择本单位常用地点；线上等确无固定地点的活动请选择“不校验位置”并说明原因'

/**
 * The request's choice, else what the activity already has. A place given clears any reason (the
 * organizer now checks the location); a reason given clears the place.
 */
export function chosenVenue(current: VenueFields, given: VenueChoice): Venue {
  const placeName = current.placeName
  if (given.place) return { place: given.place, noLocationReason: null, placeName }
  if (given.noLocationReason) return { place: null, noLocationReason: given.noLocationReason, placeName }
  return { place: current.place, noLocationReason: current.place ? null : current.noLocationReason, placeName }
}

/** Does check-in have a place, or a recorded reason for none? */
export const isSettled = (v: Pick<Venue, 'place' | 'noLocationReason'>): boolean => v.place !== null || v.noLocationReason !== null

/**
 * The venue of an activity being published (or edited once published): the place given, else the
 * reason given, else what it already has, else its unit's first saved place (whose name it takes
 * when it has none), else refused with the three ways to settle it.
 */
export function venueForPublishing(current: VenueFields, given: VenueChoice, saved: readonly UnitPlace[]): Venue {
  const chosen = chosenVenue(current, given)
  if (isSettled(chosen)) return chosen
  const first = saved[0] ?? fail('BAD_INPUT', NO_VENUE_MESSAGE, { field: 'place' })
  return { place: { lat: first.lat, lng: first.lng, radiusM: first.radiusM }, noLocationReason: null, placeName: current.placeName ?? first.name }
}
