/**
 * Leaderboards for 学习标兵 selection and volunteer service. Ties: higher attendance rate first,
 * then whoever reached the score first.
 */
export interface BoardRow {
  memberId: string
  name: string
  unitId: string
  unitName: string
  score: number
  attended: number
  eligibleSessions: number
  attendanceRate: number
  /** When the score last moved; earlier wins a tie. */
  reachedAt: string | null
}

export interface RankedRow extends BoardRow {
  rank: number
}

/** What `a.localeCompare(b)` does, without building a collator per call. */
const collate = new Intl.Collator().compare

/** Instants as the stores write them (`toISOString`). */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * When the score was reached, as `localeCompare` orders it. Two instants of the one ISO format
 * first differ at a digit, where code-unit order is the collator's, so most ties skip ICU
 * (a city board sorts 20,000 rows, most of them tied on score).
 */
function reachedOrder(a: string, aIso: boolean, b: string, bIso: boolean): number {
  if (a === b) return 0
  if (aIso && bIso) return a < b ? -1 : 1
  return collate(a, b)
}

export function rankBoard(rows: BoardRow[]): RankedRow[] {
  const keyed = rows.map((r) => {
    const at = r.reachedAt ?? '9999'
    return { r, at, iso: ISO.test(at) }
  })
  keyed.sort(
    (x, y) =>
      y.r.score - x.r.score ||
      y.r.attendanceRate - x.r.attendanceRate ||
      reachedOrder(x.at, x.iso, y.at, y.iso) ||
      collate(x.r.memberId, y.r.memberId),
  )
  return keyed.map(({ r }, i) => withRank(r, i + 1))
}

/**
 * The row with its rank, keys in the same order as `{ ...r, rank }`. V8 gives objects made by
 * spread shapes of their own, and reading 20,000 of them (a unit's cut, a member's place) is
 * then about ten times slower than through `Object.assign`'s shared shape.
 */
const withRank = (r: BoardRow, rank: number): RankedRow => Object.assign({}, r, { rank })

/** A unit's board cut from the city's: the order is the same (ties end at the member id), ranks count within the unit. */
export function unitBoard(city: RankedRow[], unitId: string): RankedRow[] {
  const out: RankedRow[] = []
  for (const r of city) if (r.unitId === unitId) out.push(withRank(r, out.length + 1))
  return out
}

export interface UnitAverage {
  unitId: string
  unitName: string
  members: number
  average: number
  total: number
  rank: number
}

/** The city board's default view: units by the average score of their members on the board. */
export function unitAverages(rows: BoardRow[], units: { id: string; name: string }[], membersPerUnit: Map<string, number>): UnitAverage[] {
  const totals = new Map<string, number>()
  for (const r of rows) totals.set(r.unitId, (totals.get(r.unitId) ?? 0) + r.score)
  return units
    .map((u) => {
      const n = membersPerUnit.get(u.id) ?? 0
      const total = totals.get(u.id) ?? 0
      return { unitId: u.id, unitName: u.name, members: n, total, average: n ? Math.round((total / n) * 100) / 100 : 0, rank: 0 }
    })
    .sort((a, b) => b.average - a.average || a.unitName.localeCompare(b.unitName, 'zh'))
    .map((u, i) => ({ ...u, rank: i + 1 }))
}

export const rate = (attended: number, eligible: number): number => (eligible === 0 ? 0 : Math.min(1, attended / eligible))
