/**
 * Where a published activity is checked in: the place given, the reason given, what the draft has,
 * the unit's first saved place, or a refusal saying the three ways to settle it.
 */
import type { UnitPlace } from '../../../cloud/contract/model'
import { draftActivity } from '../../../cloud/domain/activity'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { chosenVenue, isSettled, NO_VENUE_MESSAGE, venueForPublishing, type VenueFields } from '../../../cloud/domain/venue'
import { aMember, domainErrorOf } from '../../helpers/domain'

const HALL = { lat: 31.2304, lng: 121.4737, radiusM: 200 }
const HERE = { lat: 31.2401, lng: 121.4811, radiusM: 150 }
const ONLINE = '线上活动'

const bare: VenueFields = { place: null, noLocationReason: null, placeName: null }
const withPlace: VenueFields = { place: HALL, noLocationReason: null, placeName: '三楼会议室' }
const withReason: VenueFields = { place: null, noLocationReason: ONLINE, placeName: null }

const saved = (name: string, lat: number): UnitPlace => ({ id: `p-${name}`, unitId: 'u01', name, lat, lng: 121.5, radiusM: 300, savedBy: 'o1', savedAt: '2026-11-01T00:00:00.000Z' })
const UNIT_PLACES = [saved('机关大楼报告厅', 31.25), saved('党性教育基地', 31.3)]

describe('venueForPublishing', () => {
  it('a place given wins: over the draft’s place, its reason, and a reason given alongside', () => {
    expect(venueForPublishing(withPlace, { place: HERE }, UNIT_PLACES)).toEqual({ place: HERE, noLocationReason: null, placeName: '三楼会议室' })
    expect(venueForPublishing(withReason, { place: HERE }, UNIT_PLACES)).toEqual({ place: HERE, noLocationReason: null, placeName: null })
    expect(venueForPublishing(bare, { place: HERE, noLocationReason: ONLINE }, [])).toEqual({ place: HERE, noLocationReason: null, placeName: null })
  })

  it('a reason given clears the draft’s place', () => {
    expect(venueForPublishing(withPlace, { noLocationReason: '分散开展（无固定地点）' }, UNIT_PLACES)).toEqual({
      place: null,
      noLocationReason: '分散开展（无固定地点）',
      placeName: '三楼会议室',
    })
  })

  it('nothing given: the draft keeps its place, or its reason', () => {
    expect(venueForPublishing(withPlace, {}, UNIT_PLACES)).toEqual({ place: HALL, noLocationReason: null, placeName: '三楼会议室' })
    expect(venueForPublishing(withReason, {}, UNIT_PLACES)).toEqual({ place: null, noLocationReason: ONLINE, placeName: null })
  })

  it('neither: the unit’s first saved place, whose name the activity takes when it has none', () => {
    const first = { place: { lat: 31.25, lng: 121.5, radiusM: 300 }, noLocationReason: null }
    expect(venueForPublishing(bare, {}, UNIT_PLACES)).toEqual({ ...first, placeName: '机关大楼报告厅' })
    expect(venueForPublishing({ ...bare, placeName: '二楼活动室' }, {}, UNIT_PLACES)).toEqual({ ...first, placeName: '二楼活动室' })
  })

  it('nothing at all: refused BAD_INPUT on the place, telling the three ways', () => {
    const e = domainErrorOf(() => venueForPublishing(bare, {}, []))
    expect([e.code, e.details]).toEqual(['BAD_INPUT', { field: 'place' }])
    expect(e.message).toBe(NO_VENUE_MESSAGE)
    for (const way of ['使用我当前的位置', '常用地点', '不校验位置']) expect(e.message).toContain(way)
  })

  it('a stored activity holding both (older data) counts as having its place', () => {
    expect(venueForPublishing({ ...withPlace, noLocationReason: ONLINE }, {}, [])).toEqual({ place: HALL, noLocationReason: null, placeName: '三楼会议室' })
  })
})

describe('chosenVenue and isSettled: drafts may have neither', () => {
  it('without saved places and without refusing', () => {
    expect(chosenVenue(bare, {})).toEqual(bare)
    expect(isSettled(chosenVenue(bare, {}))).toBe(false)
    expect(chosenVenue(withPlace, { noLocationReason: ONLINE })).toEqual({ place: null, noLocationReason: ONLINE, placeName: '三楼会议室' })
    expect(isSettled(chosenVenue(withReason, {}))).toBe(true)
    expect(isSettled(chosenVenue(bare, { place: HERE }))).toBe(true)
  })
})

describe('draftActivity keeps the organizer’s recorded reason', () => {
  const fields = { kind: 'lecture' as const, title: '线上宣讲', startAt: '2026-11-20T06:00:00.000Z', endAt: '2026-11-20T07:00:00.000Z', audience: { type: 'all' as const } }
  const draft = (extra: object, publish: boolean) => draftActivity({ ...fields, ...extra }, aMember(), { unitId: 'u01' }, DEFAULT_POLICY, publish)

  it('a reason alone is stored, on a draft as on a published activity', () => {
    expect(draft({ noLocationReason: ONLINE }, true)).toMatchObject({ place: null, noLocationReason: ONLINE, status: 'published' })
    expect(draft({ noLocationReason: ONLINE }, false)).toMatchObject({ place: null, noLocationReason: ONLINE, status: 'draft' })
  })

  it('a place given with a reason: the place is kept, the reason dropped', () => {
    expect(draft({ place: HERE, noLocationReason: ONLINE }, true)).toMatchObject({ place: HERE, noLocationReason: null })
  })

  it('neither: a draft with no venue yet', () => {
    expect(draft({}, false)).toMatchObject({ place: null, noLocationReason: null })
  })
})
