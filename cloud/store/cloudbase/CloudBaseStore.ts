/**
 * The Store on WeChat CloudBase's document database (wx-server-sdk). The database object is
 * injected (`cloud.database(DATABASE_OPTIONS)` in a deployed function, the fake in tests), so
 * nothing here requires wx-server-sdk. Each concern lives in its own file; this class wires them
 * and makes sure, once per instance, that every collection exists (collections.ts).
 *
 * Where SQLite uses one transaction over several tables, this adapter writes one record at a time
 * in an order a crash cannot spoil: uniqueness by deterministic `_id`, credits owed filed on the
 * record that earned them and then written once (credits.ts), counters moved by `_.inc` and
 * recomputed by reconcile (reconcile.ts).
 */
import type { BranchScore, Checklist, LeaveRequest, LedgerEntry, Makeup, MeetingRecord, Member, Placement, RecordAmendment, RoleGrant, Target } from '../../contract/model'
import type { ActivityKind, CadreRank, NotifyKind, PartyStatus, RecordState, SubscribeTemplate } from '../../contract/vocabulary'
import type { ActivityDraft } from '../../domain/activity'
import { newId } from '../ids'
import { takePendingAudit } from '../pendingAudit'
import type {
  AuditFilter,
  ReadyView,
  Certificate,
  DailyCap,
  Delivery,
  MeetingFilter,
  NewCheckIn,
  NewCredit,
  ObjectionResolution,
  OrgBatch,
  OrgKind,
  PolicyVersion,
  Snapshot,
  StatsStore,
  Store,
  StoredPhoto,
} from '../Store'
import { Db } from './access'
import { Activities } from './activities'
import { Admin } from './admin'
import { Attendance } from './attendance'
import { CheckIns } from './checkins'
import { COL, ensureCollections, isCollectionMissing } from './collections'
import { Credits } from './credits'
import { Meetings } from './meetings'
import { Notify } from './notify'
import { NotifyReads } from './notifyReads'
import { ObligationReads } from './obligationReads'
import { ObligationRecords } from './obligations'
import { Org } from './org'
import { OrgChanges } from './orgChanges'
import { OrgRoster } from './orgRoster'
import { Photos } from './photos'
import { Reconciler } from './reconcile'
import { Records } from './records'
import { Reviews } from './reviews'
import { toLedger } from './documents'
import type { CloudDatabase, CloudStorage } from './sdk'
import { CloudBaseStats } from './stats'

export interface CloudBaseStoreOptions {
  /** Work left pending for longer than this is finished by reconcile (default a minute; tests use 0). */
  settleMs?: number
  /** CloudBase storage for meeting photos: wx-server-sdk itself (`cloud`) in a deployed function, the fake in tests. */
  storage?: CloudStorage
}

export class CloudBaseStore implements Store {
  readonly stats: StatsStore
  private readonly db: Db
  private readonly org: Org
  private readonly orgChanges: OrgChanges
  private readonly orgRoster: OrgRoster
  private readonly meetings: Meetings
  private readonly photos: Photos
  private readonly obligations: ObligationRecords
  private readonly obligationReads: ObligationReads
  private readonly activities: Activities
  private readonly credits: Credits
  private readonly checkIns: CheckIns
  private readonly attendance: Attendance
  private readonly reviews: Reviews
  private readonly admin: Admin
  private readonly records: Records
  private readonly reconciler: Reconciler
  private readonly notify: Notify
  private readonly notifyReads: NotifyReads
  private ready: Promise<void> | null = null
  private checked = false

  constructor(database: CloudDatabase, options: CloudBaseStoreOptions = {}) {
    this.db = new Db(database)
    this.org = new Org(this.db)
    this.orgChanges = new OrgChanges(this.db, () => this.org.changed(undefined))
    this.orgRoster = new OrgRoster(this.db)
    this.activities = new Activities(this.db)
    this.meetings = new Meetings(this.db, (id) => this.activities.get(id))
    this.photos = new Photos(this.db, options.storage ?? null)
    this.obligations = new ObligationRecords(this.db, options.storage ?? null)
    this.obligationReads = new ObligationReads(this.db)
    this.credits = new Credits(this.db, (memberId) => this.org.unitOf(memberId))
    this.checkIns = new CheckIns(this.db, this.credits)
    this.attendance = new Attendance(this.db, () => this.org.unitNames(), () => this.org.branchNames())
    this.reviews = new Reviews(this.db, this.credits, this.checkIns)
    this.admin = new Admin(this.db)
    this.records = new Records(this.db)
    this.reconciler = new Reconciler(this.db, this.checkIns, this.reviews, this.activities, options.settleMs)
    this.notify = new Notify(this.db)
    this.notifyReads = new NotifyReads(this.db)
    this.stats = readyStats(new CloudBaseStats(this.db), (fn) => this.run(fn))
  }

  /**
   * Run `fn`, making sure once per instance (a cold start) that every collection exists. The check
   * goes alongside the first call rather than before it, as a deployed environment has its
   * collections: only a call that finds one missing waits for them to be made, then runs again.
   * That is a first deployment (every collection missing: the call fails at its first request,
   * before writing anything) or an upgrade adding one (`ready_views`: its reads and rewrites).
   */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.checked) return fn()
    this.ready ??= ensureCollections(this.db.raw).then(
      () => {
        this.checked = true
      },
      (e: unknown) => {
        this.ready = null
        throw e
      },
    )
    const ready = this.ready
    try {
      const result = await fn()
      await ready.catch(() => undefined)
      return result
    } catch (e) {
      if (!isCollectionMissing(e)) {
        await ready.catch(() => undefined)
        throw e
      }
      await ready
      return fn()
    }
  }

  /**
   * A write an audited action may record (pendingAudit.ts): its audit document is added in the same
   * store call, right after the change. CloudBase transactions cover single documents only, so the
   * two are not atomic: a change that fails leaves no audit document, but an audit insert that fails
   * after the change cannot undo it (the action then answers INTERNAL with the change made).
   */
  private recorded<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      const written = await fn()
      const audit = takePendingAudit(written)
      if (audit) await this.admin.appendAudit(audit)
      return written
    })
  }

  // ---- people and organisation ----
  getMember = (id: string) => this.run(() => this.org.getMember(id))
  findMemberByBindCode = (bindCode: string) => this.run(() => this.org.findByBindCode(bindCode))
  findMemberByOpenId = (openId: string) => this.run(() => this.org.findByOpenId(openId))
  bindOpenId = (memberId: string, openId: string) => this.run(() => this.org.bindOpenId(memberId, openId))
  getUnit = (id: string) => this.run(() => this.org.getUnit(id))
  getBranch = (id: string) => this.run(() => this.org.getBranch(id))
  getPartyGroup = (id: string) => this.run(() => this.org.getPartyGroup(id))
  partyGroupsOf = (branchId: string) => this.run(() => this.org.partyGroupsOf(branchId))
  getYouthGroup = (id: string) => this.run(() => this.org.getYouthGroup(id))
  branchesOf = (kind: 'branch' | 'partyGroup', ids: string[]) => this.run(() => this.org.branchesOf(kind, ids))
  missingOrgIds = (kind: OrgKind | 'group', ids: string[]) => this.run(() => this.org.missingOrgIds(kind, ids))
  youthGroupUnits = (groupId: string) => this.run(() => this.org.youthGroupUnits(groupId))
  orgNames = (member: Member) => this.run(() => this.org.orgNames(member))
  importOrg = (batch: OrgBatch, now: string) => this.recorded(() => this.orgChanges.importOrg(batch, now))
  orgSnapshot = () => this.run(() => this.orgChanges.orgSnapshot())
  orgTree = () => this.run(() => this.orgRoster.orgTree())
  mergeOrg = (kind: OrgKind, fromId: string, intoId: string, now: string) => this.recorded(() => this.orgChanges.mergeOrg(kind, fromId, intoId, now))
  moveMembers = (memberIds: string[], to: Omit<Placement, 'youthGroupId'> & { youthGroupId?: string | null }, now: string) =>
    this.recorded(() => this.orgChanges.moveMembers(memberIds, to, now))
  setPartyStatus = (memberIds: string[], status: PartyStatus) => this.recorded(() => this.orgChanges.setPartyStatus(memberIds, status))
  rosterOn = (scope: { kind: 'branch' | 'partyGroup'; ids: string[] }, at: string) => this.run(() => this.orgRoster.rosterOn(scope, at))
  listMembersOfUnit = (unitId: string, query: string | undefined, includeInactive: boolean, limit: number) =>
    this.run(() => this.org.listMembersOfUnit(unitId, query, includeInactive, limit))
  setRoleGrant = (memberId: string, grant: RoleGrant, on: boolean) => this.recorded(() => this.org.setRoleGrant(memberId, grant, on))

  // ---- activities ----
  insertActivity = (draft: ActivityDraft & { qrSecret: string }, now: string) => this.recorded(() => this.activities.insert(draft, now))
  updateActivity = (id: string, patch: Partial<ActivityDraft>, now: string) => this.recorded(() => this.activities.update(id, patch, now))
  getActivity = (id: string) => this.run(() => this.activities.get(id))
  getQrSecret = (activityId: string) => this.run(() => this.activities.qrSecret(activityId))
  listActivitiesForMember = (member: Member, since: string, limit: number) => this.run(() => this.activities.listForMember(member, since, limit))
  listStartedActivitiesForMember = (member: Member, window: { startedBy: string; endingFrom: string }, limit: number) =>
    this.run(() => this.activities.listStartedForMember(member, window, limit))
  listActivitiesOfUnits = (unitIds: string[], limit: number) => this.run(() => this.activities.listOfUnits(unitIds, limit))
  countCheckIns = (activityIds: string[]) => this.run(() => this.activities.countCheckIns(activityIds))

  // ---- branch meetings: records, amendments, leave, photos ----
  listMeetings = (filter: MeetingFilter) => this.run(() => this.meetings.listMeetings(filter))
  getMeetingRecord = (activityId: string) => this.run(() => this.meetings.getMeetingRecord(activityId))
  meetingRecords = (activityIds: string[]) => this.run(() => this.meetings.meetingRecords(activityIds))
  saveMeetingRecord = (record: MeetingRecord) => this.recorded(() => this.meetings.saveMeetingRecord(record))
  recordsInState = (unitIds: string[] | null, state: RecordState, limit: number) => this.run(() => this.meetings.recordsInState(unitIds, state, limit))
  insertAmendment = (a: Omit<RecordAmendment, 'id'>) => this.recorded(() => this.meetings.insertAmendment(a))
  listAmendments = (activityIds: string[]) => this.run(() => this.meetings.listAmendments(activityIds))
  insertLeave = (l: Omit<LeaveRequest, 'id' | 'status' | 'reviewedBy' | 'reviewedAt' | 'comment'>) => this.recorded(() => this.meetings.insertLeave(l))
  getLeave = (id: string) => this.run(() => this.meetings.getLeave(id))
  decideLeave = (id: string, decision: Parameters<Store['decideLeave']>[1]) => this.recorded(() => this.meetings.decideLeave(id, decision))
  leavesOf = (activityIds: string[]) => this.run(() => this.meetings.leavesOf(activityIds))
  leavesOfMember = (memberId: string, activityIds: string[]) => this.run(() => this.meetings.leavesOfMember(memberId, activityIds))
  putPhoto = (p: Omit<StoredPhoto, 'id'>) => this.run(() => this.photos.putPhoto(p))
  getPhoto = (id: string) => this.run(() => this.photos.getPhoto(id))

  // ---- obligations: targets, the checklist, scores, 民主生活会, 述职, evidence, and the evaluators' reads ----
  savedTargets = () => this.run(() => this.obligations.savedTargets())
  saveTarget = (t: Target) => this.recorded(() => this.obligations.saveTarget(t))
  getChecklist = () => this.run(() => this.obligations.getChecklist())
  saveChecklist = (c: Checklist) => this.recorded(() => this.obligations.saveChecklist(c))
  branchScores = (year: string, unitIds: string[] | null) => this.run(() => this.obligations.branchScores(year, unitIds))
  saveBranchScore = (score: BranchScore) => this.recorded(() => this.obligations.saveBranchScore(score))
  democraticMeetings = (fromIso: string, toIso: string, unitIds: string[] | null) => this.run(() => this.obligations.democraticMeetings(fromIso, toIso, unitIds))
  insertDemocraticMeeting = (m: Parameters<Store['insertDemocraticMeeting']>[0]) => this.recorded(() => this.obligations.insertDemocraticMeeting(m))
  dutyReports = (year: string, unitIds: string[] | null) => this.run(() => this.obligations.dutyReports(year, unitIds))
  getDutyReport = (id: string) => this.run(() => this.obligations.getDutyReport(id))
  saveDutyReport = (r: Parameters<Store['saveDutyReport']>[0]) => this.recorded(() => this.obligations.saveDutyReport(r))
  appraiseDutyReport = (id: string, a: Parameters<Store['appraiseDutyReport']>[1]) => this.recorded(() => this.obligations.appraiseDutyReport(id, a))
  putEvidence = (f: Parameters<Store['putEvidence']>[0]) => this.run(() => this.obligations.putEvidence(f))
  getEvidence = (id: string) => this.run(() => this.obligations.getEvidence(id))
  evidenceFiles = (ids: string[]) => this.run(() => this.obligations.evidenceFiles(ids))
  obligationOrg = () => this.run(() => this.obligationReads.obligationOrg())
  youthGroupData = (day: string, ageLimit: number, fromIso: string, toIso: string) => this.run(() => this.obligationReads.youthGroupData(day, ageLimit, fromIso, toIso))
  rhythmMeetings = (fromIso: string, toIso: string) => this.run(() => this.obligationReads.rhythmMeetings(fromIso, toIso))
  cadres = (ranks: CadreRank[]) => this.run(() => this.obligationReads.cadres(ranks))
  trainingAttendance = (targetId: string) => this.run(() => this.obligationReads.trainingAttendance(targetId))

  // ---- check-ins and the ledger ----
  recordCheckIn = (checkIn: NewCheckIn, credit: NewCredit | null, dailyCap?: DailyCap) => this.run(() => this.checkIns.record(checkIn, credit, dailyCap))
  findCheckIn = (activityId: string, memberId: string) => this.run(() => this.checkIns.find(activityId, memberId))
  checkedInActivityIds = (memberId: string, activityIds: string[]) => this.run(() => this.checkIns.checkedInActivityIds(memberId, activityIds))
  creditsOf = (activityId: string, memberId: string) => this.run(() => this.credits.of(activityId, memberId))
  getLedgerEntry = (id: string) => this.run(async () => (await this.db.read(COL.ledger, id).then((d) => (d ? toLedger(d) : null))))
  reverseCredit = (entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }) =>
    this.recorded(() => this.credits.reverse(entry, by, at, note, request))
  pointsCreditedBetween = (memberId: string, fromIso: string, toIso: string) => this.run(() => this.credits.pointsBetween(memberId, fromIso, toIso))
  listRecordsOfMember = (memberId: string, kind: ActivityKind | undefined, limit: number) => this.run(() => this.attendance.recordsOfMember(memberId, kind, limit))
  listAttendance = (activityId: string) => this.run(() => this.attendance.attendance(activityId))
  listAbsent = (activity: Parameters<Store['listAbsent']>[0]) => this.run(() => this.attendance.absent(activity))
  countAudience = (activity: Parameters<Store['countAudience']>[0]) => this.run(() => this.attendance.countAudience(activity))

  // ---- sign-up and capacity ----
  signUp = (activityId: string, memberId: string, capacity: number | null, at: string) => this.run(() => this.activities.signUp(activityId, memberId, capacity, at))
  withdrawSignUp = (activityId: string, memberId: string) => this.run(() => this.activities.withdrawSignUp(activityId, memberId))
  countSignUps = (activityIds: string[]) => this.run(() => this.activities.countSignUps(activityIds))
  signedUpActivityIds = (memberId: string, activityIds: string[]) => this.run(() => this.activities.signedUpActivityIds(memberId, activityIds))

  // ---- volunteer check-out and hours ----
  recordCheckOut = (checkInId: string, at: string, credit: NewCredit | null, pendingHours: number, dailyCap?: DailyCap) =>
    this.run(() => this.checkIns.recordCheckOut(checkInId, at, credit, pendingHours, dailyCap))
  volunteerHoursBetween = (memberId: string, fromIso: string, toIso: string) => this.run(() => this.attendance.volunteerHoursBetween(memberId, fromIso, toIso))
  appendCredit = (activityId: string, memberId: string, credit: NewCredit, dailyCap?: DailyCap) =>
    this.recorded(async () => (await this.credits.append(activityId, memberId, credit, dailyCap ?? null, newId())).entry)
  getHourClaim = (id: string) => this.run(() => this.reviews.getHourClaim(id))
  decideHourClaim = (id: string, approve: boolean, reviewer: string, at: string, credit: NewCredit | null, dailyCap?: DailyCap) =>
    this.recorded(() => this.reviews.decideHourClaim(id, approve, reviewer, at, credit, dailyCap))
  listHourClaims = (activityId: string, status: 'pending' | 'approved' | 'rejected') => this.run(() => this.reviews.listHourClaims(activityId, status))
  hourClaimsOf = (activityId: string, memberId: string, status: 'pending' | 'approved' | 'rejected') => this.run(() => this.reviews.hourClaimsOf(activityId, memberId, status))

  // ---- make-ups ----
  insertMakeup = (m: Omit<Makeup, 'id'>) => this.run(() => this.reviews.insertMakeup(m))
  getMakeup = (id: string) => this.run(() => this.reviews.getMakeup(id))
  decideMakeup = (
    id: string,
    decision: { approve: boolean; reviewer: string; comment: string | null; at: string },
    checkIn: NewCheckIn | null,
    credit: NewCredit | null,
    dailyCap?: DailyCap,
  ) => this.recorded(() => this.reviews.decideMakeup(id, decision, checkIn, credit, dailyCap))
  listMakeupsOfActivity = (activityId: string, status?: Makeup['status']) => this.run(() => this.reviews.listMakeupsOfActivity(activityId, status))
  listMakeupsOfMember = (memberId: string, limit: number) => this.run(() => this.reviews.listMakeupsOfMember(memberId, limit))
  makeupsOf = (activityId: string, memberId: string, status?: Makeup['status']) => this.run(() => this.reviews.makeupsOf(activityId, memberId, status))
  makeupsOfMemberFor = (memberId: string, activityIds: string[]) => this.run(() => this.reviews.makeupsOfMemberFor(memberId, activityIds))

  // ---- sessions and resets ----
  revokeSession = (sid: string, memberId: string, at: string, expiresAt: string) => this.run(() => this.admin.revokeSession(sid, memberId, at, expiresAt))
  sessionMember = (sid: string, memberId: string, issuedAt: string) =>
    this.run(async () => {
      if (await this.admin.isRevoked(sid)) return null
      const { exists, after } = await this.org.sessionsValidAfter(memberId)
      return exists && (!after || issuedAt >= after) ? this.org.getMember(memberId) : null
    })
  resetMemberAccess = (memberId: string, newBindCode: string, at: string) => this.recorded(() => this.org.resetMemberAccess(memberId, newBindCode, at))
  noteSignIn = (memberId: string, at: string) => this.run(() => this.org.noteSignIn(memberId, at))

  // ---- audit log and settings ----
  appendAudit = (entry: Parameters<Store['appendAudit']>[0]) => this.run(() => this.admin.appendAudit(entry))
  listAudit = (filter: AuditFilter, limit: number) => this.run(() => this.admin.listAudit(filter, limit))
  auditActors = (unitIds: string[] | undefined) => this.run(() => this.admin.auditActors(unitIds))
  auditNames: Store['auditNames'] = (ids) => this.run(() => this.admin.auditNames(ids))
  getSetting = (key: string) => this.run(() => this.admin.getSetting(key))
  putSetting = (key: string, value: string) => this.run(() => this.admin.putSetting(key, value))
  readView = (key: string) => this.run(() => this.admin.readView(key))
  writeViews = (views: ReadyView[]) => this.run(() => this.admin.writeViews(views))

  // ---- snapshots, certificates, policy versions, and counter repair ----
  insertSnapshot = (s: Snapshot) => this.recorded(() => this.records.insertSnapshot(s))
  latestSnapshot = (period?: string) => this.run(() => this.records.latestSnapshot(period))
  insertObjection: Store['insertObjection'] = (o) => this.recorded(() => this.records.insertObjection(o))
  objectionsOf = (period: string) => this.run(() => this.records.objectionsOf(period))
  getObjection = (id: string) => this.run(() => this.records.getObjection(id))
  resolveObjection = (id: string, r: ObjectionResolution) => this.recorded(() => this.records.resolveObjection(id, r))
  objectionsResolvedBetween = (fromIso: string, toIso: string) => this.run(() => this.records.objectionsResolvedBetween(fromIso, toIso))
  findCertificate = (memberId: string, period: string, hours: number) => this.run(() => this.records.findCertificate(memberId, period, hours))
  certificateBySerial = (serial: string) => this.run(() => this.records.certificateBySerial(serial))
  insertCertificate = (c: Omit<Certificate, 'serial'>) => this.run(() => this.records.insertCertificate(c))
  policyVersions = () => this.run(() => this.records.policyVersions())
  insertPolicyVersion = (v: Omit<PolicyVersion, 'seq'>) => this.recorded(() => this.records.insertPolicyVersion(v))
  /** Finish what a crash left half written, recompute the counters from the ledger, recount seats (reconcile.ts). */
  reconcileCounters = () => this.run(() => this.reconciler.run())
  repairPending = () => this.run(() => this.reconciler.repairPending())
  /** A few units' members at a time (reconcile.ts), resumable from the cursor. */
  reconcileStep = (cursor: string | null) => this.run(() => this.reconciler.step(cursor))

  // ---- reminders: inboxes, preferences, subscriptions, and what a dispatch run reads ----
  deliverOnce = (d: Delivery) => this.run(() => this.notify.deliverOnce(d))
  deliveredKeys = (pairs: { key: string; memberId: string }[]) => this.run(() => this.notify.deliveredKeys(pairs))
  markPushed = (messageId: string) => this.run(() => this.notify.markPushed(messageId))
  inbox = (memberId: string, before: string | null, limit: number) => this.run(() => this.notify.inbox(memberId, before, limit))
  unreadCount = (memberId: string) => this.run(() => this.notify.unreadCount(memberId))
  markRead = (memberId: string, which: string[] | 'all', at: string) => this.run(() => this.notify.markRead(memberId, which, at))
  getPreferences = (memberId: string) => this.run(() => this.notify.getPreferences(memberId))
  preferencesOf = (memberIds: string[]) => this.run(() => this.notify.preferencesOf(memberIds))
  setKindsOff = (memberId: string, off: NotifyKind[]) => this.run(() => this.notify.setKindsOff(memberId, off))
  addSubscriptions = (memberId: string, templates: SubscribeTemplate[]) => this.run(() => this.notify.addSubscriptions(memberId, templates))
  spendSubscription = (memberId: string, template: SubscribeTemplate) => this.run(() => this.notify.spendSubscription(memberId, template))
  openIdsOf = (memberIds: string[]) => this.run(() => this.notify.openIdsOf(memberIds))
  activitiesStarting = (fromIso: string, toIso: string) => this.run(() => this.notifyReads.activitiesStarting(fromIso, toIso))
  openShifts = (fromIso: string, toIso: string) => this.run(() => this.notifyReads.openShifts(fromIso, toIso))
  decisionsBetween = (fromIso: string, toIso: string) => this.run(() => this.notifyReads.decisionsBetween(fromIso, toIso))
  recordsReturned = (fromIso: string, toIso: string) => this.run(() => this.notifyReads.recordsReturned(fromIso, toIso))

  // ---- readiness ----
  ping = () => this.run(async () => void (await this.db.coll(COL.settings).limit(1).get()))
  /** The SDK keeps no connection to close. */
  close = async (): Promise<void> => {}
}

/** The read side, each call waiting for the collections like the Store's own. */
function readyStats(s: CloudBaseStats, run: <T>(fn: () => Promise<T>) => Promise<T>): StatsStore {
  return {
    dataVersion: () => run(() => s.dataVersion()),
    latestCreditSeq: () => run(() => s.latestCreditSeq()),
    units: () => run(() => s.units()),
    unitTotals: (periods, kind) => run(() => s.unitTotals(periods, kind)),
    participation: (period, kind) => run(() => s.participation(period, kind)),
    memberScores: (period, kinds, measure, unitId, youthOn) => run(() => s.memberScores(period, kinds, measure, unitId, youthOn)),
    sessionCounts: (from, to) => run(() => s.sessionCounts(from, to)),
    nextSessionStart: (from) => run(() => s.nextSessionStart(from)),
    groupAttendance: (from, to) => run(() => s.groupAttendance(from, to)),
    ledgerOf: (memberId, from, to, kinds) => run(() => s.ledgerOf(memberId, from, to, kinds)),
    volunteerSummary: (memberId, from, to) => run(() => s.volunteerSummary(memberId, from, to)),
    certificateSubject: (memberId) => run(() => s.certificateSubject(memberId)),
  }
}
