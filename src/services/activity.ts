import type { ActivityCreateInput, GeoPlace } from '@cloud/contract/schemas'
import type { Functions } from '@cloud/functions'
import type { InputOf } from '@cloud/runtime/action'
import { call } from './api'

export const listForMe = () => call('activity', 'list', { view: 'forMe' })
export const listOrganizing = () => call('activity', 'list', { view: 'organizing' })
export const getActivity = (id: string) => call('activity', 'get', { id })
export const createActivity = (input: ActivityCreateInput) => call('activity', 'create', input)
/** Where check-in is checked when publishing: a place, or the organizer's recorded reason for none. */
export type Siting = { place: GeoPlace } | { noLocationReason: string }
/** Publish a draft; without a siting the server takes the draft's place or the unit's first saved one (BAD_INPUT field 'place' when neither exists). */
export const publishActivity = (id: string, siting?: Siting) => call('activity', 'publish', { id, ...siting })
/** What `activity.update` takes: the id and the fields to change. */
export type ActivityUpdateInput = InputOf<Functions['activity'], 'update'>
/** Change an activity by the editing rules (before check-in opens: most things; after: title, description, place name). */
export const updateActivity = (input: ActivityUpdateInput) => call('activity', 'update', input)
/** 结束签到: check-in closes now. */
export const endCheckIn = (id: string) => call('activity', 'endCheckIn', { id })
/** 延长签到 by 15, 30 or 60 minutes, never past the activity's end. */
export const extendCheckIn = (id: string, minutes: 15 | 30 | 60) => call('activity', 'extendCheckIn', { id, minutes })
export const cancelActivity = (id: string, reason?: string) => call('activity', 'cancel', reason ? { id, reason } : { id })
export const qrToken = (id: string) => call('activity', 'qrToken', { id })
/** Present, absent (with make-up status) and what waits for the organizer's review. */
export const attendance = (id: string) => call('activity', 'attendance', { id })
/** The attendance record as a file: `{ filename, mimeType, base64, rows }`. */
export const exportAttendance = (id: string, format: 'csv' | 'xlsx') => call('activity', 'exportAttendance', { id, format })
