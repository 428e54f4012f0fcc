import type { ActivityCreateInput, GeoPlace } from '@cloud/contract/schemas'
import { call } from './api'

export const listForMe = () => call('activity', 'list', { view: 'forMe' })
export const listOrganizing = () => call('activity', 'list', { view: 'organizing' })
export const getActivity = (id: string) => call('activity', 'get', { id })
export const createActivity = (input: ActivityCreateInput) => call('activity', 'create', input)
/** Where check-in is checked when publishing: a place, or the organizer's recorded reason for none. */
export type Siting = { place: GeoPlace } | { noLocationReason: string }
/** Publish a draft; without a siting the server takes the draft's place or the unit's first saved one (BAD_INPUT field 'place' when neither exists). */
export const publishActivity = (id: string, siting?: Siting) => call('activity', 'publish', { id, ...siting })
export const cancelActivity = (id: string, reason?: string) => call('activity', 'cancel', reason ? { id, reason } : { id })
export const qrToken = (id: string) => call('activity', 'qrToken', { id })
/** Present, absent (with make-up status) and what waits for the organizer's review. */
export const attendance = (id: string) => call('activity', 'attendance', { id })
/** The attendance record as a file: `{ filename, mimeType, base64, rows }`. */
export const exportAttendance = (id: string, format: 'csv' | 'xlsx') => call('activity', 'exportAttendance', { id, format })
