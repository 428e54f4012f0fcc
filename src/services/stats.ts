import type { Functions } from '@cloud/functions'
import type { InputOf } from '@cloud/runtime/action'
import { call } from './api'

type StatsIn<A extends keyof Functions['stats'] & string> = InputOf<Functions['stats'], A>
type Format = StatsIn<'export'>['format']
/** What a dashboard can export; `studyModels` only once the notice period is over. */
export type StatsExport = StatsIn<'export'>['what']

// Dashboards (organizers and admins)
/** Youth study-group coverage of every unit; uncovered names only for units the caller administers. */
export const coverage = (period: string, unitId?: string) => call('stats', 'coverage', unitId ? { period, unitId } : { period })
/** Volunteer totals, the monthly trend and units by hours; with `unitId`, each member's hours too. */
export const volunteer = (period: string, unitId?: string) => call('stats', 'volunteer', unitId ? { period, unitId } : { period })
/** A dashboard as a file: `{ filename, mimeType, base64, rows }`. */
export const exportStats = (what: StatsExport, period: string, format: Format) => call('stats', 'export', { what, period, format })

// Boards (everyone)
export interface LeaderboardQuery {
  period: string
  board: NonNullable<StatsIn<'leaderboard'>['board']>
  scope: NonNullable<StatsIn<'leaderboard'>['scope']>
  view?: StatsIn<'leaderboard'>['view']
}
export const leaderboard = (q: LeaderboardQuery) => call('stats', 'leaderboard', q)
/** The caller's own score, ranks and every ledger entry behind it. */
export const myScore = (period: string) => call('stats', 'myScore', { period })
/** The latest study-model selection of a period (null when none), with its notice status. */
export const snapshot = (period: string) => call('stats', 'snapshot', { period })
/** An objection (异议) to a list on notice: about one entry (`memberId`), or the whole list. */
export const fileObjection = (o: StatsIn<'fileObjection'>) => call('stats', 'fileObjection', o)

// Selection and policy (city admin)
export const freezeSnapshot = (period: string, topN: number, minGroupAttendance: number) =>
  call('stats', 'freezeSnapshot', { period, topN, minGroupAttendance })
/** Every objection to a period's lists with who raised them, pending first. */
export const objections = (period: string) => call('stats', 'objections', { period })
/** 成立 (an entry is cancelled, or the whole list withdrawn) or 不成立, with the comment the objector reads. */
export const resolveObjection = (objectionId: string, outcome: StatsIn<'resolveObjection'>['outcome'], comment: string) =>
  call('stats', 'resolveObjection', { objectionId, outcome, comment })
export const policy = () => call('stats', 'policy', {})
export type PolicyInput = StatsIn<'setPolicy'>
/** A new policy version from `effectiveFrom` on; earlier credits keep their points. */
export const setPolicy = (input: PolicyInput) => call('stats', 'setPolicy', input)

// Certificates
/** 志愿服务证明 for a period: the caller's own, or (admins) a member of their unit. */
export const certificate = (period: string, memberId?: string) => call('stats', 'certificate', memberId ? { period, memberId } : { period })
/** Public: anyone holding a serial and its code may check it. */
export const verifyCertificate = (serial: string, code: string) => call('stats', 'verifyCertificate', { serial, code })
