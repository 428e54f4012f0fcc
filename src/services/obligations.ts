import type { ObligationsResult, ObligationTrend, ReportSummary } from '@cloud/contract/obligations'
import type { FileToSave } from '../utils/download'
import { call } from './api'

/** One cell of a matrix to open: the target and the unit or branch. */
export interface CellRef {
  targetId: string
  scopeId: string
}

/**
 * Targets × units of the city (or × branches of `unitId`) for a period, with each row's meeting
 * rates; with `cell`, that cell's items too (names only for those who administer them).
 */
export const obligations = (period: string, unitId?: string, cell?: CellRef): Promise<ObligationsResult> =>
  call('stats', 'obligations', { period, ...(unitId ? { unitId } : {}), ...(cell ?? {}) })

/** Each target's share met at the end of every month of `year` (the city's, or one unit's). */
export const obligationTrend = (year: string, unitId?: string): Promise<ObligationTrend> => call('stats', 'obligationTrend', unitId ? { year, unitId } : { year })

/** The upward report's summary (记实建档) for the printable page. */
export const reportSummary = (period: string, unitId?: string): Promise<ReportSummary> => call('stats', 'reportSummary', unitId ? { period, unitId } : { period })

/** The same report as an XLSX workbook: `{ filename, mimeType, base64, … }`. */
export const reportWorkbook = (period: string, unitId?: string): Promise<FileToSave & { rows?: number }> => call('stats', 'report', unitId ? { period, unitId } : { period })

/** An evidence file (image or PDF), base64, for whoever may see the record it backs. */
export const evidenceFile = (id: string) => call('stats', 'evidence', { id })
