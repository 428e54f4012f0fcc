/**
 * The roll of each branch meeting a period held (应到 / 实到 / 请假, as activity.record shows it), for
 * the 出席率 and the report's attendance sheets. A filed record keeps its roll: its counts come with
 * the meetings (no read), its rows with the records (one batched read, for the report only). Only a
 * meeting without one (not filed yet, or filed before rolls were kept) is rolled live: one roster
 * read and one attendance read each, leave for all of them at once. Live rolls are cached with the
 * store's data version: a roll changes only when someone writes.
 */
import { createHash } from 'node:crypto'
import type { RollRow } from '../../../contract/model'
import { meetingRoll } from '../../../domain/branchMeetings'
import type { RhythmMeeting } from '../../../domain/obligations/inputs'
import type { MeetingTally } from '../../../domain/obligations/rates'
import { onBranchCommittee } from '../../../domain/roles'
import type { Ctx } from '../../../runtime/context'
import { countedCheckIns } from '../../activity/recordView'
import { cachedRead } from '../cached'

/** A meeting's roll: its counts and who was expected, with how each came out. */
export interface Roll extends MeetingTally {
  rows: Pick<RollRow, 'memberId' | 'name' | 'status'>[]
}

/** Meetings read at once: bounds the reads in flight on a large city. */
const BATCH = 25
/** Leave is read for this many meetings per call. */
const LEAVE_CHUNK = 500

async function computeRolls(ctx: Ctx, meetings: RhythmMeeting[]): Promise<Map<string, Roll>> {
  const out = new Map<string, Roll>()
  const ids = meetings.map((m) => m.activityId)
  const leaves = (await Promise.all(Array.from({ length: Math.ceil(ids.length / LEAVE_CHUNK) }, (_, i) => ctx.store.leavesOf(ids.slice(i * LEAVE_CHUNK, (i + 1) * LEAVE_CHUNK))))).flat()
  const approved = new Map<string, { memberId: string; reason: string }[]>()
  for (const l of leaves) {
    if (l.status !== 'approved') continue
    const list = approved.get(l.activityId)
    if (list) list.push({ memberId: l.memberId, reason: l.reason })
    else approved.set(l.activityId, [{ memberId: l.memberId, reason: l.reason }])
  }
  for (let i = 0; i < meetings.length; i += BATCH) {
    const batch = meetings.slice(i, i + BATCH)
    const rolls = await Promise.all(
      batch.map(async (m) => {
        const scope = m.partyGroupId ? { kind: 'partyGroup' as const, ids: [m.partyGroupId] } : { kind: 'branch' as const, ids: [m.branchId] }
        const [roster, attendance] = await Promise.all([ctx.store.rosterOn(scope, m.startAt), ctx.store.listAttendance(m.activityId)])
        const checkIns = await countedCheckIns(ctx, m.activityId, attendance)
        return meetingRoll({
          type: m.type,
          election: false,
          roster: roster.map((p) => ({ id: p.id, name: p.name, partyStatus: p.partyStatus, partyGroupName: null, committee: onBranchCommittee(p, m.branchId) })),
          checkIns: checkIns.map((c) => ({ memberId: c.memberId, checkedInAt: c.checkedInAt, method: c.method })),
          approvedLeave: approved.get(m.activityId) ?? [],
          absences: [],
        })
      }),
    )
    batch.forEach((m, j) => {
      const r = rolls[j]
      out.set(m.activityId, {
        activityId: m.activityId,
        expected: r.expected.total,
        present: r.present.total,
        leave: r.leave,
        rows: r.rows.map((x) => ({ memberId: x.memberId, name: x.name, status: x.status })),
      })
    })
  }
  return out
}

/** Live rolls of these meetings, by activity id. */
async function liveRolls(ctx: Ctx, meetings: RhythmMeeting[]): Promise<Map<string, Roll>> {
  if (!meetings.length) return new Map()
  const ids = meetings.map((m) => m.activityId).sort()
  const key = `obligationRolls:${createHash('sha1').update(ids.join(',')).digest('base64url')}`
  return cachedRead(ctx, key, ctx.now(), async () => {
    const value = await computeRolls(ctx, meetings)
    let weight = 0
    for (const r of value.values()) weight += r.rows.length
    return { value, weight }
  })
}

export interface Tallies {
  /** Every meeting's counts, by activity id: as filed where filed with a roll, else rolled live. */
  tallies: Map<string, MeetingTally>
  /** The meetings rolled live (no filed roll), with their rows. */
  live: Map<string, Roll>
}

/** The tallies of these meetings (those that have started), rolling live only those filed without a roll. */
export async function meetingTallies(ctx: Ctx, meetings: RhythmMeeting[]): Promise<Tallies> {
  const live = await liveRolls(ctx, meetings.filter((m) => !m.tally))
  const tallies = new Map<string, MeetingTally>()
  for (const m of meetings) {
    const t = m.tally ?? live.get(m.activityId)
    if (t) tallies.set(m.activityId, { activityId: m.activityId, expected: t.expected, present: t.present, leave: t.leave })
  }
  return { tallies, live }
}

/** Records read per call when the filed rows are read. */
const RECORD_CHUNK = 500

/**
 * Every meeting's roll with its rows: the filed ones from their records, the rest as rolled live.
 * For the report's 党员出席 sheet; the dashboards need the tallies alone.
 */
export async function rollsWithRows(ctx: Ctx, meetings: RhythmMeeting[], t: Tallies): Promise<Map<string, Roll>> {
  const out = new Map(t.live)
  const filed = meetings.filter((m) => m.tally).map((m) => m.activityId)
  const chunks = Array.from({ length: Math.ceil(filed.length / RECORD_CHUNK) }, (_, i) => filed.slice(i * RECORD_CHUNK, (i + 1) * RECORD_CHUNK))
  for (const records of await Promise.all(chunks.map((ids) => ctx.store.meetingRecords(ids)))) {
    for (const [activityId, r] of records) if (r.filedRoll) out.set(activityId, { activityId, ...r.filedRoll })
  }
  return out
}
