/**
 * Fixtures of the domain unit tests (test/unit/domain): an activity and a member shaped as the
 * stores return them, and the DomainError a rule throws.
 */
import type { Activity, Member } from '../../cloud/contract/model'
import { DomainError } from '../../cloud/domain/errors'
import { CHINESE, MIN } from './api'

/**
 * A published lecture of u01 (organizer o1) from `startAt` to `endAt`: check-in opens 30 minutes
 * before the start and closes 30 minutes after it; `over` replaces any field.
 */
export function anActivity(startAt: string, endAt: string, over: Partial<Activity> = {}): Activity {
  const startMs = Date.parse(startAt)
  return {
    id: 'a1',
    kind: 'lecture',
    subKind: null,
    title: '处长讲坛',
    description: null,
    unitId: 'u01',
    organizerId: 'o1',
    startAt,
    endAt,
    checkInOpensAt: new Date(startMs - 30 * MIN).toISOString(),
    checkInClosesAt: new Date(startMs + 30 * MIN).toISOString(),
    checkOutClosesAt: null,
    placeName: null,
    place: null,
    noLocationReason: null,
    audience: { type: 'units', unitIds: ['u01'] },
    capacity: null,
    signUpRequired: false,
    status: 'published',
    branchId: null,
    meeting: null,
    targetId: null,
    materials: [],
    createdAt: startAt,
    updatedAt: startAt,
    ...over,
  }
}

/** A plain, active 正式党员 of u01 in no branch or youth group; `over` replaces any field. */
export const aMember = (over: Partial<Member> = {}): Member => ({
  id: 'm1',
  memberNo: 'DY1',
  name: '张伟',
  unitId: 'u01',
  branchId: null,
  partyGroupId: null,
  youthGroupId: null,
  birthDate: null,
  partyStatus: 'full',
  cadreRank: null,
  roles: [{ role: 'member' }],
  active: true,
  ...over,
})

/** The DomainError a call throws; its message must be Chinese. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    expect((e as DomainError).message).toMatch(CHINESE)
    return e as DomainError
  }
  throw new Error('expected a DomainError, but the call succeeded')
}
