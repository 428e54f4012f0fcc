/** Policy versions by effective date (cloud/domain/policy.ts): which policy holds at a moment. */
import { DEFAULT_POLICY, policyAt } from '../../../cloud/domain/policy'

const at = (iso: string) => new Date(iso)
const NOW = at('2026-11-20T02:00:00.000Z')

describe('policyAt', () => {
  const v = (effectiveFrom: string, policy: unknown) => ({ effectiveFrom, policy })

  it('no versions: the defaults', () => {
    expect(policyAt(DEFAULT_POLICY, [], NOW)).toEqual(DEFAULT_POLICY)
  })

  it('a version applies from its effective moment on, not before', () => {
    const versions = [v('2026-12-01T00:00:00.000Z', { pointsPerKind: { study: 3 } })]
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-11-30T23:59:59.999Z')).pointsPerKind).toEqual({ study: 2, lecture: 1, volunteer: 0 })
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-12-01T00:00:00.000Z')).pointsPerKind).toEqual({ study: 3, lecture: 1, volunteer: 0 })
  })

  it('versions stack in date order whatever order they are given in; a future one does not apply yet', () => {
    const versions = [
      v('2027-01-01T00:00:00.000Z', { dailyPointsCap: 6, youthAgeLimit: 40 }),
      v('2026-03-01T00:00:00.000Z', { pointsPerKind: { study: 3 }, dailyPointsCap: 12 }),
      v('2026-06-01T00:00:00.000Z', { pointsPerKind: { lecture: 2 } }),
    ]
    const now = policyAt(DEFAULT_POLICY, versions, NOW)
    expect(now.pointsPerKind).toEqual({ study: 3, lecture: 2, volunteer: 0 })
    expect(now.dailyPointsCap).toBe(12)
    expect(now.youthAgeLimit).toBe(35)
    // Fields no version touches stay as they were.
    expect(now.qrPeriodSec).toBe(DEFAULT_POLICY.qrPeriodSec)
    expect(now.dailyHoursMax).toBe(DEFAULT_POLICY.dailyHoursMax)

    const later = policyAt(DEFAULT_POLICY, versions, at('2027-01-01T00:00:00.000Z'))
    expect(later).toMatchObject({ dailyPointsCap: 6, youthAgeLimit: 40, pointsPerKind: { study: 3, lecture: 2, volunteer: 0 } })
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-02-28T23:59:59.000Z'))).toEqual(DEFAULT_POLICY)
  })

  it('the base policy object is left untouched', () => {
    const before = JSON.stringify(DEFAULT_POLICY)
    policyAt(DEFAULT_POLICY, [v('2020-01-01T00:00:00.000Z', { pointsPerKind: { study: 9 }, dailyPointsCap: 1 })], NOW)
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(before)
  })
})

describe('the meeting rhythm in the policy', () => {
  it('defaults to the 支部工作条例 rhythm per level', () => {
    expect(DEFAULT_POLICY.meetingRhythm.branch).toMatchObject({ committee: 'month', generalMeeting: 'quarter', partyLecture: 'quarter', lifeMeeting: 'year' })
    expect(DEFAULT_POLICY.meetingRhythm.partyGroup).toEqual({ groupMeeting: 'month' })
  })

  it('a version changes the types it names at a level, takes a type off with null, and leaves the rest', () => {
    const versions = [
      { effectiveFrom: '2026-12-01T00:00:00.000Z', policy: { meetingRhythm: { branch: { partyLecture: 'halfYear', appraisal: null } } } },
      { effectiveFrom: '2027-01-01T00:00:00.000Z', policy: { meetingRhythm: { partyGroup: { groupMeeting: 'quarter' } } } },
    ]
    const dec = policyAt(DEFAULT_POLICY, versions, at('2026-12-15T00:00:00.000Z')).meetingRhythm
    expect(dec.branch).toMatchObject({ partyLecture: 'halfYear', appraisal: null, committee: 'month' })
    expect(dec.partyGroup).toEqual({ groupMeeting: 'month' })
    const jan = policyAt(DEFAULT_POLICY, versions, at('2027-01-02T00:00:00.000Z')).meetingRhythm
    expect(jan.partyGroup).toEqual({ groupMeeting: 'quarter' })
    expect(jan.branch.partyLecture).toBe('halfYear')
  })
})
