/**
 * What a dispatch run reads on CloudBase to find the reminders due. Each read is two rounds of
 * requests at most: the events in the window (an indexed range), then, at once, who they concern
 * and the titles, every request projected to the fields it uses.
 */
import type { Activity } from '../../contract/model'
import type { Decision, OpenShift, ReturnedRecord, StartingActivity } from '../ports/NotifyStore'
import type { Db } from './access'
import { COL } from './collections'
import { byText, str, strOrNull, toActivity } from './documents'
import type { Doc } from './sdk'

/** The member fields an audience is told by, and which audience type names each. */
const PLACEMENT = { units: 'unitId', groups: 'youthGroupId', branches: 'branchId', partyGroups: 'partyGroupId' } as const
type Placed = keyof typeof PLACEMENT

const DECIDED = ['approved', 'rejected']

/** The ids an audience of a placed type lists. */
function audienceIds(a: Activity): { type: Placed; ids: string[] } | null {
  switch (a.audience.type) {
    case 'all':
      return null
    case 'units':
      return { type: 'units', ids: a.audience.unitIds }
    case 'groups':
      return { type: 'groups', ids: a.audience.groupIds }
    case 'branches':
      return { type: 'branches', ids: a.audience.branchIds }
    case 'partyGroups':
      return { type: 'partyGroups', ids: a.audience.partyGroupIds }
  }
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort(byText)

export class NotifyReads {
  constructor(private readonly db: Db) {}

  private range(fromIso: string, toIso: string) {
    return this.db._.gte(fromIso).and(this.db._.lt(toIso))
  }

  /** id → title of these activities, one projected read per hundred. */
  private async titles(activityIds: string[]): Promise<Map<string, string>> {
    if (!activityIds.length) return new Map()
    return new Map((await this.db.allIn(COL.activities, '_id', activityIds, {}, ['title'])).map((d) => [str(d._id), str(d.title)]))
  }

  /**
   * The activities, then at once: the sign-ups of those that require it, and the active members
   * of the others' audiences, read once per placement field for all of them (every active member
   * once when one is for all).
   */
  async activitiesStarting(fromIso: string, toIso: string): Promise<StartingActivity[]> {
    const rows = await this.db.all(COL.activities, { status: 'published', startAt: this.range(fromIso, toIso) }, [['startAt', 'asc']], Infinity, [
      'title',
      'kind',
      'startAt',
      'endAt',
      'placeName',
      'signUpRequired',
      'audience',
    ])
    const activities = rows.map(toActivity)
    if (!activities.length) return []
    const bySignUp = activities.filter((a) => a.signUpRequired).map((a) => a.id)
    const byAudience = activities.filter((a) => !a.signUpRequired)
    const everyone = byAudience.some((a) => a.audience.type === 'all')
    const wanted = new Map<Placed, Set<string>>()
    for (const a of byAudience) {
      const listed = audienceIds(a)
      if (!listed) continue
      const set = wanted.get(listed.type) ?? new Set<string>()
      for (const id of listed.ids) set.add(id)
      wanted.set(listed.type, set)
    }
    // Only the placement fields some audience is told by (`active` when every audience is for all).
    const fields = wanted.size ? [...wanted.keys()].map((t) => PLACEMENT[t]) : ['active']
    const memberReads: Promise<Doc[]>[] = everyone
      ? [this.db.all(COL.members, { active: true }, [], Infinity, fields)]
      : [...wanted].map(([type, set]) => this.db.allIn(COL.members, PLACEMENT[type], [...set], { active: true }, fields))
    const [signUps, ...memberParts] = await Promise.all([
      bySignUp.length ? this.db.allIn(COL.signUps, 'activityId', bySignUp, {}, ['activityId', 'memberId']) : Promise.resolve([]),
      ...memberReads,
    ])
    const members = new Map(memberParts.flat().map((m) => [str(m._id), m]))
    const signedUp = new Map<string, string[]>()
    for (const s of signUps) signedUp.set(str(s.activityId), [...(signedUp.get(str(s.activityId)) ?? []), str(s.memberId)])
    const audienceOf = (a: Activity): string[] => {
      const listed = audienceIds(a)
      if (!listed) return [...members.keys()]
      const field = PLACEMENT[listed.type]
      const ids = new Set(listed.ids)
      return [...members.values()].filter((m) => ids.has(str(m[field]))).map((m) => str(m._id))
    }
    return activities
      .map((a) => ({
        id: a.id,
        title: a.title,
        kind: a.kind,
        startAt: a.startAt,
        endAt: a.endAt,
        placeName: a.placeName,
        memberIds: sorted(a.signUpRequired ? (signedUp.get(a.id) ?? []) : audienceOf(a)),
      }))
      .sort((x, y) => byText(x.startAt, y.startAt) || byText(x.id, y.id))
  }

  /** The volunteer services that ended in the window, then their check-ins with no check-out. */
  async openShifts(fromIso: string, toIso: string): Promise<OpenShift[]> {
    const services = await this.db.all(COL.activities, { kind: 'volunteer', endAt: this.range(fromIso, toIso), status: 'published' }, [], Infinity, [
      'title',
      'endAt',
      'checkOutClosesAt',
    ])
    if (!services.length) return []
    const byId = new Map(services.map((s) => [str(s._id), s]))
    const open = await this.db.allIn(COL.checkIns, 'activityId', [...byId.keys()], { checkedOutAt: null }, ['activityId', 'memberId'])
    return open
      .map((c) => {
        const s = byId.get(str(c.activityId)) as Doc
        return { activityId: str(c.activityId), title: str(s.title), endAt: str(s.endAt), checkOutClosesAt: strOrNull(s.checkOutClosesAt), memberId: str(c.memberId) }
      })
      .sort((x, y) => byText(x.endAt, y.endAt) || byText(x.activityId, y.activityId) || byText(x.memberId, y.memberId))
  }

  /** Make-ups, leave and hour claims decided in the window, read at once; then their activities' titles. */
  async decisionsBetween(fromIso: string, toIso: string): Promise<Decision[]> {
    const _ = this.db._
    const where = { status: _.in(DECIDED), reviewedAt: this.range(fromIso, toIso) }
    const base = ['activityId', 'memberId', 'status', 'reviewedAt']
    const [makeups, leave, claims] = await Promise.all([
      this.db.all(COL.makeups, where, [], Infinity, [...base, 'reviewComment']),
      this.db.all(COL.leaveRequests, where, [], Infinity, [...base, 'comment']),
      this.db.all(COL.hourClaims, where, [], Infinity, base),
    ])
    const titles = await this.titles([...makeups, ...leave, ...claims].map((d) => str(d.activityId)))
    const decision = (kind: Decision['kind'], d: Doc, comment: unknown): Decision => ({
      kind,
      id: str(d._id),
      memberId: str(d.memberId),
      activityId: str(d.activityId),
      title: titles.get(str(d.activityId)) ?? '',
      approved: d.status === 'approved',
      decidedAt: str(d.reviewedAt),
      comment: strOrNull(comment),
    })
    return [
      ...makeups.map((d) => decision('makeup', d, d.reviewComment)),
      ...leave.map((d) => decision('leave', d, d.comment)),
      ...claims.map((d) => decision('hours', d, null)),
    ].sort((x, y) => byText(x.decidedAt, y.decidedAt) || byText(x.kind, y.kind) || byText(x.id, y.id))
  }

  /** Records sent back in the window (the state's index, then the review time), then their meetings' titles. */
  async recordsReturned(fromIso: string, toIso: string): Promise<ReturnedRecord[]> {
    const rows = await this.db.all(COL.meetingRecords, { state: 'returned', reviewedAt: this.range(fromIso, toIso) }, [], Infinity, ['reviewedAt', 'reviewComment', 'submittedBy'])
    const returned = rows.filter((d) => strOrNull(d.submittedBy) !== null)
    const titles = await this.titles(returned.map((d) => str(d._id)))
    return returned
      .map((d) => ({
        activityId: str(d._id),
        title: titles.get(str(d._id)) ?? '',
        returnedAt: str(d.reviewedAt),
        comment: strOrNull(d.reviewComment),
        submittedBy: str(d.submittedBy),
      }))
      .sort((x, y) => byText(x.returnedAt, y.returnedAt) || byText(x.activityId, y.activityId))
  }
}
