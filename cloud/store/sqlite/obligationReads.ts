/**
 * What the obligations evaluators read across the city, on SQLite: one statement per kind of
 * thing (a city is 20,000 members and 100 units), grouped and ordered by the database.
 * Attendance counts as on the boards (sqlText.ATTENDED): a check-in whose credit was not reversed;
 * an approved make-up is a check-in too (method `makeup`).
 */
import type { CadreRank, MeetingType, RecordState } from '../../contract/vocabulary'
import type { ObligationOrg, RhythmMeeting, TrainingInput, YouthGroupInput } from '../../domain/obligations/inputs'
import { ConnPart } from './part'
import { type Row, cadreRankOf, str, strOrNull } from './rows'
import { ATTENDED, MONTH } from './sqlText'
import { youthFilter } from './stats'

export class ObligationReads extends ConnPart {
  async obligationOrg(): Promise<ObligationOrg> {
    const units = (this.sql('SELECT id, name FROM units WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
    const branches = (this.sql('SELECT id, name, unit_id, created_at FROM branches WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitId: str(r.unit_id),
      createdAt: strOrNull(r.created_at),
    }))
    const partyGroups = (this.sql('SELECT id, name, branch_id FROM party_groups WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      branchId: str(r.branch_id),
    }))
    // A branch with two secretaries on record shows the first by member number.
    const secretaryRows = this.sql(
        `SELECT r.branch_id, m.name FROM member_roles r JOIN members m ON m.id = r.member_id JOIN branches b ON b.id = r.branch_id
         WHERE r.role = 'branchSecretary' AND m.active = 1 AND b.merged_into IS NULL
         ORDER BY m.member_no`,
      )
      .all() as Row[]
    const secretaries = new Map<string, string>()
    for (const r of secretaryRows) if (!secretaries.has(str(r.branch_id))) secretaries.set(str(r.branch_id), str(r.name))
    return { units, branches, partyGroups, secretaries }
  }

  /**
   * Youth picked as coverage picks them (birth dates compared as text, then tested exactly); a
   * group's session in a month is, as the boards count group meetings, a published study session
   * addressed to the group that someone attended: the first such start per Shanghai month.
   */
  async youthGroupData(day: string, ageLimit: number, fromIso: string, toIso: string): Promise<Omit<YouthGroupInput, 'policyAgeLimit'>> {
    const youth = youthFilter({ day, ageLimit }, 'birth_date')
    const members = (
      this.sql(`SELECT id, name, unit_id, branch_id, youth_group_id, birth_date FROM members WHERE ${['active = 1', ...youth.where].join(' AND ')} ORDER BY id`).all(
        youth.params,
      ) as Row[]
    )
      .map((r) => ({
        id: str(r.id),
        name: str(r.name),
        unitId: str(r.unit_id),
        branchId: strOrNull(r.branch_id),
        youthGroupId: strOrNull(r.youth_group_id),
        birthDate: strOrNull(r.birth_date),
      }))
      .filter((m) => youth.test(m.birthDate))
    const links = this.sql('SELECT group_id, unit_id FROM youth_group_units ORDER BY unit_id').all() as Row[]
    const groups = (this.sql('SELECT id, name FROM youth_groups WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: links.filter((l) => l.group_id === r.id).map((l) => str(l.unit_id)),
    }))
    const rows = this.sql(
        `SELECT aa.scope_id AS group_id, ${MONTH('a.start_at')} AS month, MIN(a.start_at) AS first
         FROM activities a JOIN activity_audience aa ON aa.activity_id = a.id AND aa.scope_type = 'group'
         WHERE a.kind = 'study' AND a.status = 'published' AND a.start_at >= ? AND a.start_at < ?
           AND EXISTS (SELECT 1 FROM check_ins c WHERE c.activity_id = a.id AND ${ATTENDED('c')})
         GROUP BY 1, 2`,
      )
      .all(fromIso, toIso) as Row[]
    const sessions = new Map<string, Map<string, string>>()
    for (const r of rows) {
      const months = sessions.get(str(r.group_id)) ?? new Map<string, string>()
      months.set(str(r.month), str(r.first))
      sessions.set(str(r.group_id), months)
    }
    return { members, groups, sessions }
  }

  /**
   * Every unit's published branch meetings with their records' state, filing and filed roll's counts;
   * a meeting nobody has written up yet has its record still to draft. The 党小组 of a 党小组会 is the first of its
   * audience, as meetingAccess.partyGroupOfMeeting reads it.
   */
  async rhythmMeetings(fromIso: string, toIso: string): Promise<RhythmMeeting[]> {
    const rows = this.sql(
        `SELECT a.id, a.title, a.unit_id, a.branch_id, a.meeting_type, a.meeting_period, a.start_at,
           CASE WHEN a.audience_type = 'partyGroups' THEN json_extract(a.audience_json, '$.partyGroupIds[0]') END AS party_group_id,
           r.state, r.submitted_at,
           -- The filed roll's counts only: its rows stay in the record.
           json_extract(r.filed_roll_json, '$.expected') AS filed_expected, json_extract(r.filed_roll_json, '$.present') AS filed_present,
           json_extract(r.filed_roll_json, '$.leave') AS filed_leave
         FROM activities a LEFT JOIN meeting_records r ON r.activity_id = a.id
         -- The meetings by time (activities_meetings_start), not every published activity (+ keeps the status index out).
         WHERE a.meeting_type IS NOT NULL AND a.branch_id IS NOT NULL AND +a.status = 'published' AND a.start_at >= ? AND a.start_at < ?
         ORDER BY a.start_at, a.id`,
      )
      .all(fromIso, toIso) as Row[]
    return rows.map((r) => ({
      activityId: str(r.id),
      title: str(r.title),
      unitId: str(r.unit_id),
      branchId: str(r.branch_id),
      partyGroupId: strOrNull(r.party_group_id),
      type: str(r.meeting_type) as MeetingType,
      forPeriod: str(r.meeting_period),
      startAt: str(r.start_at),
      recordState: (strOrNull(r.state) ?? 'draft') as RecordState,
      submittedAt: strOrNull(r.submitted_at),
      tally: r.filed_expected == null ? null : { expected: Number(r.filed_expected), present: Number(r.filed_present), leave: Number(r.filed_leave) },
    }))
  }

  async cadres(ranks: CadreRank[]): Promise<TrainingInput['cadres']> {
    if (ranks.length === 0) return []
    const rows = this.sql(
        `SELECT id, name, unit_id, branch_id, cadre_rank FROM members
         WHERE active = 1 AND cadre_rank IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(ranks)) as Row[]
    return rows.flatMap((r) => {
      const cadreRank = cadreRankOf(r.cadre_rank)
      return cadreRank ? [{ id: str(r.id), name: str(r.name), unitId: str(r.unit_id), branchId: strOrNull(r.branch_id), cadreRank }] : []
    })
  }

  /** Counted check-ins to the target's published activities, earliest first; the first per member is theirs. */
  async trainingAttendance(targetId: string): Promise<TrainingInput['attended']> {
    const rows = this.sql(
        `SELECT c.member_id, c.checked_in_at, a.id, a.title
         FROM activities a JOIN check_ins c ON c.activity_id = a.id
         WHERE a.target_id = ? AND a.status = 'published' AND ${ATTENDED('c')}
         ORDER BY c.checked_in_at, a.id`,
      )
      .all(targetId) as Row[]
    const out: TrainingInput['attended'] = new Map()
    for (const r of rows) {
      const memberId = str(r.member_id)
      if (!out.has(memberId)) out.set(memberId, { at: str(r.checked_in_at), activityId: str(r.id), title: str(r.title) })
    }
    return out
  }
}
