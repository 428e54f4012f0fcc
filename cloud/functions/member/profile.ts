import type { Member, MemberProfile } from '../../contract/model'
import { isOrganizer } from '../../domain/roles'
import type { Store } from '../../store/Store'

export async function profileOf(store: Store, m: Member): Promise<MemberProfile> {
  const names = await store.orgNames(m)
  return {
    id: m.id,
    name: m.name,
    unitId: m.unitId,
    unitName: names.unitName,
    branchId: m.branchId,
    branchName: names.branchName,
    partyGroupName: names.partyGroupName,
    youthGroupName: names.youthGroupName,
    roles: m.roles,
    isOrganizer: isOrganizer(m),
  }
}
