/**
 * A target's trend over a year: evaluated as each month ended (the current month as of now), over
 * the year to date, with the share met and the lights of the units (or of one unit's branches).
 */
import type { ObligationItem, ObligationTrend, Target, TrendPoint } from '../../contract/obligations'
import { parsePeriod, type Period } from '../period'
import { rhythmPeriodOf } from '../meetingRhythm'
import { evaluateTarget, type ObligationData } from './evaluate'
import { obligationMatrix } from './matrix'

/**
 * The points of a year's trend: each month of `year` that has begun, taken at its end (the current
 * month at `now`) over the year up to that month's end, so the next month's windows are not yet owed.
 */
export function trendInstants(year: string, now: Date): { month: string; at: Date; upTo: Period }[] {
  const p = parsePeriod(year, now)
  const t = now.getTime()
  return p.months
    .map((month, i) => ({ month, i, r: rhythmPeriodOf(month) }))
    .filter(({ r }) => Date.parse(r.start) <= t)
    .map(({ month, i, r }) => ({ month, at: new Date(Math.min(Date.parse(r.end), t)), upTo: { ...p, end: r.end, months: p.months.slice(0, i + 1) } }))
}

/** Each target's points; rate = met / required of the items in scope (1 where nothing is owed yet). */
export function obligationTrend(targets: Target[], year: string, data: ObligationData, now: Date, unitId: string | null): ObligationTrend {
  const instants = trendInstants(year, now)
  return {
    year,
    unitId,
    targets: targets.map((target) => ({
      targetId: target.id,
      name: target.name,
      points: instants.map(({ month, at, upTo }): TrendPoint => {
        const items: ObligationItem[] = evaluateTarget(target, upTo, data, at)
        const { standings } = obligationMatrix(unitId ? 'branch' : 'unit', data.org, unitId, [target], new Map([[target.id, items]]), at)
        const s = standings[0]
        return { month, rate: s.total.rate, green: s.green, amber: s.amber, red: s.red }
      }),
    })),
  }
}
