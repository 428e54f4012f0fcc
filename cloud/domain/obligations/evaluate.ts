/**
 * Every target evaluated the same way: its windows in the reporting period (engine.ts), then its
 * kind's evaluator over the records the functions loaded (what to load: `dataNeeded`).
 */
import type { ObligationItem, Target } from '../../contract/obligations'
import type { CadreRank, TargetKind } from '../../contract/vocabulary'
import type { Period } from '../period'
import { democraticMeetingItems } from './democraticMeeting'
import { dutyReportItems } from './dutyReport'
import { targetWindows } from './engine'
import type {
  DemocraticMeetingInput,
  DutyReportInput,
  MeetingRhythmInput,
  ObligationOrg,
  StandardBranchInput,
  TrainingInput,
  YouthGroupInput,
} from './inputs'
import { meetingRhythmItems } from './meetingRhythm'
import { standardBranchItems } from './standardBranch'
import { ranksFrom, trainingItems } from './training'
import { youthGroupItems } from './youthGroup'

/** The records loaded for a set of targets; `training` is keyed by target id. */
export interface ObligationData {
  org: ObligationOrg
  youth?: YouthGroupInput
  rhythm?: MeetingRhythmInput
  training: Map<string, TrainingInput>
  democratic?: DemocraticMeetingInput
  standard?: StandardBranchInput
  duty?: DutyReportInput
}

/** Which records the targets need: only the kinds present are loaded. */
export function dataNeeded(targets: Target[]): {
  youth: boolean
  rhythm: boolean
  training: { targetId: string; ranks: CadreRank[] }[]
  democratic: boolean
  standard: boolean
  duty: boolean
} {
  const has = (k: TargetKind) => targets.some((t) => t.kind === k)
  return {
    youth: has('youthGroup'),
    rhythm: has('meetingRhythm'),
    training: targets.filter((t) => t.kind === 'training').map((t) => ({ targetId: t.id, ranks: ranksFrom(t.params.minRank) })),
    democratic: has('democraticMeeting'),
    standard: has('standardBranch'),
    duty: has('dutyReport'),
  }
}

function need<T>(v: T | undefined, target: Target): T {
  // A programming error: the caller loads what dataNeeded asked for.
  if (v === undefined) throw new Error(`obligations: no ${target.kind} data loaded for target ${target.id}`)
  return v
}

/** A target's items in a reporting period at `now` (the caller leaves inactive targets out). */
export function evaluateTarget(target: Target, period: Period, data: ObligationData, now: Date): ObligationItem[] {
  const windows = targetWindows(target, period, now)
  const { org } = data
  switch (target.kind) {
    case 'youthGroup':
      return youthGroupItems(target, windows, period, org, need(data.youth, target), now)
    case 'meetingRhythm':
      return meetingRhythmItems(target, windows, period, org, need(data.rhythm, target), now)
    case 'training':
      return trainingItems(target, windows, period, org, need(data.training.get(target.id), target), now)
    case 'democraticMeeting':
      return democraticMeetingItems(target, windows, period, org, need(data.democratic, target), now)
    case 'standardBranch':
      return standardBranchItems(target, windows, period, org, need(data.standard, target), now)
    case 'dutyReport':
      return dutyReportItems(target, windows, period, org, need(data.duty, target), now)
  }
}
