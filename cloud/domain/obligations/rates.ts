/**
 * The branch-life rates a higher level asks for (规范执行率, 出席率, 补开补报率, 逾期率), from the
 * meetingRhythm target's items and the meetings held. A rate over nothing is 0: pages show "—" by
 * looking at its denominator.
 */
import type { MeetingRates, ObligationItem } from '../../contract/obligations'
import type { RhythmMeeting } from './inputs'
import { meetingLateness } from './meetingRhythm'

/** Who was expected at a meeting, who had approved leave and who was there. */
export interface MeetingTally {
  activityId: string
  expected: number
  leave: number
  present: number
}

const ratio = (n: number, d: number): number => (d > 0 ? n / d : 0)

/**
 * Rates over the meetingRhythm items in scope (required periods that have ended by `now`) and the
 * meetings held in scope and period (those started by `now` count).
 */
export function meetingRates(items: ObligationItem[], meetings: RhythmMeeting[], tallies: Map<string, MeetingTally>, now: Date): MeetingRates {
  const t = now.getTime()
  const ended = items.filter((it) => Date.parse(it.dueBy) <= t)
  const onTime = ended.filter((it) => it.state === 'met' && !it.late).length
  const overdue = ended.filter((it) => it.state === 'overdue').length
  const held = meetings.filter((m) => Date.parse(m.startAt) <= t)
  let late = 0
  let expected = 0
  let leave = 0
  let present = 0
  for (const m of held) {
    // Filed late counts once it was filed (by now); held late (补开) counts from the start.
    const filed = m.submittedAt !== null && Date.parse(m.submittedAt) <= t ? m : { ...m, submittedAt: null }
    const l = meetingLateness(filed)
    if (l.heldLate || l.filedLate) late++
    const tally = tallies.get(m.activityId)
    if (tally) {
      expected += tally.expected
      leave += tally.leave
      present += tally.present
    }
  }
  return {
    required: ended.length,
    onTime,
    held: held.length,
    late,
    overdue,
    expected,
    leave,
    present,
    compliance: ratio(onTime, ended.length),
    attendance: ratio(present, expected - leave),
    lateRate: ratio(late, held.length),
    overdueRate: ratio(overdue, ended.length),
  }
}
