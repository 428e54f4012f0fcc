/**
 * The port every function talks to, composed of one small port per aggregate (ports/): a use case
 * that needs only make-ups can take a `ReviewStore`, a handler the whole `Store`. Methods speak the
 * domain's language; each adapter (sqlite for the local world, cloudbase for WeChat) implements
 * them natively. All methods are async so both worlds fit the same shape. Refusals are
 * `StoreError`s with a typed kind (errors.ts), never text a member reads.
 */
import type { ActivityStore } from './ports/ActivityStore'
import type { AttendanceStore } from './ports/AttendanceStore'
import type { AuditStore } from './ports/AuditStore'
import type { CheckInStore } from './ports/CheckInStore'
import type { CounterStore } from './ports/CounterStore'
import type { CreditStore } from './ports/CreditStore'
import type { MeetingStore } from './ports/MeetingStore'
import type { MemberStore } from './ports/MemberStore'
import type { NotifyStore } from './ports/NotifyStore'
import type { ObligationStore } from './ports/ObligationStore'
import type { OrgStore } from './ports/OrgStore'
import type { PhotoStore } from './ports/PhotoStore'
import type { RecordsStore } from './ports/RecordsStore'
import type { ReviewStore } from './ports/ReviewStore'
import type { SessionStore } from './ports/SessionStore'
import type { SettingsStore } from './ports/SettingsStore'
import type { SignUpStore } from './ports/SignUpStore'
import type { StatsStore } from './ports/StatsStore'
import type { ViewStore } from './ports/ViewStore'

export type {
  ActivityStore,
  AttendanceStore,
  AuditStore,
  CheckInStore,
  CounterStore,
  CreditStore,
  MeetingStore,
  MemberStore,
  NotifyStore,
  ObligationStore,
  OrgStore,
  PhotoStore,
  RecordsStore,
  ReviewStore,
  SessionStore,
  SettingsStore,
  SignUpStore,
  StatsStore,
  ViewStore,
}
export type { MeetingFilter } from './ports/MeetingStore'
export type { Decision, Delivery, OpenShift, ReturnedRecord, StartingActivity } from './ports/NotifyStore'
export type { MemberOnDay, OrgKind } from './ports/OrgStore'
export type { StoredPhoto } from './ports/PhotoStore'
export type { AuditFilter, AuditNames } from './ports/AuditStore'
export type { NewCheckIn, RecordCheckInResult } from './ports/CheckInStore'
export type { CounterDrift, ReconcileStep } from './ports/CounterStore'
export type { DailyCap, NewCredit } from './ports/CreditStore'
export type { RosterMember } from './ports/MemberStore'
export type { OrgBatch, OrgSnapshot } from './ports/OrgStore'
export type { Certificate, ObjectionResolution, PolicyVersion, Snapshot } from './ports/RecordsStore'
export type { MakeupDecision } from './ports/ReviewStore'
export type { MemberScoreRow, SessionCounts, YouthOn } from './ports/StatsStore'
export type { ReadyView } from './ports/ViewStore'

export interface Store
  extends MemberStore,
    OrgStore,
    ActivityStore,
    SignUpStore,
    CheckInStore,
    CreditStore,
    ReviewStore,
    AttendanceStore,
    SessionStore,
    AuditStore,
    SettingsStore,
    RecordsStore,
    ViewStore,
    CounterStore,
    MeetingStore,
    PhotoStore,
    ObligationStore,
    NotifyStore {
  /** The read side for dashboards and boards: reads only, and its identity keys their read cache. */
  readonly stats: StatsStore

  // readiness
  ping(): Promise<void>
  close(): Promise<void>
}
