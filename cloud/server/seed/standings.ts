/**
 * How each unit of the demo city stands on the plan's targets, so that every target shows units
 * in every light: a unit that has done everything (达标), one nearly there or waiting on someone
 * (推进中), one behind (滞后), whatever day the city is seeded on. Which months hold all three:
 * the yearly targets (轮训, 民主生活会, 标准党支部, 述职) October to December only, as an open item
 * falls at risk in the last quarter of its year (January to September their laggards show 推进中);
 * 青年理论学习小组 from February (a month must have ended to be missed); 三会一课 from March, its
 * green from the 2nd of each month (that month's meetings held by the day before).
 */
import type { BranchGrade } from '../../contract/vocabulary'
import { rhythmPeriod, shiftRhythmPeriod } from '../../domain/meetingRhythm'
import type { BranchStory } from './branchLife'
import type { SeededBranch } from './branchOrg'

/** Of a unit's 县处级 and above: all trained, all but one, or about half. */
export type TrainingPlan = 'all' | 'most' | 'few'
/** 民主生活会: held with a 工委 comrade attending, held without one, or not yet. */
export type DemocraticPlan = 'attended' | 'noAttendee' | 'none'
/** A 述职: appraised, submitted and waiting for its appraisal, or not submitted. */
export type DutyPlan = 'appraised' | 'submitted' | 'missing'

export interface UnitStanding {
  training: TrainingPlan
  democratic: DemocraticPlan
  /** The 机关党委书记's 述职, then each branch's secretary's (by branch id). */
  duty: { unit: DutyPlan; branches: Record<string, DutyPlan> }
  /** Each branch's grade on this year's checklist; left out: not scored yet. */
  grades: Record<string, BranchGrade>
}

/**
 * Per unit (lights from October; 青年理论学习小组 is the rosters' and the groups' own: green u03 u10,
 * amber u01 u04, red u02 u05 (its group missed a month) u06 u07 u08 (no group) u09):
 *   training   green u02 u04 u07 u09 · amber u01 u05 u08 · red u03 u06 u10
 *   民主生活会  green u01 u02 u03 u05 u07 u09 · amber u04 u08 · red u06 u10
 *   标准党支部  green u01 u06 u07 u09 · amber u04 (4 of 5) · red u02 u03 u05 u08 u10
 *   述职评议    green u02 u07 u09 · amber u01 u04 u05 u08 · red u03 u06 u10
 */
export const STANDINGS: Record<string, UnitStanding> = {
  u01: { training: 'most', democratic: 'attended', duty: { unit: 'appraised', branches: { 'u01-b1': 'appraised', 'u01-b2': 'submitted', 'u01-b3': 'submitted' } }, grades: { 'u01-b1': 'standard', 'u01-b2': 'model', 'u01-b3': 'standard' } },
  u02: { training: 'all', democratic: 'attended', duty: { unit: 'appraised', branches: { 'u02-b1': 'appraised', 'u02-b2': 'appraised', 'u02-b3': 'appraised' } }, grades: { 'u02-b1': 'standard', 'u02-b2': 'standard', 'u02-b3': 'standard' } },
  u03: { training: 'few', democratic: 'attended', duty: { unit: 'submitted', branches: { 'u03-b1': 'appraised', 'u03-b2': 'missing' } }, grades: { 'u03-b1': 'model', 'u03-b2': 'below' } },
  u04: { training: 'all', democratic: 'noAttendee', duty: { unit: 'appraised', branches: { 'u04-b1': 'appraised', 'u04-b2': 'appraised', 'u04-b3': 'appraised', 'u04-b4': 'missing' } }, grades: { 'u04-b1': 'model', 'u04-b2': 'standard', 'u04-b3': 'standard' } },
  u05: { training: 'most', democratic: 'attended', duty: { unit: 'submitted', branches: { 'u05-b1': 'submitted', 'u05-b2': 'submitted' } }, grades: {} },
  u06: { training: 'few', democratic: 'none', duty: { unit: 'missing', branches: { 'u06-b1': 'appraised', 'u06-b2': 'appraised', 'u06-b3': 'missing' } }, grades: { 'u06-b1': 'exemplary', 'u06-b2': 'standard', 'u06-b3': 'standard' } },
  u07: { training: 'all', democratic: 'attended', duty: { unit: 'appraised', branches: { 'u07-b1': 'appraised', 'u07-b2': 'appraised' } }, grades: { 'u07-b1': 'exemplary', 'u07-b2': 'standard' } },
  u08: { training: 'most', democratic: 'noAttendee', duty: { unit: 'appraised', branches: { 'u08-b1': 'appraised', 'u08-b2': 'submitted' } }, grades: { 'u08-b1': 'standard', 'u08-b2': 'standard' } },
  u09: { training: 'all', democratic: 'attended', duty: { unit: 'appraised', branches: { 'u09-b1': 'appraised' } }, grades: { 'u09-b1': 'model' } },
  u10: { training: 'few', democratic: 'none', duty: { unit: 'missing', branches: { 'u10-b1': 'missing' } }, grades: { 'u10-b1': 'standard' } },
}

const story = (s: Partial<BranchStory>): BranchStory => ({
  skipCommittee: [],
  makeUp: null,
  skipLectureQuarter: null,
  upcomingThemeDay: false,
  submitted: 0,
  returned: false,
  amended: false,
  photos: false,
  ...s,
})

/**
 * The year of a few branches beyond the three the walkthrough uses (三会一课, lights from March;
 * branch meetings are the seed's heaviest part, so only what the lights need): green u09 (every
 * meeting held and filed, this month's too) · amber u01 (its third branch keeps the rhythm beside
 * the walkthrough's two) and u10 (a 支委会 missed) · red u03 (on the platform only since four months
 * ago) and the units with no branch here. The branch u06 set up this year keeps every meeting from
 * the month after. Each story goes to the next branch of its unit without one; `monthsBack` turns
 * into `since`.
 */
const MORE_BRANCH_STORIES: { unitId: string; story: BranchStory; monthsBack?: number }[] = [
  { unitId: 'u01', story: story({ prompt: true, submitted: 1, drafts: 0, filedLate: 1 }) },
  { unitId: 'u03', story: story({ skipCommittee: [1], submitted: 1 }), monthsBack: 4 },
  { unitId: 'u09', story: story({ prompt: true, submitted: 1, drafts: 0, photos: true }) },
  { unitId: 'u10', story: story({ prompt: true, skipCommittee: [2], submitted: 1, drafts: 0, filedLate: 1 }) },
]

/** The branch set up this year: a model branch from the month after. */
const NEW_BRANCH_STORY: BranchStory = story({ prompt: true, submitted: 1, drafts: 0 })

/** The stories above on their branches (`taken`: those that already have one), at `now`. */
export function moreStories(branches: SeededBranch[], taken: [SeededBranch, BranchStory][], midYear: { branches: SeededBranch[]; createdAt: string }, now: Date): [SeededBranch, BranchStory][] {
  const out: [SeededBranch, BranchStory][] = []
  const thisMonth = rhythmPeriod('month', now).key
  for (const { unitId, story: s, monthsBack } of MORE_BRANCH_STORIES) {
    const branch = branches.find((b) => b.unitId === unitId && ![...taken, ...out].some(([x]) => x === b))!
    out.push([branch, monthsBack ? { ...s, since: shiftRhythmPeriod(thisMonth, -monthsBack) } : s])
  }
  const since = shiftRhythmPeriod(rhythmPeriod('month', new Date(midYear.createdAt)).key, 1)
  for (const b of midYear.branches) out.push([b, { ...NEW_BRANCH_STORY, since }])
  return out
}
