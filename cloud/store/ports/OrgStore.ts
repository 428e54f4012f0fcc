import type { Member, Unit } from '../../contract/model'
import type { OrgBatch, OrgSnapshot } from '../../domain/roster'

export type { OrgBatch, OrgSnapshot }

/** Units, branches and youth groups, and the roster import that writes them with their members. */
export interface OrgStore {
  getUnit(id: string): Promise<Unit | null>
  /** Which of these unit or youth group ids do not exist. */
  missingOrgIds(kind: 'unit' | 'group', ids: string[]): Promise<string[]>
  /** The units a youth group is formed by (a joint group has several); null if there is no such group. */
  youthGroupUnits(groupId: string): Promise<string[] | null>
  orgNames(member: Member): Promise<{ unitName: string; branchName: string | null; youthGroupName: string | null }>
  /** Insert or update organisation rows by id, all or nothing. */
  importOrg(batch: OrgBatch, now: string): Promise<void>
  /** The whole organisation with phones and bind codes, for planning an import. */
  orgSnapshot(): Promise<OrgSnapshot>
}
