import type { DeviceLocation, GeoPlace } from '../contract/schemas'

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine); accurate to well under a metre at geofence scale. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

export type GeofenceVerdict =
  | { ok: true; distanceM: number; accuracyM: number }
  | { ok: false; reason: 'missing' | 'inaccurate' | 'outside'; distanceM?: number; accuracyM?: number }

/** Inside the radius, with a reported accuracy no worse than the radius itself. */
export function checkGeofence(place: GeoPlace, at: DeviceLocation | undefined): GeofenceVerdict {
  if (!at) return { ok: false, reason: 'missing' }
  const d = Math.round(distanceM(place, at))
  if (at.accuracyM > place.radiusM) return { ok: false, reason: 'inaccurate', distanceM: d, accuracyM: at.accuracyM }
  if (d > place.radiusM) return { ok: false, reason: 'outside', distanceM: d, accuracyM: at.accuracyM }
  return { ok: true, distanceM: d, accuracyM: at.accuracyM }
}
