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

export function rankBoard(rows: BoardRow[]): RankedRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      b.attendanceRate - a.attendanceRate ||
      (a.reachedAt ?? '9999').localeCompare(b.reachedAt ?? '9999') ||
      a.memberId.localeCompare(b.memberId),
  )
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }))
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
