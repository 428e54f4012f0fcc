import type { MemberProfile } from '@cloud/contract/model'
import { useRemote } from '../../hooks/useRemote'
import { unitDirectory } from '../../services/member'

export interface UnitOption {
  id: string
  name: string
}

export const isCityAdmin = (m: MemberProfile): boolean => m.roles.some((g) => g.role === 'cityAdmin')

/** Unit admins and city admins; everyone else sees a polite refusal (the server checks again). */
export const isAdmin = (m: MemberProfile): boolean => isCityAdmin(m) || m.roles.some((g) => g.role === 'unitAdmin')

export const mayResetIn = (m: MemberProfile, unitId: string): boolean =>
  isCityAdmin(m) || m.roles.some((g) => g.role === 'unitAdmin' && g.unitId === unitId)

/** The units this admin's grants name, in grant order, without repeats. */
const grantedUnits = (m: MemberProfile): string[] => [
  ...new Set(m.roles.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string)),
]

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
