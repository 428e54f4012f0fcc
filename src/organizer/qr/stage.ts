import type { Activity } from '@cloud/contract/model'

/**
 * What the projector screen shows, by the server's clock: nothing to scan before check-in opens, the
 * rotating check-in code while it is open, then for a volunteer activity the same code as the 签退码
 * while check-out is still taken, and otherwise 签到已截止 with the final count.
 */
export type QrStage =
  | { kind: 'notOpen'; opensAt: string }
  | { kind: 'open'; closesAt: string }
  | { kind: 'checkOut'; closedAt: string; checkOutClosesAt: string | null }
  | { kind: 'closed'; closedAt: string }

type Window = Pick<Activity, 'kind' | 'checkInOpensAt' | 'checkInClosesAt' | 'checkOutClosesAt'>

/** The stage at `serverNow` (ms); the bounds are the server's own: check-in is taken until its closing moment inclusive. */
export function qrStage(a: Window, serverNow: number): QrStage {
  if (serverNow < Date.parse(a.checkInOpensAt)) return { kind: 'notOpen', opensAt: a.checkInOpensAt }
  if (serverNow <= Date.parse(a.checkInClosesAt)) return { kind: 'open', closesAt: a.checkInClosesAt }
  // Check-out takes the same code; with no closing time set, the server takes it at any time.
  const checkOutOpen = a.kind === 'volunteer' && (a.checkOutClosesAt === null || serverNow <= Date.parse(a.checkOutClosesAt))
  return checkOutOpen ? { kind: 'checkOut', closedAt: a.checkInClosesAt, checkOutClosesAt: a.checkOutClosesAt } : { kind: 'closed', closedAt: a.checkInClosesAt }
}

/** Whether the stage shows a code to scan (and its countdown). */
export const showsCode = (s: QrStage): boolean => s.kind === 'open' || s.kind === 'checkOut'
