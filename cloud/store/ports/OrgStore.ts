import type { Branch, Member, OrgTree, PartyGroup, Placement, Unit, YouthGroup } from '../../contract/model'
import type { PartyStatus } from '../../contract/vocabulary'
import type { OrgBatch, OrgSnapshot } from '../../domain/roster'

export type { OrgBatch, OrgSnapshot }

/** The kinds of organisation the admin's org page edits. */
export type OrgKind = 'unit' | 'branch' | 'partyGroup' | 'youthGroup'

/** A member as the roll of a meeting sees them on its day: where they belonged then, and their grants now. */
export type MemberOnDay = Member & { placement: Placement }

/**
 * Units, branches, 党小组 and youth groups; the roster import that writes them with their members;
 * the changes an admin makes in the app (create, rename, merge, move members), with the history of
 * every member's placement so old records keep the old membership. A member who changes unit (a
 * move, a merge, an import) takes their credit totals from the old unit's counters to the new
 * one's: a unit counts what its current members earned, as reconcile recounts it.
 */
export interface OrgStore {
  getUnit(id: string): Promise<Unit | null>
  getBranch(id: string): Promise<Branch | null>
  getPartyGroup(id: string): Promise<PartyGroup | null>
  getYouthGroup(id: string): Promise<YouthGroup | null>
  /** A branch's 党小组 (merged ones left out), by name. */
  partyGroupsOf(branchId: string): Promise<PartyGroup[]>
  /** Branches (with their unit) of these branch ids, or of these 党小组 ids' branches, keyed by the id asked. */
  branchesOf(kind: 'branch' | 'partyGroup', ids: string[]): Promise<Map<string, Branch>>
  /** Which of these unit, youth group, branch or 党小组 ids do not exist (merged ones count as gone). */
  missingOrgIds(kind: OrgKind | 'group', ids: string[]): Promise<string[]>
  /** The units a youth group is formed by (a joint group has several); null if there is no such group. */
  youthGroupUnits(groupId: string): Promise<string[] | null>
  orgNames(member: Member): Promise<{ unitName: string; branchName: string | null; partyGroupName: string | null; youthGroupName: string | null }>
  /** Insert or update organisation rows by id, all or nothing (creating and renaming go through here too). */
  importOrg(batch: OrgBatch, now: string): Promise<void>
  /** The whole organisation with phones and bind codes, for planning an import. */
  orgSnapshot(): Promise<OrgSnapshot>
  /** Units, branches with officers and 党小组, youth groups, with active head counts; merged nodes left out. */
  orgTree(): Promise<OrgTree>
  /**
   * Merge `fromId` into `intoId` (same kind): members move (each move kept in the history), a unit's
   * branches and a branch's 党小组 move under the target, grants on `fromId` move to `intoId` (branch
   * grants of a merged branch are dropped: the merged branch keeps its own officers), youth group
   * memberships of units are rewritten; `fromId` is marked merged and kept for old records. Answers
   * how many members moved. StoreError `notFound` if either is missing or already merged.
   */
  mergeOrg(kind: OrgKind, fromId: string, intoId: string, now: string): Promise<{ membersMoved: number }>
  /**
   * Place members (youthGroupId undefined: keep theirs), recording each change of placement with its
   * time; members already there are left alone. Answers how many moved.
   */
  moveMembers(memberIds: string[], to: Omit<Placement, 'youthGroupId'> & { youthGroupId?: string | null }, now: string): Promise<number>
  setPartyStatus(memberIds: string[], status: PartyStatus): Promise<number>
  /**
   * Active members who at `at` belonged to one of these branches (or 党小组): their placement then,
   * from the history of moves (a member who joined after `at` is left out).
   */
  rosterOn(scope: { kind: 'branch' | 'partyGroup'; ids: string[] }, at: string): Promise<MemberOnDay[]>
}
