import { useState } from 'react'
import type { OrgTree } from '@cloud/contract/model'
import { isCityAdmin } from '@cloud/domain/roles'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { orgTree } from '../../services/member'

export type OrgUnit = OrgTree['units'][number]

/**
 * The units (with their branches) a record page works on: the whole city for a city admin, their
 * units for a unit admin, their branch's unit for a branch's secretary; one of them picked.
 */
export function useRecordScope(initialUnit?: string) {
  const session = useSignedIn()
  const me = session?.member ?? null
  const tree = useRemote(orgTree, !!me)
  const [picked, setPicked] = useState(initialUnit ?? '')
  const units = tree.data?.units ?? []
  const unit = units.find((u) => u.id === picked) ?? units.find((u) => u.id === me?.unitId) ?? units[0] ?? null
  return { me, city: !!me && isCityAdmin(me), tree, units, unit, pick: setPicked }
}
