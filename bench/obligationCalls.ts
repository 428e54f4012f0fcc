/**
 * The obligations dashboards as the local bench reads them (bench/run.ts): the city matrix, a unit's
 * branches, the trend and the report's summary, each timed like the other reads, and the upward
 * report's workbook made once (time and size). They are computed afresh on every call (only live
 * rolls are cached), so they are timed over far fewer calls than the cached reads.
 */
import { timeCalls } from './load'

/** A call of a cloud function as the city admin, answering its data (throws on an error envelope). */
export type Post = (fn: string, event: Record<string, unknown>) => Promise<Record<string, unknown>>
export type Timing = Awaited<ReturnType<typeof timeCalls>>

/**
 * Calls per dashboard read. Each takes 0.5–3 s at city scale, so the four cost about a minute at
 * this count; the p99 of 10 calls is their slowest.
 */
export const OBLIGATION_CALLS = 10

/** A dashboard read's p99 budget: the admin's page may take a few seconds, each of its reads at most this. */
export const OBLIGATION_READ_MS = 3_000

const NAMES = {
  city: 'obligations city (units × targets)',
  unit: "obligations unit (a unit's branches)",
  trend: 'obligation trend city',
  summary: 'report summary city',
}
export const isObligationRead = (name: string): boolean => Object.values(NAMES).includes(name)

/** The reads, by the name the report shows; `unitIds` are cycled through for the unit's view. */
export function obligationReads(post: Post, year: string, unitIds: string[]): [string, (i: number) => Promise<void>][] {
  return [
    [NAMES.city, async () => void (await post('stats', { action: 'obligations', period: year }))],
    [NAMES.unit, async (i) => void (await post('stats', { action: 'obligations', period: year, unitId: unitIds[i % unitIds.length] }))],
    [NAMES.trend, async () => void (await post('stats', { action: 'obligationTrend', year }))],
    [NAMES.summary, async () => void (await post('stats', { action: 'reportSummary', period: year }))],
  ]
}

export async function timeObligationReads(post: Post, year: string, unitIds: string[], calls = OBLIGATION_CALLS, log: (s: string) => void = () => {}): Promise<Record<string, Timing>> {
  const out: Record<string, Timing> = {}
  for (const [name, call] of obligationReads(post, year, unitIds)) {
    out[name] = await timeCalls(calls, call)
    log(`   ${name}: p50 ${out[name].p50} ms, p99 ${out[name].p99} ms (first ${out[name].first} ms, ${calls} calls)`)
  }
  return out
}

/** The city's upward report (记实建档) workbook, made once. */
export interface WorkbookFigure {
  ms: number
  /** The XLSX file, KB. */
  kb: number
  /** Rows over its sheets, as the function counts them. */
  rows: number
}

export async function reportWorkbook(post: Post, year: string): Promise<WorkbookFigure> {
  const t = process.hrtime.bigint()
  const file = (await post('stats', { action: 'report', period: year })) as { base64: string; rows: number }
  const ms = Math.round(Number(process.hrtime.bigint() - t) / 1e6)
  return { ms, kb: Math.round(Buffer.from(file.base64, 'base64').length / 1024), rows: file.rows }
}
