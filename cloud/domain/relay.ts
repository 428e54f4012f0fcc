/**
 * Signs that a check-in was relayed: someone photographed the venue's code and sent it to a member
 * who was not there, or one phone checked in for several people. Worked out when the organizer
 * reads the attendance, from every check-in of the activity at once, so checking in costs nothing
 * extra. A flag is a reason to look, not a verdict: the check-in counts until an organizer reverses it.
 */
import type { CheckInSignals } from '../contract/model'
import { RELAY_FLAGS, type RelayFlag } from '../contract/vocabulary'

/** One check-in as the flags see it: whose it is and what the phone sent. */
export interface RelaySubject {
  checkInId: string
  memberId: string
  signals: CheckInSignals
}

/** Coordinates this close (about a centimetre) are the same reading: two real phones never agree so well. */
export const SAME_POSITION_DEG = 1e-7
/** A phone never knows its position to better than a metre; a reported accuracy below that is made up. */
export const EXACT_ACCURACY_M = 1

/** Every check-in's flags, in the order of RELAY_FLAGS; one without signals (a make-up, an older row) has none. */
export function relayFlags(entries: readonly RelaySubject[]): Map<string, RelayFlag[]> {
  const shared = sharedDevices(entries)
  const samePlace = samePositions(entries)
  const found: Record<RelayFlag, (e: RelaySubject) => boolean> = {
    sharedDevice: (e) => e.signals.deviceId !== null && shared.has(e.signals.deviceId),
    exactPosition: (e) => e.signals.accuracyM !== null && e.signals.accuracyM < EXACT_ACCURACY_M,
    samePosition: (e) => samePlace.has(e.checkInId),
  }
  return new Map(entries.map((e) => [e.checkInId, RELAY_FLAGS.filter((f) => found[f](e))]))
}

/** Device ids that checked in two or more different members. */
function sharedDevices(entries: readonly RelaySubject[]): Set<string> {
  const members = new Map<string, Set<string>>()
  for (const e of entries) {
    const id = e.signals.deviceId
    if (id === null) continue
    members.set(id, (members.get(id) ?? new Set()).add(e.memberId))
  }
  return new Set([...members].filter(([, who]) => who.size > 1).map(([id]) => id))
}

interface Positioned {
  checkInId: string
  memberId: string
  lat: number
  lng: number
}

const cellOf = (deg: number): number => Math.round(deg / SAME_POSITION_DEG)
/** Slack for the floating-point error of coordinates a tenth of a micro-degree apart. */
const TOLERANCE = SAME_POSITION_DEG * (1 + 1e-6)

/**
 * Check-ins whose position matches another member's to SAME_POSITION_DEG. Positions go into
 * cells of that size, and each is compared with its own and the eight neighbouring cells only:
 * a city-wide lecture of thousands stays a linear pass.
 */
function samePositions(entries: readonly RelaySubject[]): Set<string> {
  const cells = new Map<string, Positioned[]>()
  const points: Positioned[] = []
  for (const e of entries) {
    const { lat, lng } = e.signals
    if (lat === null || lng === null) continue
    const p = { checkInId: e.checkInId, memberId: e.memberId, lat, lng }
    points.push(p)
    const key = `${cellOf(lat)}:${cellOf(lng)}`
    const cell = cells.get(key)
    if (cell) cell.push(p)
    else cells.set(key, [p])
  }
  const matched = new Set<string>()
  for (const p of points) {
    const [i, j] = [cellOf(p.lat), cellOf(p.lng)]
    for (const di of [-1, 0, 1])
      for (const dj of [-1, 0, 1])
        for (const q of cells.get(`${i + di}:${j + dj}`) ?? [])
          if (q.memberId !== p.memberId && Math.abs(q.lat - p.lat) <= TOLERANCE && Math.abs(q.lng - p.lng) <= TOLERANCE) matched.add(p.checkInId)
  }
  return matched
}
