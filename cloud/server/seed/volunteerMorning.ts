/**
 * A volunteer morning of 市委办公室 three days ago, two hours long: most volunteers checked out, one
 * forgot and waits for the organizer to confirm the hours (确认时长). Its check-out has closed, and
 * make-ups are still open, so the walkthrough and the browser test can show both on a real activity
 * (an ended activity can no longer be published). Its own generator, after the rest of the city:
 * nothing drawn before changes.
 */
import type { Member } from '../../contract/model'
import { draftActivity } from '../../domain/activity'
import type { Policy } from '../../domain/policy'
import { newQrSecret } from '../../domain/qrToken'
import { shanghaiDay } from '../../domain/time'
import { volunteerHours, volunteerPoints } from '../../domain/volunteerHours'
import type { OrgBatch, Store } from '../../store/Store'
import { VOLUNTEER_REASON } from './places'
import { seededRandom } from './random'

export const VOLUNTEER_MORNING_TITLE = '志愿服务：机关周边文明交通劝导'
const HOUR = 3600_000
const SOURCE = { device: 'WeChat/iPhone', ip: '10.0.0.1' }

/** The activity and its six volunteers (none of them a demo account), five of them checked out. */
export async function seedVolunteerMorning(
  store: Store,
  policy: Policy,
  now: Date,
  ctx: { unitId: string; organizer: Member; people: OrgBatch['members']; keep: ReadonlySet<string> },
): Promise<{ checkIns: number }> {
  const r = seededRandom(20261203)
  const start = Date.parse(shanghaiDay(new Date(now.getTime() - 3 * 24 * HOUR)).start) + 9 * HOUR
  const draft = draftActivity(
    {
      kind: 'volunteer',
      subKind: '志愿服务',
      title: VOLUNTEER_MORNING_TITLE,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * HOUR).toISOString(),
      placeName: '机关大楼周边路口',
      noLocationReason: VOLUNTEER_REASON,
      audience: { type: 'units', unitIds: [ctx.unitId] },
    },
    ctx.organizer,
    { unitId: ctx.unitId },
    policy,
    true,
  )
  const activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, new Date(start - 5 * 24 * HOUR).toISOString())
  const volunteers = ctx.people.filter((m) => m.roles.length === 1 && !ctx.keep.has(m.id)).slice(0, 6)
  for (const [i, m] of volunteers.entries()) {
    const at = new Date(start + r.int(-15, 5) * 60_000).toISOString()
    const { checkIn } = await store.recordCheckIn(
      { activityId: activity.id, memberId: m.id, checkedInAt: at, method: 'qr', distanceM: null, accuracyM: null, ...SOURCE, idempotencyKey: null },
      null,
    )
    // The last one forgot to check out.
    if (i === volunteers.length - 1) continue
    const out = new Date(start + 2 * HOUR - r.int(0, 20) * 60_000).toISOString()
    const hours = volunteerHours(activity, checkIn.checkedInAt, out)
    await store.recordCheckOut(
      checkIn.id,
      out,
      hours > 0 ? { kind: 'volunteer', points: volunteerPoints(hours, policy), hours, method: 'qr', approvedBy: null, createdAt: out, ...SOURCE, reversesId: null } : null,
      0,
    )
  }
  return { checkIns: volunteers.length }
}
