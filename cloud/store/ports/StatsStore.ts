/**
 * The read side for dashboards, boards, selection and certificates: it only reads (counters keep
 * it cheap). What the stats functions write lives in RecordsStore; counter repair in CounterStore.
 */
import type { ActivityKind } from '../../contract/vocabulary'

export interface MemberScoreRow {
  memberId: string
  name: string
  unitId: string
  unitName: string
  birthDate: string | null
  youthGroupId: string | null
  score: number
  credits: number
  reachedAt: string | null
}

/** Sessions for everyone, and per unit and youth group they were for. */
export interface SessionCounts {
  all: number
  byUnit: Map<string, number>
  byGroup: Map<string, number>
}

/** Only youth: members at most `ageLimit` years old on `day` (a period's first day). */
export interface YouthOn {
  day: string
  ageLimit: number
}

export interface StatsStore {
  /**
   * A number that changes whenever any data this store reads may have changed, for exact read
   * caches; null where the store cannot tell cheaply (then nothing is cached).
   */
  dataVersion(): Promise<number | null>
  /** The newest ledger entry's sequence number (0 with none): while it stays put, no score has moved. */
  latestCreditSeq(): Promise<number>
  /** Every unit, by id. */
  units(): Promise<{ id: string; name: string }[]>
  /** Counter totals of a kind per unit for each period key. */
  unitTotals(periods: string[], kind: ActivityKind): Promise<{ unitId: string; period: string; points: number; hours: number; credits: number }[]>
  /** Active members per unit, and those with any credit of a kind in a period. */
  participation(period: string, kind: ActivityKind): Promise<{ unitId: string; members: number; participants: number }[]>
  /**
   * Every active member's score over some kinds in a period (points, or hours with `measure`),
   * of one unit with `unitId`, only youth with `youthOn`.
   */
  memberScores(period: string, kinds: ActivityKind[], measure: 'points' | 'hours', unitId?: string, youthOn?: YouthOn): Promise<MemberScoreRow[]>
  /** Study and lecture sessions that have started in the range, counted by audience. */
  sessionCounts(fromIso: string, toIso: string): Promise<SessionCounts>
  /**
   * When the next published study or lecture session starts, at or after `fromIso` (null: none).
   * Until then, what "sessions that have started" counts stays the same.
   */
  nextSessionStart(fromIso: string): Promise<string | null>
  /** Per member: sessions of their own youth group in the range, and how many they attended. */
  groupAttendance(fromIso: string, toIso: string): Promise<Map<string, { sessions: number; attended: number }>>
  /** A member's ledger entries in the range, with their activity's title and sub-label (讲座 · 处长讲坛) as 我的记录 shows them. */
  ledgerOf(memberId: string, fromIso: string, toIso: string, kinds: ActivityKind[]): Promise<{ id: string; at: string; activityTitle: string; kind: ActivityKind; subKind: string | null; points: number; hours: number; method: string; reversesId: string | null; note: string | null }[]>
  volunteerSummary(memberId: string, fromIso: string, toIso: string): Promise<{ hours: number; activities: number }>
  /** Name, ID number (may be missing) and unit of a certificate's holder. */
  certificateSubject(memberId: string): Promise<{ name: string; idNumber: string | null; unitId: string; unitName: string } | null>
}
