import type { CheckInInput } from '@cloud/contract/schemas'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { call } from './api'

export const checkIn = (input: CheckInInput) => call('checkin', 'checkIn', input)
export const myRecords = (kind?: ActivityKind) => call('checkin', 'mine', kind ? { kind } : {})
