/**
 * 三会一课严格执行: every branch (and each 党小组, for 党小组会) holds each meeting type the policy
 * requires once in each period of that type's rhythm, and files its record. The periods are the
 * types' own (支委会 monthly, 党课 quarterly…): the target's own `rhythm` is not used for this kind.
 */
import type { Evidence, ObligationItem, Target } from '../../contract/obligations'
import { MEETING_LEVEL, MEETING_TYPE_LABEL, MEETING_TYPES, type MeetingType, type Rhythm } from '../../contract/vocabulary'
import { filedLate } from '../branchMeetings'
import { heldLate, rhythmOfKey, rhythmPeriod, rhythmPeriodOf } from '../meetingRhythm'
import type { Period } from '../period'
import { appliesTo, periodsOf, stateOf, type TargetWindow } from './engine'
import type { MeetingRhythmInput, ObligationOrg, RhythmMeeting } from './inputs'
import { owesFrom } from './shared'

/** The types watched, each with the rhythm the policy asks of its level. */
export function watchedTypes(target: Pick<Target, 'params'>, input: Pick<MeetingRhythmInput, 'rhythm'>): { type: MeetingType; rhythm: Rhythm }[] {
  const out: { type: MeetingType; rhythm: Rhythm }[] = []
  for (const type of target.params.meetingTypes ?? MEETING_TYPES) {
    const rhythm = input.rhythm[MEETING_LEVEL[type]][type]
    if (rhythm) out.push({ type, rhythm })
  }
  return out
}

/** When a meeting counts as held: its time, or the start of the period it made up when held after it. */
function countedAt(m: RhythmMeeting): string {
  const p = rhythmPeriodOf(m.forPeriod)
  return m.startAt >= p.start && m.startAt < p.end ? m.startAt : p.start
}

/**
 * The period of `rhythm` a meeting counts for: its own `forPeriod`, or, held under another rhythm
 * (the policy changed since), the period that holds its counted time.
 */
export function windowKeyOf(m: RhythmMeeting, rhythm: Rhythm): string {
  return rhythmOfKey(m.forPeriod) === rhythm ? m.forPeriod : rhythmPeriod(rhythm, new Date(countedAt(m))).key
}

const filedBy = (m: RhythmMeeting, now: Date): boolean =>
  (m.recordState === 'submitted' || m.recordState === 'reviewed') && m.submittedAt !== null && Date.parse(m.submittedAt) <= now.getTime()

/** A filed meeting's lateness: held after its period (补开) or filed after it (补报). */
export function meetingLateness(m: RhythmMeeting): { heldLate: boolean; filedLate: boolean } {
  return { heldLate: heldLate({ heldAt: m.startAt, forPeriod: m.forPeriod }), filedLate: m.submittedAt !== null && filedLate(m.forPeriod, m.submittedAt) }
}

// A meeting held late (补开) is necessarily filed late too: it is called 补开 alone.
const lateNote = (l: { heldLate: boolean; filedLate: boolean }): string | null => (l.heldLate ? '补开' : l.filedLate ? '补报' : null)

/** The meeting that answers a window: a filed one first (on time before late, earliest first), else the first held. */
function pick(candidates: RhythmMeeting[], now: Date): RhythmMeeting | null {
  const filed = candidates.filter((m) => filedBy(m, now))
  if (filed.length) {
    const key = (m: RhythmMeeting) => {
      const l = meetingLateness(m)
      return [l.heldLate || l.filedLate ? 1 : 0, Math.max(Date.parse(m.startAt), Date.parse(m.submittedAt ?? m.startAt))] as const
    }
    return filed.reduce((a, b) => {
      const [la, ta] = key(a)
      const [lb, tb] = key(b)
      return lb < la || (lb === la && tb < ta) ? b : a
    })
  }
  return candidates.reduce<RhythmMeeting | null>((a, b) => (!a || b.startAt < a.startAt ? b : a), null)
}

/** One item per branch or 党小组, type and period of the type's rhythm it owes. */
export function meetingRhythmItems(target: Target, _windows: TargetWindow[], period: Period, org: ObligationOrg, input: MeetingRhythmInput, now: Date): ObligationItem[] {
  const t = now.getTime()
  const types = watchedTypes(target, input)
  // Meetings by owner (branch, or 党小组 for 党小组会) and type, those started by now.
  const byOwner = new Map<string, RhythmMeeting[]>()
  for (const m of input.meetings) {
    if (Date.parse(m.startAt) > t) continue
    const owner = MEETING_LEVEL[m.type] === 'partyGroup' ? m.partyGroupId : m.branchId
    if (!owner) continue
    const k = `${owner}/${m.type}`
    const list = byOwner.get(k)
    if (list) list.push(m)
    else byOwner.set(k, [m])
  }
  const windowsOf = new Map<Rhythm, { key: string; start: string; end: string }[]>()
  const rhythmWindows = (r: Rhythm) => {
    let ws = windowsOf.get(r)
    if (!ws) windowsOf.set(r, (ws = periodsOf(r, period).filter((w) => Date.parse(w.start) <= t)))
    return ws
  }

  const items: ObligationItem[] = []
  const owe = (subject: ObligationItem['subject'], unitId: string, branchId: string, createdAt: string | null, type: MeetingType, rhythm: Rhythm) => {
    // Each meeting's window worked out once, not once per window.
    const byWindow = new Map<string, RhythmMeeting[]>()
    for (const h of byOwner.get(`${subject.id}/${type}`) ?? []) {
      const key = windowKeyOf(h, rhythm)
      const list = byWindow.get(key)
      if (list) list.push(h)
      else byWindow.set(key, [h])
    }
    for (const w of rhythmWindows(rhythm)) {
      // A branch owes no period it was set up in.
      if (!owesFrom(createdAt, w)) continue
      const m = pick(byWindow.get(w.key) ?? [], now)
      const base = { what: `${w.key} ${MEETING_TYPE_LABEL[type]}`, unitId, branchId, subject, from: w.start, dueBy: w.end }
      if (!m) {
        items.push({ ...base, state: stateOf(null, w.end, now), metAt: null, late: false, note: '未召开', evidence: [] })
        continue
      }
      const evidence: Evidence[] = [{ kind: 'meeting', id: m.activityId, label: m.title }]
      if (filedBy(m, now)) {
        const l = meetingLateness(m)
        const metAt = new Date(Math.max(Date.parse(m.startAt), Date.parse(m.submittedAt ?? m.startAt))).toISOString()
        items.push({ ...base, state: 'met', metAt, late: l.heldLate || l.filedLate, note: lateNote(l), evidence })
      } else {
        const held = heldLate({ heldAt: m.startAt, forPeriod: m.forPeriod })
        items.push({ ...base, state: stateOf(null, w.end, now, m.startAt), metAt: null, late: false, note: held ? '补开，记录未上报' : '会议已召开，记录未上报', evidence })
      }
    }
  }

  const branches = org.branches.filter((b) => appliesTo(target, b.unitId))
  const branchById = new Map(branches.map((b) => [b.id, b]))
  for (const b of branches) {
    for (const { type, rhythm } of types) {
      if (MEETING_LEVEL[type] === 'branch') owe({ kind: 'branch', id: b.id, name: b.name }, b.unitId, b.id, b.createdAt, type, rhythm)
    }
  }
  for (const g of org.partyGroups) {
    const b = branchById.get(g.branchId)
    if (!b) continue
    for (const { type, rhythm } of types) {
      if (MEETING_LEVEL[type] === 'partyGroup') owe({ kind: 'partyGroup', id: g.id, name: g.name }, b.unitId, b.id, b.createdAt, type, rhythm)
    }
  }
  return items
}
