/**
 * One page's worth of the evaluation: the city (a row per unit) or a unit (a row per branch, and
 * the unit's own row), each row with its cells and its branch-life rates, the rates over the page,
 * and the tallies of the meetings held there. The dashboard, the report and its summary read this.
 */
import type { MeetingRates, ObligationItem, ObligationRow, TargetStanding } from '../../../contract/obligations'
import { fail } from '../../../domain/errors'
import type { RhythmMeeting } from '../../../domain/obligations/inputs'
import { obligationMatrix } from '../../../domain/obligations/matrix'
import { meetingRates } from '../../../domain/obligations/rates'
import type { Period } from '../../../domain/period'
import type { Ctx } from '../../../runtime/context'
import { evaluateCity, rhythmTarget, type Evaluation } from './evaluation'
import { meetingTallies, type Tallies } from './rolls'

export interface ScopeView {
  ev: Evaluation
  level: 'unit' | 'branch'
  unitId: string | null
  unitName: string | null
  rows: ObligationRow[]
  standings: TargetStanding[]
  rates: MeetingRates
  /** Meetings held in the scope in the period, oldest first. */
  meetings: RhythmMeeting[]
  /** Their counts (filed, or rolled live where not filed with a roll). */
  tallies: Tallies
  /** Whether an item (or meeting) belongs to a row. */
  inRow: (rowId: string) => (x: Pick<ObligationItem, 'unitId' | 'branchId'>) => boolean
  /** Whether an item belongs to the page at all. */
  inScope: (x: Pick<ObligationItem, 'unitId'>) => boolean
}

/** The city's page (no unit) or a unit's page for a period, at the context's clock. */
export async function scopeView(ctx: Ctx, period: Period, unitId: string | null): Promise<ScopeView> {
  const ev = await evaluateCity(ctx, period)
  const { org } = ev.data
  const unit = unitId ? (org.units.find((u) => u.id === unitId) ?? fail('NOT_FOUND', '单位不存在或已合并')) : null
  const level = unit ? 'branch' : 'unit'
  const { rows, standings } = obligationMatrix(level, org, unitId, ev.targets, ev.items, ev.now)
  const branchIds = new Set(org.branches.filter((b) => b.unitId === unitId).map((b) => b.id))
  const inScope = (x: Pick<ObligationItem, 'unitId'>) => unitId === null || x.unitId === unitId
  const inRow =
    (rowId: string) =>
    (x: Pick<ObligationItem, 'unitId' | 'branchId'>): boolean => {
      if (level === 'unit') return x.unitId === rowId
      if (rowId === unitId) return x.unitId === unitId && (!x.branchId || !branchIds.has(x.branchId))
      return x.branchId === rowId
    }
  const meetings = ev.held.filter(inScope).sort((a, b) => a.startAt.localeCompare(b.startAt))
  const tallies = await meetingTallies(ctx, meetings)
  const rhythm = rhythmTarget(ev.targets)
  const rhythmItems = rhythm ? (ev.items.get(rhythm.id) ?? []).filter(inScope) : []
  const ratesOf = (pick: (x: Pick<ObligationItem, 'unitId' | 'branchId'>) => boolean) =>
    meetingRates(rhythmItems.filter(pick), meetings.filter(pick), tallies.tallies, ev.now)
  return {
    ev,
    level,
    unitId,
    unitName: unit?.name ?? null,
    rows: rows.map((r) => ({ ...r, rates: ratesOf(inRow(r.id)) })),
    standings,
    rates: ratesOf(() => true),
    meetings,
    tallies,
    inRow,
    inScope,
  }
}
