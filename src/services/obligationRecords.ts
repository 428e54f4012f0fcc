/**
 * The records that meet the plan's targets: the targets themselves (city admin), 民主生活会, the
 * standard-branch checklist and branch scores, 述职评议, and the evidence files behind them.
 * One typed call per action of `stats`.
 */
import type { z } from 'zod'
import type { obligations } from '@cloud/contract/schemas'
import { call } from './api'

/** What an action takes, as the contract's schema reads it (type-only: zod never ships in the app). */
type StatsIn<A extends keyof typeof obligations> = z.input<(typeof obligations)[A]>

// Targets (the city admin edits them; organizers read them to tag a training)
/** Every target: the plan's six (tuned or switched off) and those the city added. */
export const targets = async () => (await call('stats', 'targets', {})).targets
export type TargetInput = StatsIn<'setTarget'>
/** Add a target of an existing kind (no `id`), or change one; built-in targets only switch off. */
export const setTarget = (input: TargetInput) => call('stats', 'setTarget', input)

// 民主生活会
/** The year's 民主生活会 of one unit, or of every unit the caller may read. */
export const democraticMeetings = async (year: string, unitId?: string) =>
  (await call('stats', 'democraticMeetings', unitId ? { year, unitId } : { year })).meetings
export type DemocraticInput = StatsIn<'recordDemocraticMeeting'>
export const recordDemocraticMeeting = (input: DemocraticInput) => call('stats', 'recordDemocraticMeeting', input)

// Standard branches: the city's checklist, and each branch's score on it
export const checklist = () => call('stats', 'checklist', {})
export type ChecklistInput = StatsIn<'setChecklist'>
export const setChecklist = (input: ChecklistInput) => call('stats', 'setChecklist', input)
export const branchScores = async (year: string, unitId?: string) => (await call('stats', 'branchScores', unitId ? { year, unitId } : { year })).scores
export type ScoreInput = StatsIn<'scoreBranch'>
export const scoreBranch = (input: ScoreInput) => call('stats', 'scoreBranch', input)

// 述职评议
export const dutyReports = async (year: string, unitId?: string) => (await call('stats', 'dutyReports', unitId ? { year, unitId } : { year })).reports
export type DutyReportInput = StatsIn<'submitDutyReport'>
export const submitDutyReport = (input: DutyReportInput) => call('stats', 'submitDutyReport', input)
export type AppraisalInput = StatsIn<'appraiseDutyReport'>
export const appraiseDutyReport = (input: AppraisalInput) => call('stats', 'appraiseDutyReport', input)

// Evidence: uploaded before the record that cites it is saved
export type EvidenceMime = StatsIn<'uploadEvidence'>['mime']
export const uploadEvidence = (unitId: string, name: string, mime: EvidenceMime, data: string) => call('stats', 'uploadEvidence', { unitId, name, mime, data })
export const evidence = (id: string) => call('stats', 'evidence', { id })
