/**
 * Fixtures of the obligations evaluators' tests: Shanghai times, a target of a kind, a small city
 * (two units, three branches, a 党小组), and the data each kind reads.
 */
import type { Target, TargetParams } from '../../../../cloud/contract/obligations'
import type { TargetKind } from '../../../../cloud/contract/vocabulary'
import type { ObligationData } from '../../../../cloud/domain/obligations/evaluate'
import type { ObligationOrg, RhythmMeeting } from '../../../../cloud/domain/obligations/inputs'
import { DEFAULT_TARGETS } from '../../../../cloud/domain/obligations/targets'
import { DEFAULT_MEETING_RHYTHM } from '../../../../cloud/domain/meetingRhythm'

/** Shanghai local time `YYYY-MM-DD HH:mm` (or a bare day, at 00:00) → UTC ISO. */
export const shanghai = (local: string): string => new Date(`${local.length === 10 ? `${local} 00:00` : local}`.replace(' ', 'T') + ':00+08:00').toISOString()
/** A Date at a Shanghai local time. */
export const at = (local: string): Date => new Date(shanghai(local))

/** The built-in target of a kind, with params, rhythm, deadline or units replaced. */
export function targetOf(kind: TargetKind, over: Partial<Omit<Target, 'params'>> & { params?: TargetParams } = {}): Target {
  const t = DEFAULT_TARGETS.find((d) => d.kind === kind)!
  return { ...t, ...over, params: over.params ?? t.params }
}

/** 甲局 (u1) with branches b1, b2 (b2 set up on 2026-11-15) and 党小组 pg1 of b1; 乙局 (u2) with b3. */
export const anOrg = (over: Partial<ObligationOrg> = {}): ObligationOrg => ({
  units: [
    { id: 'u2', name: '乙局' },
    { id: 'u1', name: '甲局' },
  ],
  branches: [
    { id: 'b1', name: '第一党支部', unitId: 'u1', createdAt: null },
    { id: 'b2', name: '第二党支部', unitId: 'u1', createdAt: shanghai('2026-11-15 10:00') },
    { id: 'b3', name: '机关党支部', unitId: 'u2', createdAt: '2020-01-01T00:00:00.000Z' },
  ],
  partyGroups: [{ id: 'pg1', name: '第一党小组', branchId: 'b1' }],
  secretaries: new Map([['b1', '王书记']]),
  ...over,
})

/** A meeting of b1 held and filed in its own period unless told otherwise. */
export const aMeeting = (over: Partial<RhythmMeeting> & Pick<RhythmMeeting, 'activityId' | 'type' | 'forPeriod' | 'startAt'>): RhythmMeeting => ({
  title: `会议${over.activityId}`,
  unitId: 'u1',
  branchId: 'b1',
  partyGroupId: null,
  recordState: 'submitted',
  submittedAt: over.startAt,
  tally: null,
  ...over,
})

/** Only 支委会 monthly (and no 党小组会): the rhythm tests read one type at a time. */
export const committeeOnly = { branch: { committee: 'month' as const }, partyGroup: {} }

/** Data with nothing recorded for any kind. */
export const emptyData = (org: ObligationOrg = anOrg()): ObligationData => ({
  org,
  youth: { members: [], groups: [], sessions: new Map(), policyAgeLimit: 35 },
  rhythm: { rhythm: DEFAULT_MEETING_RHYTHM, meetings: [] },
  training: new Map([['rotation-training', { cadres: [], attended: new Map() }]]),
  democratic: { meetings: [] },
  standard: { checklist: { criteria: [], thresholds: { standard: 0.6, model: 0.85, exemplary: 0.95 }, updatedAt: null, updatedBy: null }, scores: [] },
  duty: { reports: [] },
})
