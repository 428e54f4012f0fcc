/**
 * The rhythm branch meetings must keep (三会一课, 主题党日, 组织生活会, 民主评议党员): each type's required
 * frequency per level, the periods of a rhythm (half years included), the period a meeting counts
 * for (补开), and what a branch has held or still owes. Pure rules.
 */
import { MEETING_LEVEL, MEETING_TYPES, type MeetingType, type OrgLevel, type Rhythm } from '../contract/vocabulary'
import { fail } from './errors'
import { parsePeriod, shiftPeriod } from './period'
import { periodKeys } from './time'

/**
 * The rhythm of the 支部工作条例 and common practice: 支委会, 党小组会 and 主题党日 monthly; 支部党员大会
 * and 党课 quarterly; 组织生活会 and 民主评议党员 yearly. A city may set its own (a policy version).
 */
export const DEFAULT_RHYTHM: Record<MeetingType, Rhythm> = {
  committee: 'month',
  groupMeeting: 'month',
  generalMeeting: 'quarter',
  partyLecture: 'quarter',
  themeDay: 'month',
  lifeMeeting: 'year',
  appraisal: 'year',
}

/** The rhythm each level must keep by default: a 党小组 its 党小组会, a branch everything else. */
export const DEFAULT_MEETING_RHYTHM: Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>> = {
  branch: Object.fromEntries(MEETING_TYPES.filter((t) => MEETING_LEVEL[t] === 'branch').map((t) => [t, DEFAULT_RHYTHM[t]])),
  partyGroup: { groupMeeting: DEFAULT_RHYTHM.groupMeeting },
}

/** A period of a rhythm: its key and its UTC bounds. */
export interface RhythmPeriod {
  key: string
  start: string
  end: string
}

const HALF = /^(\d{4})-H([12])$/

/** Bounds already worked out, by key: the obligations engine asks for the same few periods thousands of times. */
const bounds = new Map<string, Readonly<RhythmPeriod>>()

/** The bounds of a rhythm period's key: `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
export function rhythmPeriodOf(key: string): Readonly<RhythmPeriod> {
  let p = bounds.get(key)
  if (!p) {
    p = Object.freeze(boundsOf(key))
    // Keys are periods of a few years at most; the cap only guards against a caller looping over many.
    if (bounds.size < 10_000) bounds.set(key, p)
  }
  return p
}

function boundsOf(key: string): RhythmPeriod {
  const half = HALF.exec(key)
  if (half) {
    const [first, last] = half[2] === '1' ? ['Q1', 'Q2'] : ['Q3', 'Q4']
    const now = new Date()
    return { key, start: parsePeriod(`${half[1]}-${first}`, now).start, end: parsePeriod(`${half[1]}-${last}`, now).end }
  }
  const p = parsePeriod(key, new Date())
  return { key, start: p.start, end: p.end }
}

/** The period of a rhythm that contains `at`, e.g. `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
export function rhythmPeriod(rhythm: Rhythm, at: Date): Readonly<RhythmPeriod> {
  const keys = periodKeys(at)
  if (rhythm === 'halfYear') return rhythmPeriodOf(`${keys.year}-H${Number(keys.quarter.slice(6)) <= 2 ? 1 : 2}`)
  return rhythmPeriodOf(keys[rhythm])
}

/** The period `delta` steps away from `key`, of the same rhythm. */
export function shiftRhythmPeriod(key: string, delta: number): string {
  const half = HALF.exec(key)
  if (!half) return shiftPeriod(key, delta)
  const index = Number(half[1]) * 2 + Number(half[2]) - 1 + delta
  return `${Math.floor(index / 2)}-H${(index % 2) + 1}`
}

/** The rhythm a key is written in (a bare year reads as `year`). */
export function rhythmOfKey(key: string): Rhythm {
  if (HALF.test(key)) return 'halfYear'
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter'
  if (/^\d{4}-\d{2}$/.test(key)) return 'month'
  return 'year'
}

/** The rhythm a meeting type keeps at its level under the policy; the default where the policy is silent. */
export function rhythmFor(policy: Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>>, type: MeetingType): Rhythm {
  return policy[MEETING_LEVEL[type]][type] ?? DEFAULT_RHYTHM[type]
}

/**
 * The period a new meeting counts for: the period of its start in its type's rhythm, or an earlier
 * one of the same rhythm that it makes up (补开). Never a later one: a meeting cannot be held in advance.
 */
export function meetingPeriod(rhythm: Rhythm, startAt: string, requested: string | undefined): string {
  const own = rhythmPeriod(rhythm, new Date(startAt)).key
  if (!requested) return own
  if (rhythmOfKey(requested) !== rhythm)
    fail('BAD_INPUT', `该会议${({ month: '按月', quarter: '按季度', halfYear: '按半年', year: '按年' } as const)[rhythm]}召开，所属周期应写作 ${own}`, { field: 'forPeriod' })
  if (Date.parse(rhythmPeriodOf(requested).start) > Date.parse(rhythmPeriodOf(own).start))
    fail('BAD_INPUT', `会议所属周期不能晚于召开时间所在的 ${own}`, { field: 'forPeriod' })
  return requested
}

/** A meeting as the rhythm sees it: its type, when it was held, and the period it was held for. */
export interface HeldMeeting {
  type: MeetingType
  heldAt: string
  /** The period it counts for (a meeting held late, 补开, counts for the period it makes up). */
  forPeriod: string
}

export interface RhythmRow {
  type: MeetingType
  rhythm: Rhythm
  /** The current period of this type's rhythm. */
  period: string
  /**
   * held: done for the current period; due: not yet, by `dueBy` (the period's end); overdue: not
   * yet, and the period before went without one too.
   */
  status: 'held' | 'due' | 'overdue'
  heldAt: string | null
  dueBy: string
  /** Ended periods of this year (tracked since `since`) that went without one: what 补开 would make up. */
  missed: string[]
}

/**
 * What a branch has held and still owes, type by type, at `now`. A period counts as missed only once
 * it has ended (a month that has just begun is due, never missed), and only if it ended after
 * `since` (when the branch's meetings began to be recorded here).
 */
export function rhythmOf(required: Partial<Record<MeetingType, Rhythm>>, held: HeldMeeting[], now: Date, since: string): RhythmRow[] {
  const rows: RhythmRow[] = []
  for (const type of MEETING_TYPES) {
    const rhythm = required[type]
    if (!rhythm) continue
    const current = rhythmPeriod(rhythm, now)
    const done = new Map<string, string>()
    for (const m of held) {
      if (m.type !== type) continue
      // Held under another rhythm (the policy changed since), it counts for today's period that holds
      // it: a 2026-Q1 lecture counts for 2026-H1 once the city asks half-yearly; a 补开 one, for the
      // first period of what it made up.
      const key = rhythmOfKey(m.forPeriod) === rhythm ? m.forPeriod : rhythmPeriod(rhythm, new Date(countedAt(m))).key
      if (!done.has(key) || m.heldAt < (done.get(key) ?? '')) done.set(key, m.heldAt)
    }
    const tracked = (key: string) => Date.parse(rhythmPeriodOf(key).end) > Date.parse(since)
    const missing = (key: string) => tracked(key) && !done.has(key)
    const missed: string[] = []
    for (let k = shiftRhythmPeriod(current.key, -1); k.startsWith(current.key.slice(0, 4)); k = shiftRhythmPeriod(k, -1)) if (missing(k)) missed.unshift(k)
    const heldAt = done.get(current.key) ?? null
    const status = heldAt ? 'held' : missing(shiftRhythmPeriod(current.key, -1)) ? 'overdue' : 'due'
    rows.push({ type, rhythm, period: current.key, status, heldAt, dueBy: current.end, missed })
  }
  return rows
}

/** When a meeting counts as held: its time, or the start of the period it made up when held after it. */
function countedAt(m: HeldMeeting): string {
  const p = rhythmPeriodOf(m.forPeriod)
  return m.heldAt >= p.start && m.heldAt < p.end ? m.heldAt : p.start
}

/** Held after the period it counts for had ended: 补开. */
export const heldLate = (m: Pick<HeldMeeting, 'heldAt' | 'forPeriod'>): boolean => Date.parse(m.heldAt) >= Date.parse(rhythmPeriodOf(m.forPeriod).end)
