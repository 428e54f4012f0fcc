/**
 * The demo city's check-in places. Its 市直机关 sit in a few buildings of the 市行政中心, each unit's
 * meeting room (and, in the larger units, its 党员活动室) within about 150 m of the centre, so a phone
 * standing at the centre is inside every unit's geofence (the browser tests put their phones there).
 * Each unit keeps them as its saved places (written as the activity function writes them); the seeded activities are held there, volunteer days excepted (分散开展).
 */
import type { UnitPlace } from '../../contract/model'
import type { GeoPlace } from '../../contract/schemas'
import { NO_LOCATION_REASONS } from '../../contract/vocabulary'
import { writeUnitPlaces } from '../../functions/activity/places'
import type { Store } from '../../store/Store'

/** The 市行政中心 (WGS-84). */
export const CIVIC_CENTRE = { lat: 30.2741, lng: 120.1551 } as const
/** Where the city's rotation training is held: the 市委党校, across town, saved by no unit. */
export const PARTY_SCHOOL = { name: '市委党校报告厅', place: { lat: 30.2893, lng: 120.1322, radiusM: 300 } } as const
/** Volunteers go out to communities and homes: no one place to check. */
export const VOLUNTEER_REASON: string = NO_LOCATION_REASONS[1]

const METRES_PER_DEGREE = 111_320
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** The point `metres` from the centre towards `bearing` degrees (east of north). */
function near(metres: number, bearing: number): { lat: number; lng: number } {
  const rad = (bearing * Math.PI) / 180
  const dLat = (metres * Math.cos(rad)) / METRES_PER_DEGREE
  const dLng = (metres * Math.sin(rad)) / (METRES_PER_DEGREE * Math.cos((CIVIC_CENTRE.lat * Math.PI) / 180))
  return { lat: round6(CIVIC_CENTRE.lat + dLat), lng: round6(CIVIC_CENTRE.lng + dLng) }
}

/**
 * A unit's places: its 机关大楼会议室 (300 m), and for a unit with more than one branch its
 * 党员活动室 (200 m) a little further along; the i-th unit faces its own side of the centre.
 */
export function placesOfUnit(i: number, unit: { id: string; name: string; branches: number }, savedBy: string, savedAt: string): UnitPlace[] {
  const bearing = (i * 360) / 10
  const room: UnitPlace = { id: `pl-${unit.id}-1`, unitId: unit.id, name: `${unit.name}机关大楼会议室`, ...near(40 + (i % 4) * 25, bearing), radiusM: 300, savedBy, savedAt }
  if (unit.branches < 2) return [room]
  return [room, { ...room, id: `pl-${unit.id}-2`, name: `${unit.name}党员活动室`, ...near(70 + (i % 4) * 25, bearing + 12), radiusM: 200 }]
}

/** Save every unit's places where the activity function reads them; the places by unit. */
export async function seedUnitPlaces(
  store: Store,
  units: { id: string; name: string; branches: number }[],
  savedBy: (unitId: string) => string,
  savedAt: string,
): Promise<Map<string, UnitPlace[]>> {
  const byUnit = new Map<string, UnitPlace[]>()
  for (const [i, u] of units.entries()) {
    const list = placesOfUnit(i, u, savedBy(u.id), savedAt)
    byUnit.set(u.id, list)
    await writeUnitPlaces(store, u.id, list)
  }
  return byUnit
}

/** Held at a saved place: its point, and its name as the activity's 地点. */
export const heldAt = (p: UnitPlace): { place: GeoPlace; placeName: string } => ({ place: { lat: p.lat, lng: p.lng, radiusM: p.radiusM }, placeName: p.name })
