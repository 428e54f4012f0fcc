import type { MemberProfile } from '@cloud/contract/model'
import { adminUnits, isCityAdmin, isUnitAdminOf } from '@cloud/domain/roles'
import { useRemote } from '../../hooks/useRemote'
import { unitDirectory } from '../../services/member'

export interface UnitOption {
  id: string
  name: string
}

/**
 * May this admin reset access in the unit (`member.resetAccess`)? Its unit admins and city admins; the
 * server also requires them to outrank the holder, which a row shows by carrying the holder's code.
 */
export const mayResetIn = (m: MemberProfile, unitId: string): boolean => isCityAdmin(m) || isUnitAdminOf(m, unitId)

/** The units this admin's grants name, in grant order, without repeats (a city admin's: none named). */
const grantedUnits = (m: MemberProfile): string[] => [...new Set(adminUnits(m) ?? [])]

export interface AdminScope {
  city: boolean
  units: UnitOption[]
  loading: boolean
  error: Error | null
  reload: () => Promise<void>
}

/**
 * The units an admin manages, with their names: a unit admin's own unit is named by their profile;
 * anything else (a city admin's whole city, a second unit) needs the unit directory.
 */
export function useAdminScope(member: MemberProfile | null): AdminScope {
  const city = !!member && isCityAdmin(member)
  const granted = member ? grantedUnits(member) : []
  const needDirectory = !!member && (city || granted.some((id) => id !== member.unitId))
  const dir = useRemote(unitDirectory, needDirectory)
  const nameOf = (id: string) => (id === member?.unitId ? member.unitName : (dir.data?.find((u) => u.id === id)?.name ?? '未知单位'))
  const units = city ? (dir.data ?? []) : granted.map((id) => ({ id, name: nameOf(id) }))
  return { city, units, loading: needDirectory && dir.loading, error: needDirectory ? dir.error : null, reload: dir.reload }
}
