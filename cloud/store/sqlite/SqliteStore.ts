/**
 * The Store on SQLite (better-sqlite3, WAL). Each concern lives in its own file over one shared
 * connection (connection.ts: pragmas, migrations, prepared statements); this class wires them and
 * owns what spans them: group commit for check-ins, and the checkpointer thread.
 *
 * Where CloudBase writes one record at a time, every write here is one transaction: a check-in
 * with its credit and counters (checkins.ts, credits.ts), a decision with what it grants (reviews.ts).
 */
import type Database from 'better-sqlite3'
import type { Store } from '../Store'
import { Activities } from './activities'
import { Admin } from './admin'
import { Attendance } from './attendance'
import { Checkpointer } from './checkpointer'
import { CheckIns } from './checkins'
import { type Conn, open, type SqliteOptions } from './connection'
import { Credits } from './credits'
import { GroupCommit } from './groupCommit'
import { Meetings, Photos } from './meetings'
import { Notify } from './notify'
import { ObligationReads } from './obligationReads'
import { EvidenceFiles, ObligationRecords } from './obligations'
import { Org } from './org'
import { OrgChanges } from './orgChanges'
import { Reconciler } from './reconcile'
import { Records } from './records'
import { Reviews } from './reviews'
import { Sessions } from './sessions'
import { SqliteStats } from './stats'

export type { SqliteOptions }

export class SqliteStore implements Store {
  readonly db: Database.Database
  readonly stats: SqliteStats
  private readonly sql: Conn['sql']
  private readonly commits: GroupCommit
  private readonly checkpointer?: Checkpointer
  private readonly org: Org
  private readonly orgChanges: OrgChanges
  private readonly activities: Activities
  private readonly credits: Credits
  private readonly checkIns: CheckIns
  private readonly reviews: Reviews
  private readonly attendance: Attendance
  private readonly sessions: Sessions
  private readonly admin: Admin
  private readonly records: Records
  private readonly reconciler: Reconciler
  private readonly meetings: Meetings
  private readonly photos: Photos
  private readonly obligations: ObligationRecords
  private readonly evidence: EvidenceFiles
  private readonly obligationReads: ObligationReads
  private readonly notify: Notify

  constructor(file: string, opts: SqliteOptions = {}) {
    const conn = open(file, opts)
    this.db = conn.db
    this.sql = conn.sql
    this.stats = new SqliteStats(conn)
    this.commits = new GroupCommit(this.db, () => this.checkpointer?.committed())
    if (opts.backgroundCheckpoints) {
      // 10,000 pages (40 MB of log) only if the checkpointer thread has stopped.
      this.db.pragma('wal_autocheckpoint = 10000')
      this.checkpointer = new Checkpointer(file, opts.checkpointEveryMs)
    }
    this.org = new Org(conn)
    this.orgChanges = new OrgChanges(conn)
    this.activities = new Activities(conn)
    this.credits = new Credits(conn)
    this.checkIns = new CheckIns(conn, this.credits, this.commits)
    this.reviews = new Reviews(conn, this.credits, this.checkIns)
    this.attendance = new Attendance(conn)
    this.sessions = new Sessions(conn)
    this.admin = new Admin(conn)
    this.records = new Records(conn)
    this.reconciler = new Reconciler(conn)
    this.meetings = new Meetings(conn)
    this.photos = new Photos(conn, file)
    this.obligations = new ObligationRecords(conn)
    this.evidence = new EvidenceFiles(conn, file)
    this.obligationReads = new ObligationReads(conn)
    this.notify = new Notify(conn)
  }

  // ---- members and organisation ----
  getMember: Store['getMember'] = (id) => this.org.getMember(id)
  findMemberByBindCode: Store['findMemberByBindCode'] = (bindCode) => this.org.findMemberByBindCode(bindCode)
  findMemberByOpenId: Store['findMemberByOpenId'] = (openId) => this.org.findMemberByOpenId(openId)
  bindOpenId: Store['bindOpenId'] = (memberId, openId) => this.org.bindOpenId(memberId, openId)
  listMembersOfUnit: Store['listMembersOfUnit'] = (unitId, query, includeInactive, limit) => this.org.listMembersOfUnit(unitId, query, includeInactive, limit)
  setRoleGrant: Store['setRoleGrant'] = (memberId, grant, on) => this.org.setRoleGrant(memberId, grant, on)
  getUnit: Store['getUnit'] = (id) => this.org.getUnit(id)
  getBranch: Store['getBranch'] = (id) => this.org.getBranch(id)
  getPartyGroup: Store['getPartyGroup'] = (id) => this.org.getPartyGroup(id)
  partyGroupsOf: Store['partyGroupsOf'] = (branchId) => this.org.partyGroupsOf(branchId)
  getYouthGroup: Store['getYouthGroup'] = (id) => this.org.getYouthGroup(id)
  branchesOf: Store['branchesOf'] = (kind, ids) => this.org.branchesOf(kind, ids)
  missingOrgIds: Store['missingOrgIds'] = (kind, ids) => this.org.missingOrgIds(kind, ids)
  youthGroupUnits: Store['youthGroupUnits'] = (groupId) => this.org.youthGroupUnits(groupId)
  orgNames: Store['orgNames'] = (member) => this.org.orgNames(member)
  importOrg: Store['importOrg'] = (batch, now) => this.orgChanges.importOrg(batch, now)
  orgSnapshot: Store['orgSnapshot'] = () => this.org.orgSnapshot()
  orgTree: Store['orgTree'] = () => this.org.orgTree()
  mergeOrg: Store['mergeOrg'] = (kind, fromId, intoId, now) => this.orgChanges.mergeOrg(kind, fromId, intoId, now)
  moveMembers: Store['moveMembers'] = (memberIds, to, now) => this.orgChanges.moveMembers(memberIds, to, now)
  setPartyStatus: Store['setPartyStatus'] = (memberIds, status) => this.orgChanges.setPartyStatus(memberIds, status)
  rosterOn: Store['rosterOn'] = (scope, at) => this.org.rosterOn(scope, at)

  // ---- activities and sign-ups ----
  insertActivity: Store['insertActivity'] = (draft, now) => this.activities.insertActivity(draft, now)
  updateActivity: Store['updateActivity'] = (id, patch, now) => this.activities.updateActivity(id, patch, now)
  getActivity: Store['getActivity'] = (id) => this.activities.getActivity(id)
  getQrSecret: Store['getQrSecret'] = (activityId) => this.activities.getQrSecret(activityId)
  listActivitiesForMember: Store['listActivitiesForMember'] = (member, since, limit) => this.activities.listActivitiesForMember(member, since, limit)
  listStartedActivitiesForMember: Store['listStartedActivitiesForMember'] = (member, window, limit) => this.activities.listStartedActivitiesForMember(member, window, limit)
  listActivitiesOfUnits: Store['listActivitiesOfUnits'] = (unitIds, limit) => this.activities.listActivitiesOfUnits(unitIds, limit)
  countCheckIns: Store['countCheckIns'] = (activityIds) => this.activities.countCheckIns(activityIds)
  signUp: Store['signUp'] = (activityId, memberId, capacity, at) => this.activities.signUp(activityId, memberId, capacity, at)
  withdrawSignUp: Store['withdrawSignUp'] = (activityId, memberId) => this.activities.withdrawSignUp(activityId, memberId)
  countSignUps: Store['countSignUps'] = (activityIds) => this.activities.countSignUps(activityIds)
  signedUpActivityIds: Store['signedUpActivityIds'] = (memberId, activityIds) => this.activities.signedUpActivityIds(memberId, activityIds)

  // ---- check-ins and check-outs ----
  recordCheckIn: Store['recordCheckIn'] = (checkIn, credit, dailyCap) => this.checkIns.recordCheckIn(checkIn, credit, dailyCap)
  findCheckIn: Store['findCheckIn'] = (activityId, memberId) => this.checkIns.findCheckIn(activityId, memberId)
  checkedInActivityIds: Store['checkedInActivityIds'] = (memberId, activityIds) => this.checkIns.checkedInActivityIds(memberId, activityIds)
  recordCheckOut: Store['recordCheckOut'] = (checkInId, at, credit, pendingHours, dailyCap) =>
    this.checkIns.recordCheckOut(checkInId, at, credit, pendingHours, dailyCap)

  // ---- the ledger ----
  creditsOf: Store['creditsOf'] = (activityId, memberId) => this.credits.creditsOf(activityId, memberId)
  getLedgerEntry: Store['getLedgerEntry'] = (id) => this.credits.getLedgerEntry(id)
  appendCredit: Store['appendCredit'] = (activityId, memberId, credit, dailyCap) => this.credits.appendCredit(activityId, memberId, credit, dailyCap)
  reverseCredit: Store['reverseCredit'] = (entry, by, at, note, request) => this.credits.reverseCredit(entry, by, at, note, request)
  pointsCreditedBetween: Store['pointsCreditedBetween'] = (memberId, fromIso, toIso) => this.credits.pointsCreditedBetween(memberId, fromIso, toIso)
  volunteerHoursBetween: Store['volunteerHoursBetween'] = (memberId, fromIso, toIso) => this.credits.volunteerHoursBetween(memberId, fromIso, toIso)
  reconcileCounters: Store['reconcileCounters'] = () => this.reconciler.reconcileCounters()
  /** Every write here is one transaction: nothing is ever left half done. */
  repairPending: Store['repairPending'] = async () => 0
  /** The whole city in one step (under two seconds at 20,000 members and a million check-ins). */
  reconcileStep: Store['reconcileStep'] = async () => ({ cursor: null, ...(await this.reconciler.reconcileCounters()) })

  // ---- make-ups and hour claims ----
  insertMakeup: Store['insertMakeup'] = (m) => this.reviews.insertMakeup(m)
  getMakeup: Store['getMakeup'] = (id) => this.reviews.getMakeup(id)
  decideMakeup: Store['decideMakeup'] = (id, decision, checkIn, credit, dailyCap) => this.reviews.decideMakeup(id, decision, checkIn, credit, dailyCap)
  listMakeupsOfActivity: Store['listMakeupsOfActivity'] = (activityId, status) => this.reviews.listMakeupsOfActivity(activityId, status)
  listMakeupsOfMember: Store['listMakeupsOfMember'] = (memberId, limit) => this.reviews.listMakeupsOfMember(memberId, limit)
  makeupsOf: Store['makeupsOf'] = (activityId, memberId, status) => this.reviews.makeupsOf(activityId, memberId, status)
  makeupsOfMemberFor: Store['makeupsOfMemberFor'] = (memberId, activityIds) => this.reviews.makeupsOfMemberFor(memberId, activityIds)
  getHourClaim: Store['getHourClaim'] = (id) => this.reviews.getHourClaim(id)
  decideHourClaim: Store['decideHourClaim'] = (id, approve, reviewer, at, credit, dailyCap) => this.reviews.decideHourClaim(id, approve, reviewer, at, credit, dailyCap)
  listHourClaims: Store['listHourClaims'] = (activityId, status) => this.reviews.listHourClaims(activityId, status)
  hourClaimsOf: Store['hourClaimsOf'] = (activityId, memberId, status) => this.reviews.hourClaimsOf(activityId, memberId, status)

  // ---- attendance ----
  listRecordsOfMember: Store['listRecordsOfMember'] = (memberId, kind, limit) => this.attendance.listRecordsOfMember(memberId, kind, limit)
  listAttendance: Store['listAttendance'] = (activityId) => this.attendance.listAttendance(activityId)
  listAbsent: Store['listAbsent'] = (activity) => this.attendance.listAbsent(activity)
  countAudience: Store['countAudience'] = (activity) => this.attendance.countAudience(activity)

  // ---- sessions, audit log and settings ----
  revokeSession: Store['revokeSession'] = (sid, memberId, at, expiresAt) => this.sessions.revokeSession(sid, memberId, at, expiresAt)
  sessionMember: Store['sessionMember'] = (sid, memberId, issuedAt) => this.sessions.sessionMember(sid, memberId, issuedAt)
  resetMemberAccess: Store['resetMemberAccess'] = (memberId, newBindCode, at) => this.sessions.resetMemberAccess(memberId, newBindCode, at)
  noteSignIn: Store['noteSignIn'] = (memberId, at) => this.sessions.noteSignIn(memberId, at)
  appendAudit: Store['appendAudit'] = (entry) => this.admin.appendAudit(entry)
  listAudit: Store['listAudit'] = (filter, limit) => this.admin.listAudit(filter, limit)
  auditActors: Store['auditActors'] = (unitIds) => this.admin.auditActors(unitIds)
  auditNames: Store['auditNames'] = (ids) => this.admin.auditNames(ids)
  getSetting: Store['getSetting'] = (key) => this.admin.getSetting(key)
  putSetting: Store['putSetting'] = (key, value) => this.admin.putSetting(key, value)
  readView: Store['readView'] = (key) => this.admin.readView(key)
  writeViews: Store['writeViews'] = (views) => this.admin.writeViews(views)

  // ---- snapshots, certificates and policy versions ----
  insertSnapshot: Store['insertSnapshot'] = (s) => this.records.insertSnapshot(s)
  latestSnapshot: Store['latestSnapshot'] = (period) => this.records.latestSnapshot(period)
  insertObjection: Store['insertObjection'] = (o) => this.records.insertObjection(o)
  objectionsOf: Store['objectionsOf'] = (period) => this.records.objectionsOf(period)
  getObjection: Store['getObjection'] = (id) => this.records.getObjection(id)
  resolveObjection: Store['resolveObjection'] = (id, r) => this.records.resolveObjection(id, r)
  objectionsResolvedBetween: Store['objectionsResolvedBetween'] = (fromIso, toIso) => this.records.objectionsResolvedBetween(fromIso, toIso)
  findCertificate: Store['findCertificate'] = (memberId, period, hours) => this.records.findCertificate(memberId, period, hours)
  certificateBySerial: Store['certificateBySerial'] = (serial) => this.records.certificateBySerial(serial)
  insertCertificate: Store['insertCertificate'] = (c) => this.records.insertCertificate(c)
  policyVersions: Store['policyVersions'] = () => this.records.policyVersions()
  insertPolicyVersion: Store['insertPolicyVersion'] = (v) => this.records.insertPolicyVersion(v)

  // ---- branch meetings: records, amendments, leave, photos ----
  listMeetings: Store['listMeetings'] = (filter) => this.meetings.listMeetings(filter)
  getMeetingRecord: Store['getMeetingRecord'] = (activityId) => this.meetings.getMeetingRecord(activityId)
  meetingRecords: Store['meetingRecords'] = (activityIds) => this.meetings.meetingRecords(activityIds)
  saveMeetingRecord: Store['saveMeetingRecord'] = (record) => this.meetings.saveMeetingRecord(record)
  recordsInState: Store['recordsInState'] = (unitIds, state, limit) => this.meetings.recordsInState(unitIds, state, limit)
  insertAmendment: Store['insertAmendment'] = (a) => this.meetings.insertAmendment(a)
  listAmendments: Store['listAmendments'] = (activityIds) => this.meetings.listAmendments(activityIds)
  insertLeave: Store['insertLeave'] = (l) => this.meetings.insertLeave(l)
  getLeave: Store['getLeave'] = (id) => this.meetings.getLeave(id)
  decideLeave: Store['decideLeave'] = (id, decision) => this.meetings.decideLeave(id, decision)
  leavesOf: Store['leavesOf'] = (activityIds) => this.meetings.leavesOf(activityIds)
  leavesOfMember: Store['leavesOfMember'] = (memberId, activityIds) => this.meetings.leavesOfMember(memberId, activityIds)
  putPhoto: Store['putPhoto'] = (p) => this.photos.putPhoto(p)
  getPhoto: Store['getPhoto'] = (id) => this.photos.getPhoto(id)

  // ---- obligations: targets, the checklist, scores, 民主生活会, 述职, evidence; the evaluators' reads ----
  savedTargets: Store['savedTargets'] = () => this.obligations.savedTargets()
  saveTarget: Store['saveTarget'] = (t) => this.obligations.saveTarget(t)
  getChecklist: Store['getChecklist'] = () => this.obligations.getChecklist()
  saveChecklist: Store['saveChecklist'] = (c) => this.obligations.saveChecklist(c)
  branchScores: Store['branchScores'] = (year, unitIds) => this.obligations.branchScores(year, unitIds)
  saveBranchScore: Store['saveBranchScore'] = (s) => this.obligations.saveBranchScore(s)
  democraticMeetings: Store['democraticMeetings'] = (fromIso, toIso, unitIds) => this.obligations.democraticMeetings(fromIso, toIso, unitIds)
  insertDemocraticMeeting: Store['insertDemocraticMeeting'] = (m) => this.obligations.insertDemocraticMeeting(m)
  dutyReports: Store['dutyReports'] = (year, unitIds) => this.obligations.dutyReports(year, unitIds)
  getDutyReport: Store['getDutyReport'] = (id) => this.obligations.getDutyReport(id)
  saveDutyReport: Store['saveDutyReport'] = (r) => this.obligations.saveDutyReport(r)
  appraiseDutyReport: Store['appraiseDutyReport'] = (id, a) => this.obligations.appraiseDutyReport(id, a)
  putEvidence: Store['putEvidence'] = (f) => this.evidence.putEvidence(f)
  getEvidence: Store['getEvidence'] = (id) => this.evidence.getEvidence(id)
  evidenceFiles: Store['evidenceFiles'] = (ids) => this.evidence.evidenceFiles(ids)
  obligationOrg: Store['obligationOrg'] = () => this.obligationReads.obligationOrg()
  youthGroupData: Store['youthGroupData'] = (day, ageLimit, fromIso, toIso) => this.obligationReads.youthGroupData(day, ageLimit, fromIso, toIso)
  rhythmMeetings: Store['rhythmMeetings'] = (fromIso, toIso) => this.obligationReads.rhythmMeetings(fromIso, toIso)
  cadres: Store['cadres'] = (ranks) => this.obligationReads.cadres(ranks)
  trainingAttendance: Store['trainingAttendance'] = (targetId) => this.obligationReads.trainingAttendance(targetId)

  // ---- reminders: inboxes, preferences, subscriptions; what a dispatch run reads ----
  deliverOnce: Store['deliverOnce'] = (d) => this.notify.deliverOnce(d)
  deliveredKeys: Store['deliveredKeys'] = (pairs) => this.notify.deliveredKeys(pairs)
  markPushed: Store['markPushed'] = (messageId) => this.notify.markPushed(messageId)
  inbox: Store['inbox'] = (memberId, before, limit) => this.notify.inbox(memberId, before, limit)
  unreadCount: Store['unreadCount'] = (memberId) => this.notify.unreadCount(memberId)
  markRead: Store['markRead'] = (memberId, ids, at) => this.notify.markRead(memberId, ids, at)
  getPreferences: Store['getPreferences'] = (memberId) => this.notify.getPreferences(memberId)
  preferencesOf: Store['preferencesOf'] = (memberIds) => this.notify.preferencesOf(memberIds)
  setKindsOff: Store['setKindsOff'] = (memberId, off) => this.notify.setKindsOff(memberId, off)
  addSubscriptions: Store['addSubscriptions'] = (memberId, templates) => this.notify.addSubscriptions(memberId, templates)
  spendSubscription: Store['spendSubscription'] = (memberId, template) => this.notify.spendSubscription(memberId, template)
  openIdsOf: Store['openIdsOf'] = (memberIds) => this.notify.openIdsOf(memberIds)
  activitiesStarting: Store['activitiesStarting'] = (fromIso, toIso) => this.notify.activitiesStarting(fromIso, toIso)
  openShifts: Store['openShifts'] = (fromIso, toIso) => this.notify.openShifts(fromIso, toIso)
  decisionsBetween: Store['decisionsBetween'] = (fromIso, toIso) => this.notify.decisionsBetween(fromIso, toIso)
  recordsReturned: Store['recordsReturned'] = (fromIso, toIso) => this.notify.recordsReturned(fromIso, toIso)

  // ---- readiness ----
  async ping() {
    this.sql('SELECT 1').get()
  }

  /** Group commits so far: how many, and how long their COMMIT waited (null before the first). */
  commitTimes() {
    return this.commits.commitTimes.summary()
  }

  async close() {
    await this.checkpointer?.close()
    this.db.close()
    this.photos.close()
    this.evidence.close()
  }
}
