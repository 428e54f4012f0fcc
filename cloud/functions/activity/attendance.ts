import type { Activity, Attendance } from '../../contract/model'
import type { Ctx } from '../../runtime/context'

/** Present, absent (with make-up status), and what waits for the organizer. */
export async function attendanceOf(ctx: Ctx, activity: Activity): Promise<Attendance> {
  const [present, absent, audienceCount, pendingMakeups, pendingHours] = await Promise.all([
    ctx.store.listAttendance(activity.id),
    ctx.store.listAbsent(activity),
    ctx.store.countAudience(activity),
    ctx.store.listMakeupsOfActivity(activity.id, 'pending'),
    ctx.store.listHourClaims(activity.id, 'pending'),
  ])
  return {
    activity,
    present,
    presentCount: present.length,
    absent,
    audienceCount,
    pendingMakeups,
    pendingHours,
    notCheckedOut: activity.kind === 'volunteer' ? present.filter((p) => !p.checkedOutAt).length : 0,
  }
}
