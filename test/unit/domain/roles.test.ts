/** Who may do what (cloud/domain/roles.ts), for the roles scoped to a branch; the API tests check every action. */
import type { Member, RoleGrant } from '../../../cloud/contract/model'
import { branchesRun, isOrganizer, mayAddress, mayGrant, onBranchCommittee, organizesActivity, outranks, reviewsRecordsOf, runsBranch } from '../../../cloud/domain/roles'
import { aMember } from '../../helpers/domain'

const holding = (...roles: RoleGrant[]): Member => aMember({ id: `m-${roles.map((g) => g.role).join('-')}`, branchId: 'b1', roles: [{ role: 'member' }, ...roles] })
const B1 = { id: 'b1', unitId: 'u01' }
const B2 = { id: 'b2', unitId: 'u01' }
const secretary = holding({ role: 'branchSecretary', branchId: 'b1', unitId: 'u01' })
const organizingMember = holding({ role: 'branchOrganizer', branchId: 'b1', unitId: 'u01' })
const committeeMember = holding({ role: 'branchCommittee', branchId: 'b1', unitId: 'u01' })
const unitOrganizer = holding({ role: 'organizer', unitId: 'u01' })
const unitAdmin = holding({ role: 'unitAdmin', unitId: 'u01' })
const otherUnitAdmin = holding({ role: 'unitAdmin', unitId: 'u02' })
const cityAdmin = holding({ role: 'cityAdmin' })
const plain = aMember({ branchId: 'b1' })

describe('branch roles', () => {
  it('the secretary and the 组织委员 run their branch; a 支部委员 only sits on its committee', () => {
    expect(runsBranch(secretary, B1)).toBe(true)
    expect(runsBranch(organizingMember, B1)).toBe(true)
    expect(runsBranch(committeeMember, B1)).toBe(false)
    expect(runsBranch(secretary, B2)).toBe(false)
    expect([secretary, organizingMember, committeeMember].map((m) => onBranchCommittee(m, 'b1'))).toEqual([true, true, true])
    expect(onBranchCommittee(plain, 'b1')).toBe(false)
    expect(branchesRun(secretary)).toEqual(['b1'])
    expect(branchesRun(committeeMember)).toEqual([])
  })

  it('the unit’s organizers and admins, and city admins, run every branch of the unit', () => {
    expect(runsBranch(unitOrganizer, B2)).toBe(true)
    expect(runsBranch(unitAdmin, B2)).toBe(true)
    expect(runsBranch(cityAdmin, B2)).toBe(true)
    expect(runsBranch(otherUnitAdmin, B2)).toBe(false)
  })

  it('running a branch makes one an organizer of its activities, not of the unit’s', () => {
    expect(isOrganizer(secretary)).toBe(true)
    expect(isOrganizer(committeeMember)).toBe(false)
    const meeting = { unitId: 'u01', branchId: 'b1', audience: { type: 'branches' as const, branchIds: ['b1'] } }
    expect(organizesActivity(secretary, meeting)).toBe(true)
    expect(organizesActivity(secretary, { ...meeting, branchId: 'b2', audience: { type: 'branches', branchIds: ['b2'] } })).toBe(false)
    expect(organizesActivity(secretary, { unitId: 'u01', branchId: null, audience: { type: 'units', unitIds: ['u01'] } })).toBe(false)
  })

  it('a secretary addresses their own branch and its 党小组, nothing wider', () => {
    const branches = new Map([
      ['b1', B1],
      ['b2', B2],
      ['pg1', B1],
    ])
    expect(mayAddress(secretary, { type: 'branches', branchIds: ['b1'] }, branches)).toBe(true)
    expect(mayAddress(secretary, { type: 'partyGroups', partyGroupIds: ['pg1'] }, branches)).toBe(true)
    expect(mayAddress(secretary, { type: 'branches', branchIds: ['b1', 'b2'] }, branches)).toBe(false)
    expect(mayAddress(secretary, { type: 'branches', branchIds: ['unknown'] }, branches)).toBe(false)
    expect(mayAddress(secretary, { type: 'units', unitIds: ['u01'] })).toBe(false)
    expect(mayAddress(unitOrganizer, { type: 'branches', branchIds: ['b1', 'b2'] }, branches)).toBe(true)
  })

  it('records are reviewed by the unit’s admins (机关党委) and city admins, not by the branch', () => {
    expect(reviewsRecordsOf(unitAdmin, 'u01')).toBe(true)
    expect(reviewsRecordsOf(cityAdmin, 'u01')).toBe(true)
    expect(reviewsRecordsOf(secretary, 'u01')).toBe(false)
    expect(reviewsRecordsOf(unitOrganizer, 'u01')).toBe(false)
    expect(reviewsRecordsOf(otherUnitAdmin, 'u01')).toBe(false)
  })

  it('branch roles are granted by the unit’s admin or a city admin, and carry no rank over the roster', () => {
    const grant = { role: 'branchSecretary', branchId: 'b1', unitId: 'u01' }
    expect(mayGrant(unitAdmin, grant, [])).toBe(true)
    expect(mayGrant(cityAdmin, grant, [])).toBe(true)
    expect(mayGrant(otherUnitAdmin, grant, [])).toBe(false)
    expect(mayGrant(secretary, { ...grant, role: 'branchCommittee' }, [])).toBe(false)
    expect(mayGrant(unitAdmin, { role: 'branchSecretary' }, [])).toBe(false)
    // A secretary cannot see a plain member's bind code; the unit admin still outranks the secretary.
    expect(outranks(secretary, plain)).toBe(false)
    expect(outranks(unitAdmin, secretary)).toBe(true)
  })
})
