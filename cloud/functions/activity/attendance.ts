import type { Activity, Attendance, AttendanceEntry, AttendanceRow } from '../../contract/model'
import { relayFlags } from '../../domain/relay'
import type { Ctx } from '../../runtime/context'

/**
 * The rows the organizer sees: each check-in with its relay flags, worked out from every check-in
 * of the activity together. What the phones sent (device ids, positions) stays here.
 */
function flaggedRows(entries: readonly AttendanceEntry[]): AttendanceRow[] {
  const flags = relayFlags(entries)
  return entries.map(({ signals: _signals, ...row }) => ({ ...row, flags: flags.get(row.checkInId) ?? [] }))
}

/** Present (with relay flags), absent (with make-up status), and what waits for the organizer. */
export async function attendanceOf(ctx: Ctx, activity: Activity): Promise<Attendance> {
  const [entries, absent, audienceCount, pendingMakeups, pendingHours] = await Promise.all([
    ctx.store.listAttendance(activity.id),
    ctx.store.listAbsent(activity),
    ctx.store.countAudience(activity),
    ctx.store.listMakeupsOfActivity(activity.id, 'pending'),
    ctx.store.listHourClaims(activity.id, 'pending'),
  ])
  const present = flaggedRows(entries)
  return {
    activity,
    present,
    presentCount: present.length,
    // Flagged and still counting: what the organizer has yet to look at.
    flagged: present.filter((p) => p.flags.length > 0 && !p.reversed).length,
    absent,
    audienceCount,
    pendingMakeups,
    pendingHours,
    notCheckedOut: activity.kind === 'volunteer' ? present.filter((p) => !p.checkedOutAt).length : 0,
  }
}
