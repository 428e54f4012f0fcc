/**
 * The Store contract: one suite that every adapter passes, each test on a fresh empty store with
 * the same organisation imported. `sqlite.test.ts` and `cloudbase.test.ts` run it.
 */
import type { StoreFactory } from './fixtures'
import { useStore } from './fixtures'
import { activityContract } from './parts/activities'
import { adminContract } from './parts/admin'
import { attendanceContract } from './parts/attendance'
import { branchContract } from './parts/branch'
import { checkInContract } from './parts/checkins'
import { missedReadsContract } from './parts/missedReads'
import { notifyContract } from './parts/notify'
import { objectionsContract } from './parts/objections'
import { obligationReadsContract } from './parts/obligationReads'
import { obligationsContract } from './parts/obligations'
import { orgContract } from './parts/org'
import { orgAdminContract } from './parts/orgAdmin'
import { recordsContract } from './parts/records'
import { statsContract } from './parts/stats'

export type { StoreFactory }

export function storeContract(factory: StoreFactory): void {
  const env = useStore(factory)
  describe('people and organisation', () => orgContract(env))
  describe('branches, 党小组 and moves', () => orgAdminContract(env))
  describe('branch meetings: records, leave and photos', () => branchContract(env))
  describe('activities and sign-ups', () => activityContract(env))
  describe('check-ins, the ledger and hours', () => checkInContract(env))
  describe('make-ups and attendance', () => attendanceContract(env))
  describe('what the 未签到 list reads', () => missedReadsContract(env))
  describe('sessions, audit and settings', () => adminContract(env))
  describe('read side and reconcile', () => statsContract(env))
  describe('certificates, snapshots and policy versions', () => recordsContract(env))
  describe('objections to a selection list', () => objectionsContract(env))
  describe('obligations records: targets, checklist, scores, 民主生活会, 述职, evidence', () => obligationsContract(env))
  describe('what the obligations evaluators read', () => obligationReadsContract(env))
  describe('reminders: inboxes, preferences, subscriptions and what a dispatch run reads', () => notifyContract(env))
}
