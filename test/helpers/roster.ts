import type { OrgBatch } from '../../cloud/store/Store'

export type OrgMember = OrgBatch['members'][number]

/** A roster member as an import leaves it: an ordinary member born in 1980, changed by `over`. */
export const rosterMember = (id: string, memberNo: string, name: string, unitId: string, over: Partial<OrgMember> = {}): OrgMember => ({
  id,
  memberNo,
  name,
  unitId,
  branchId: null,
  partyGroupId: null,
  youthGroupId: null,
  birthDate: '1980-01-01',
  partyStatus: 'full',
  cadreRank: null,
  roles: [{ role: 'member' }],
  active: true,
  phone: null,
  bindCode: `CODE${memberNo}`,
  idNumber: null,
  ...over,
})

/** Member number `DY00042` of the n-th member. */
export const memberNo = (n: number) => `DY${String(n).padStart(5, '0')}`
