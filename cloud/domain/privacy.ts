import type { Member } from '../contract/model'
import { isUnitAdminOf } from './roles'

/** Phone numbers show in full only to admins of the member's own unit. */
export const maskPhone = (phone: string | null, viewer: Member, memberUnitId: string): string | null =>
  !phone || isUnitAdminOf(viewer, memberUnitId) ? phone : `${phone.slice(0, 3)}****${phone.slice(-4)}`

/** 3301**********123X: enough to tell people apart, not enough to misuse. */
export const maskIdNumber = (id: string | null): string => (id && id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '未登记')

/** ID numbers likewise: in full only for the unit's own admins. */
export const idNumberFor = (id: string | null, viewer: Member, memberUnitId: string): string | null =>
  !id || isUnitAdminOf(viewer, memberUnitId) ? id : maskIdNumber(id)
