/**
 * Shapes of the study-model selection (青年理论学习标兵评选): the frozen list on public notice (公示) and
 * the objections (异议) members raise about it. Times are ISO-8601 strings in UTC. `model.ts`
 * re-exports them; no zod here, so pages import the labels without the validation code.
 */

/**
 * Where a list stands: on notice (公示中); notice over with objections still to resolve (待处理异议);
 * final (the record of the selection); or withdrawn because an objection to the whole list was upheld.
 */
export type SelectionStatus = 'notice' | 'review' | 'final' | 'withdrawn'

export const SELECTION_STATUS_LABEL: Record<SelectionStatus, string> = {
  notice: '公示中',
  review: '待处理异议',
  final: '已确定',
  withdrawn: '已撤销',
}

export type ObjectionStatus = 'pending' | 'upheld' | 'dismissed'
export type ObjectionOutcome = Exclude<ObjectionStatus, 'pending'>

export const OBJECTION_STATUS_LABEL: Record<ObjectionStatus, string> = {
  pending: '待处理',
  upheld: '异议成立',
  dismissed: '异议不成立',
}

/** One person on the list, as frozen; an upheld objection marks the entry cancelled, never removes it. */
export interface SnapshotEntry {
  rank: number
  memberId: string
  name: string
  unitName: string
  score: number
  attendanceRate: number
  groupAttendanceRate: number
  /** 异议成立，已取消: the objection that cancelled the entry and the city admin's comment. */
  cancelled?: { objectionId: string; at: string; comment: string }
}

/**
 * An objection to a list: about one entry (`memberId`), or the list as a whole (`memberId` null).
 * Who raised it (`objectorName`) is shown to city admins only.
 */
export interface Objection {
  id: string
  snapshotId: string
  period: string
  memberId: string | null
  /** The entry's name as the list shows it. */
  memberName: string | null
  objectorId: string
  objectorName: string
  reason: string
  filedAt: string
  status: ObjectionStatus
  resolvedBy: string | null
  resolverName: string | null
  comment: string | null
  resolvedAt: string | null
}

/** What a member sees of an objection they raised: no names of who raised or resolved it. */
export type MyObjection = Omit<Objection, 'objectorId' | 'objectorName' | 'resolvedBy' | 'resolverName'>

export interface SnapshotResult {
  id: string
  period: string
  status: SelectionStatus
  rules: { topN: number; minGroupAttendance: number }
  entries: SnapshotEntry[]
  /** The city admin who froze it. */
  frozenBy: string
  frozenAt: string
  noticeUntil: string
  /** Objections not resolved yet: after the notice the list is final only once this is 0. */
  pendingObjections: number
  /** Why the list was withdrawn: the upheld objection to the whole list. */
  withdrawn: { objectionId: string; at: string; comment: string } | null
  /** The caller's own objections to this period's lists, newest first. */
  mine: MyObjection[]
}

/** The city admin's view of a period's objections: every one, with who raised it. */
export interface ObjectionsResult {
  period: string
  /** The list they are about now (the latest of the period), or null when none was frozen. */
  snapshotId: string | null
  status: SelectionStatus | null
  pending: number
  /** Pending first, then the newest; objections to an earlier (withdrawn) list included. */
  objections: Objection[]
}
