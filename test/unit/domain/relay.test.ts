/**
 * The relay flags: a phone checking in several members, a position reported with an impossible
 * accuracy, and positions identical to another member's, worked out over all check-ins of one
 * activity, whatever the check-in method.
 */
import type { CheckInSignals } from '../../../cloud/contract/model'
import { relayFlags, type RelaySubject } from '../../../cloud/domain/relay'

const NONE: CheckInSignals = { deviceId: null, lat: null, lng: null, accuracyM: null }
/** A check-in `c<n>` of member `m<n>` with these signals. */
const entry = (n: number, signals: Partial<CheckInSignals> = {}, memberId = `m${n}`): RelaySubject => ({
  checkInId: `c${n}`,
  memberId,
  signals: { ...NONE, ...signals },
})
/** Positions a few metres apart around the venue, with a phone's usual accuracy. */
const near = (i: number): Partial<CheckInSignals> => ({ lat: 31.2304 + i * 0.00003, lng: 121.4737 + i * 0.00002, accuracyM: 12 })
const flagsOf = (entries: RelaySubject[]) => Object.fromEntries(relayFlags(entries))

describe('relayFlags', () => {
  it('ordinary check-ins (own phones, own positions, real accuracy) have no flags', () => {
    const entries = [1, 2, 3].map((i) => entry(i, { deviceId: `device-000${i}`, ...near(i) }))
    expect(flagsOf(entries)).toEqual({ c1: [], c2: [], c3: [] })
  })

  it('check-ins without signals (make-ups, older rows) get no flags', () => {
    expect(flagsOf([entry(1), entry(2), entry(3)])).toEqual({ c1: [], c2: [], c3: [] })
    expect(flagsOf([])).toEqual({})
  })

  it('sharedDevice: every member one phone checked in is flagged, not only the second', () => {
    const entries = [entry(1, { deviceId: 'device-AAAA', ...near(1) }), entry(2, { deviceId: 'device-AAAA', ...near(2) }), entry(3, { deviceId: 'device-BBBB', ...near(3) }), entry(4, { deviceId: 'device-AAAA', ...near(4) })]
    expect(flagsOf(entries)).toEqual({ c1: ['sharedDevice'], c2: ['sharedDevice'], c3: [], c4: ['sharedDevice'] })
  })

  it('sharedDevice needs two different members: one member seen twice on a phone is not flagged', () => {
    const entries = [entry(1, { deviceId: 'device-AAAA' }), entry(2, { deviceId: 'device-AAAA' }, 'm1')]
    expect(flagsOf(entries)).toEqual({ c1: [], c2: [] })
  })

  it('exactPosition: an accuracy under one metre (0 is what position-faking apps send)', () => {
    const entries = [entry(1, { ...near(1), accuracyM: 0 }), entry(2, { ...near(2), accuracyM: 0.5 }), entry(3, { ...near(3), accuracyM: 1 }), entry(4, { accuracyM: null })]
    expect(flagsOf(entries)).toEqual({ c1: ['exactPosition'], c2: ['exactPosition'], c3: [], c4: [] })
  })

  it('samePosition: coordinates identical to another member’s (within 1e-7°) flag both; a tenth of a metre apart does not', () => {
    const at = { lat: 31.2304, lng: 121.4737, accuracyM: 10 }
    const entries = [
      entry(1, at),
      entry(2, { ...at, lat: at.lat + 0.5e-7 }),
      entry(3, { ...at, lat: at.lat + 1e-6 }),
      entry(4, { ...at, lng: at.lng + 1e-6 }),
      entry(5, near(5)),
    ]
    expect(flagsOf(entries)).toEqual({ c1: ['samePosition'], c2: ['samePosition'], c3: [], c4: [], c5: [] })
  })

  it('samePosition compares members, not a member with themself; a position with no latitude or longitude is not compared', () => {
    const at = { lat: 30.5, lng: 120.5, accuracyM: 10 }
    expect(flagsOf([entry(1, at), entry(2, at, 'm1'), entry(3, { lat: 30.5 }), entry(4, { lng: 120.5 })])).toEqual({ c1: [], c2: [], c3: [], c4: [] })
  })

  it('samePosition across a cell boundary: points 0.9e-7° apart on either side of a rounding edge still match', () => {
    const lat = 31.23040005 // exactly on a half-cell: the two points round into neighbouring cells
    const entries = [entry(1, { lat: lat - 0.45e-7, lng: 121.5, accuracyM: 8 }), entry(2, { lat: lat + 0.45e-7, lng: 121.5, accuracyM: 8 })]
    expect(flagsOf(entries)).toEqual({ c1: ['samePosition'], c2: ['samePosition'] })
  })

  it('flags add up in the order of RELAY_FLAGS, whatever the check-in method', () => {
    const relay = { deviceId: 'device-RELAY', lat: 31.2, lng: 121.4, accuracyM: 0 }
    expect(flagsOf([entry(1, relay), entry(2, relay)])).toEqual({
      c1: ['sharedDevice', 'exactPosition', 'samePosition'],
      c2: ['sharedDevice', 'exactPosition', 'samePosition'],
    })
  })

  it('a city-wide lecture of thousands is one linear pass', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => entry(i, { deviceId: `device-${String(i).padStart(6, '0')}`, ...near(i) }))
    many.push(entry(20_000, { deviceId: 'device-000007', ...near(20_000) }))
    const started = Date.now()
    const flags = relayFlags(many)
    expect(Date.now() - started).toBeLessThan(2000)
    expect([...flags].filter(([, f]) => f.length).map(([id]) => id)).toEqual(['c7', 'c20000'])
  })
})
