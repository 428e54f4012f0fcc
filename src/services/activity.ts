import type { ActivityCreateInput } from '@cloud/contract/schemas'
import { call } from './api'

export const listForMe = () => call('activity', 'list', { view: 'forMe' })
export const listOrganizing = () => call('activity', 'list', { view: 'organizing' })
export const getActivity = (id: string) => call('activity', 'get', { id })
export const createActivity = (input: ActivityCreateInput) => call('activity', 'create', input)
export const publishActivity = (id: string) => call('activity', 'publish', { id })
export const cancelActivity = (id: string) => call('activity', 'cancel', { id })
export const qrToken = (id: string) => call('activity', 'qrToken', { id })
export const attendance = (id: string) => call('activity', 'attendance', { id })
