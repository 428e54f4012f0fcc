import type { Activity } from '@cloud/contract/model'

/**
 * What the edit form offers, as the server decides it: everything before check-in opens; the words
 * only once it has; nothing after the end or once cancelled.
 */
export type EditStage = 'open' | 'checkingIn' | 'closed'

export function editStage(a: Pick<Activity, 'status' | 'endAt' | 'checkInOpensAt'>, now: number): EditStage {
  if (a.status === 'cancelled' || now >= Date.parse(a.endAt)) return 'closed'
  return now >= Date.parse(a.checkInOpensAt) ? 'checkingIn' : 'open'
}
