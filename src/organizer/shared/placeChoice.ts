/**
 * Where check-in is checked, as the organizer chooses it when publishing: one of the unit's saved
 * places, the position of the phone on site now (optionally saved for next time), or no check with a
 * recorded reason. Pure: the form and the workbench's publish sheet share it.
 */
import { RADIUS_M } from '@cloud/contract/limits'
import type { UnitPlace } from '@cloud/contract/model'
import type { DeviceLocation, GeoPlace } from '@cloud/contract/schemas'
import { NO_LOCATION_REASONS, TEXT_MIN } from '@cloud/contract/vocabulary'
import { DEFAULT_POLICY } from '@cloud/domain/policy'

export type PlaceMode = 'saved' | 'here' | 'none'

/** The reason chip that opens a text field. */
export const OTHER_REASON = '其他'
export const REASON_OPTIONS: readonly string[] = [...NO_LOCATION_REASONS, OTHER_REASON]
/** Check-in radius choices around the organizer's position, in metres, within what the server allows. */
export const RADII = [100, 300, 500, 1000].filter((m) => m >= RADIUS_M.min && m <= RADIUS_M.max)
/** The policy's default radius as shipped (the city may change it; the activity keeps the radius chosen here). */
export const DEFAULT_RADIUS = DEFAULT_POLICY.defaultRadiusM
export const radiusLabel = (m: number) => (m >= 1000 ? `${m / 1000} 公里` : `${m} 米`)

export interface PlaceChoice {
  mode: PlaceMode
  /** The saved place chosen (mode 'saved'). */
  savedId: string | null
  /** The organizer's position, once located (mode 'here'). */
  here: DeviceLocation | null
  radiusM: number
  /** Save the position as one of the unit's places (保存为本单位常用地点), under `keepName`. */
  keep: boolean
  keepName: string
  /** One of REASON_OPTIONS (mode 'none'); OTHER_REASON takes `otherReason`. */
  reason: string
  otherReason: string
}

/** Before the unit's places are known: on-site location, until `withPlaces` says otherwise. */
export const INITIAL_CHOICE: PlaceChoice = {
  mode: 'here',
  savedId: null,
  here: null,
  radiusM: DEFAULT_RADIUS,
  keep: false,
  keepName: '',
  reason: NO_LOCATION_REASONS[0],
  otherReason: '',
}

/** The default once the places are known: the first saved place when the unit has one, else on-site location. */
export const withPlaces = (c: PlaceChoice, places: readonly UnitPlace[]): PlaceChoice =>
  places.length ? { ...c, mode: 'saved', savedId: places[0].id } : { ...c, mode: 'here', savedId: null }

/** What the server gets: a place (with the saved place's name for a form left without one) or a reason; none for a draft not yet placed. */
export interface Siting {
  place?: GeoPlace
  noLocationReason?: string
  /** The saved place's name, for an activity whose 地点 was left empty. */
  placeName?: string
  /** Save the position as a unit place under this name before publishing. */
  keepAs?: string
}

export type SitingResult = { ok: true; siting: Siting } | { ok: false; problem: string }

const problem = (p: string): SitingResult => ({ ok: false, problem: p })

/**
 * The choice as the server takes it, or what the organizer must do first. A draft may be saved with
 * no place yet; publishing needs a place or a reason.
 */
export function sitingOf(c: PlaceChoice, places: readonly UnitPlace[], publish: boolean): SitingResult {
  if (c.mode === 'saved') {
    const p = places.find((x) => x.id === c.savedId)
    if (!p) return places.length ? problem('请选择一个常用地点') : problem('本单位还没有常用地点：请选“现场定位”，在活动现场获取位置')
    return { ok: true, siting: { place: { lat: p.lat, lng: p.lng, radiusM: p.radiusM }, placeName: p.name } }
  }
  if (c.mode === 'none') {
    const reason = (c.reason === OTHER_REASON ? c.otherReason : c.reason).trim()
    if (reason.length < TEXT_MIN.reason) return problem(`请填写不校验位置的原因（至少 ${TEXT_MIN.reason} 个字）`)
    return { ok: true, siting: { noLocationReason: reason } }
  }
  if (!c.here) return publish ? problem('请先点“使用我当前的位置”获取活动现场的位置，或改选常用地点、不校验位置') : { ok: true, siting: {} }
  const keepAs = c.keep ? c.keepName.trim() : ''
  if (c.keep && !keepAs) return problem('请填写常用地点的名称，如：机关大楼三楼会议室')
  return { ok: true, siting: { place: { lat: c.here.lat, lng: c.here.lng, radiusM: c.radiusM }, ...(keepAs ? { keepAs } : {}) } }
}
