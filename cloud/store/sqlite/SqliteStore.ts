import Database from 'better-sqlite3'
import type {
  AbsentRow,
  Activity,
  AuditEntry,
  AttendanceRow,
  HourClaim,
  HourClaimView,
  LedgerEntry,
  Makeup,
  MakeupView,
  Member,
  MyRecord,
  RoleGrant,
  Unit,
} from '../../contract/model'
import type { Audience } from '../../contract/schemas'
import type { ActivityKind, CreditMethod, ReviewStatus, Role } from '../../contract/vocabulary'
import type { ActivityDraft } from '../../domain/activity'
import { capDailyPoints } from '../../domain/checkIn'
import { DomainError } from '../../domain/errors'
import { periodKeys } from '../../domain/time'
import { newId, newSeqId } from '../ids'
import type { OrgSnapshot } from '../../domain/roster'
import type { AuditFilter, DailyCap, NewCheckIn, NewCredit, OrgBatch, RecordCheckInResult, Store } from '../Store'
import { Checkpointer } from './checkpointer'
import { GroupCommit } from './groupCommit'
import { statementCache } from './statements'
import { MIGRATIONS } from './migrations'
import { SqliteStats } from './SqliteStats'
import { type Row, str, strOrNull, toActivity, toCheckIn, toHourClaim, toLedger, toMakeup } from './rows'

/** One check-in per member and activity: a conflicting twin inserts nothing. */
const INSERT_CHECK_IN = `INSERT INTO check_ins (id, activity_id, member_id, checked_in_at, method, distance_m, accuracy_m, device, ip, idempotency_key)
  VALUES (@id, @activityId, @memberId, @checkedInAt, @method, @distanceM, @accuracyM, @device, @ip, @idempotencyKey)
  ON CONFLICT DO NOTHING`

/** An activity's fields as the columns of the activities table. */
const activityParams = (a: ActivityDraft) => ({
  ...a,
  lat: a.place?.lat ?? null,
  lng: a.place?.lng ?? null,
  radiusM: a.place?.radiusM ?? null,
  audienceType: a.audience.type,
  audienceJson: JSON.stringify(a.audience),
  signUpRequired: a.signUpRequired ? 1 : 0,
})

/** A role grant from its three columns; scope fields only where set. */
function grantOf(role: unknown, unitId: unknown, groupId: unknown): RoleGrant {
  const grant: RoleGrant = { role: str(role) as Role }
  if (unitId) grant.unitId = str(unitId)
  if (groupId) grant.groupId = str(groupId)
  return grant
}

const ACTIVITY_CACHE_SIZE = 256

/** Cached objects are shared by every caller, so none of them may change one. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

export interface SqliteOptions {
  /** FULL makes every acknowledged write survive a power cut; NORMAL is for throwaway test files. */
  synchronous?: 'FULL' | 'NORMAL'
  /** Checkpoint the write-ahead log from a thread of its own (the server), not inside commits. */
  backgroundCheckpoints?: boolean
  /** With background checkpoints: the pass that runs whether or not a commit asked for one (ms). */
  checkpointEveryMs?: number
}

export class SqliteStore implements Store {
  readonly db: Database.Database
  readonly stats: SqliteStats
  private readonly sql: (sql: string) => Database.Statement
  private readonly commits: GroupCommit

  constructor(file: string, opts: SqliteOptions = {}) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`)
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    // 8 MB of page cache (the driver's default is 16 MB): dashboards are served from the read
    // cache, and the hot check-in pages are few; the server's memory budget is 150 MB in all.
    this.db.pragma('cache_size = -8000')
    this.sql = statementCache(this.db)
    this.migrate()
    this.stats = new SqliteStats(this.db)
    this.commits = new GroupCommit(this.db, () => this.checkpointer?.committed())
    if (opts.backgroundCheckpoints) {
      // 10,000 pages (40 MB of log) only if the checkpointer thread has stopped.
      this.db.pragma('wal_autocheckpoint = 10000')
      this.checkpointer = new Checkpointer(file, opts.checkpointEveryMs)
    }
  }

  private readonly checkpointer?: Checkpointer

  private migrate(): void {
    const version = Number(this.db.pragma('user_version', { simple: true }))
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v])
        this.db.pragma(`user_version = ${v + 1}`)
      })()
    }
  }

  // ---- rows → domain ----

  private rolesOf(memberIds: string[]): Map<string, RoleGrant[]> {
    const out = new Map<string, RoleGrant[]>()
    if (memberIds.length === 0) return out
    const rows = this.sql(`SELECT member_id, role, unit_id, group_id FROM member_roles WHERE member_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(memberIds)) as Row[]
    for (const r of rows) {
      const list = out.get(str(r.member_id)) ?? []
      list.push(grantOf(r.role, r.unit_id, r.group_id))
      out.set(str(r.member_id), list)
    }
    return out
  }

  private toMember(r: Row | undefined): Member | null {
    if (!r) return null
    const id = str(r.id)
    // One member (every request's caller): a plain indexed lookup, not the json_each list form.
    const grants = (this.sql('SELECT role, unit_id, group_id FROM member_roles WHERE member_id = ?').all(id) as Row[]).map((g) =>
      grantOf(g.role, g.unit_id, g.group_id),
    )
    return this.memberOf(r, new Map([[id, grants]]))
  }

  private memberOf(r: Row, rolesById: Map<string, RoleGrant[]>): Member {
    const id = str(r.id)
    const roles = rolesById.get(id) ?? []
    return {
      id,
      memberNo: str(r.member_no),
      name: str(r.name),
      unitId: str(r.unit_id),
      branchId: strOrNull(r.branch_id),
      youthGroupId: strOrNull(r.youth_group_id),
      birthDate: strOrNull(r.birth_date),
      roles: roles.length ? roles : [{ role: 'member' }],
      active: r.active === 1,
    }
  }

  // ---- people and organisation ----

  async getMember(id: string) {
    return this.toMember(this.sql('SELECT * FROM members WHERE id = ?').get(id) as Row | undefined)
  }

  async findMemberByBindCode(bindCode: string) {
    return this.toMember(
      this.sql('SELECT * FROM members WHERE bind_code = ? AND active = 1').get(bindCode.toUpperCase()) as
        | Row
        | undefined,
    )
  }

  async findMemberByOpenId(openId: string) {
    return this.toMember(
      this.sql('SELECT * FROM members WHERE open_id = ? AND active = 1').get(openId) as Row | undefined,
    )
  }

  async bindOpenId(memberId: string, openId: string) {
    // One WeChat account, one member: an OPENID bound elsewhere is refused, not an error.
    if (this.sql('SELECT 1 FROM members WHERE open_id = ? AND id <> ?').get(openId, memberId)) return false
    const { changes } = this.sql('UPDATE members SET open_id = ? WHERE id = ? AND (open_id IS NULL OR open_id = ?)')
      .run(openId, memberId, openId)
    return changes === 1
  }

  async getUnit(id: string): Promise<Unit | null> {
    const r = this.sql('SELECT id, name FROM units WHERE id = ?').get(id) as Row | undefined
    return r ? { id: str(r.id), name: str(r.name) } : null
  }

  async missingOrgIds(kind: 'unit' | 'group', ids: string[]) {
    const table = kind === 'unit' ? 'units' : 'youth_groups'
    const found = new Set(
      (this.sql(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map((r) => str(r.id)),
    )
    return ids.filter((id) => !found.has(id))
  }

  async orgNames(member: Member) {
    const r = this.sql(
        `SELECT u.name AS unit_name, b.name AS branch_name, g.name AS group_name
         FROM units u LEFT JOIN branches b ON b.id = ? LEFT JOIN youth_groups g ON g.id = ?
         WHERE u.id = ?`,
      )
      .get(member.branchId, member.youthGroupId, member.unitId) as Row | undefined
    return {
      unitName: r ? str(r.unit_name) : '',
      branchName: r ? strOrNull(r.branch_name) : null,
      youthGroupName: r ? strOrNull(r.group_name) : null,
    }
  }

  async importOrg(batch: OrgBatch, now: string) {
    const db = this.db
    const upUnit = db.prepare('INSERT INTO units (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    const upBranch = db.prepare(
      'INSERT INTO branches (id, unit_id, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET unit_id = excluded.unit_id, name = excluded.name',
    )
    const upGroup = db.prepare('INSERT INTO youth_groups (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    const clearGroupUnits = db.prepare('DELETE FROM youth_group_units WHERE group_id = ?')
    const addGroupUnit = db.prepare('INSERT INTO youth_group_units (group_id, unit_id) VALUES (?, ?)')
    const upMember = db.prepare(
      `INSERT INTO members (id, member_no, name, unit_id, branch_id, youth_group_id, birth_date, phone, bind_code, active, created_at, id_number)
       VALUES (@id, @memberNo, @name, @unitId, @branchId, @youthGroupId, @birthDate, @phone, @bindCode, @active, @now, @idNumber)
       ON CONFLICT(id) DO UPDATE SET member_no = excluded.member_no, name = excluded.name, unit_id = excluded.unit_id,
         branch_id = excluded.branch_id, youth_group_id = excluded.youth_group_id, birth_date = excluded.birth_date,
         phone = excluded.phone, active = excluded.active, id_number = excluded.id_number`,
    )
    const clearRoles = db.prepare('DELETE FROM member_roles WHERE member_id = ?')
    const addRole = db.prepare('INSERT INTO member_roles (member_id, role, unit_id, group_id) VALUES (?, ?, ?, ?)')
    db.transaction(() => {
      for (const u of batch.units) upUnit.run(u.id, u.name)
      for (const b of batch.branches) upBranch.run(b.id, b.unitId, b.name)
      for (const g of batch.youthGroups) {
        upGroup.run(g.id, g.name)
        clearGroupUnits.run(g.id)
        for (const u of g.unitIds) addGroupUnit.run(g.id, u)
      }
      for (const m of batch.members) {
        upMember.run({ ...m, idNumber: m.idNumber ?? null, active: m.active ? 1 : 0, now })
        clearRoles.run(m.id)
        for (const g of m.roles) addRole.run(m.id, g.role, g.unitId ?? null, g.groupId ?? null)
      }
    })()
  }

  async orgSnapshot(): Promise<OrgSnapshot> {
    const units = (this.sql('SELECT id, name FROM units').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
    const branches = (this.sql('SELECT id, unit_id, name FROM branches').all() as Row[]).map((r) => ({
      id: str(r.id),
      unitId: str(r.unit_id),
      name: str(r.name),
    }))
    const groupUnits = this.sql('SELECT group_id, unit_id FROM youth_group_units').all() as Row[]
    const youthGroups = (this.sql('SELECT id, name FROM youth_groups').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: groupUnits.filter((g) => g.group_id === r.id).map((g) => str(g.unit_id)),
    }))
    const rows = this.sql('SELECT * FROM members').all() as Row[]
    const roles = this.rolesOf(rows.map((r) => str(r.id)))
    const members = rows.map((r) => ({ ...this.memberOf(r, roles), phone: strOrNull(r.phone), bindCode: str(r.bind_code), idNumber: strOrNull(r.id_number) }))
    return { units, branches, youthGroups, members }
  }

  async listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number) {
    const like = query ? `%${query.replace(/[%_]/g, '')}%` : null
    const rows = this.sql(
        `SELECT * FROM members WHERE unit_id = @unitId AND (@all = 1 OR active = 1)
           AND (@like IS NULL OR name LIKE @like OR member_no LIKE @like)
         ORDER BY member_no LIMIT @limit`,
      )
      .all({ unitId, all: includeInactive ? 1 : 0, like, limit }) as Row[]
    const roles = this.rolesOf(rows.map((r) => str(r.id)))
    return rows.map((r) => ({
      ...this.memberOf(r, roles),
      phone: strOrNull(r.phone),
      idNumber: strOrNull(r.id_number),
      bindCode: str(r.bind_code),
      bound: r.open_id !== null,
    }))
  }

  async setRoleGrant(memberId: string, grant: RoleGrant, on: boolean) {
    if (!this.sql('SELECT 1 FROM members WHERE id = ?').get(memberId)) return false
    const args = [memberId, grant.role, grant.unitId ?? null, grant.groupId ?? null]
    const { changes } = on
      ? this.sql('INSERT INTO member_roles (member_id, role, unit_id, group_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(...args)
      : this.sql(`DELETE FROM member_roles WHERE member_id = ? AND role = ? AND ifnull(unit_id, '') = ifnull(?, '') AND ifnull(group_id, '') = ifnull(?, '')`)
          .run(...args)
    return changes > 0
  }

  // ---- activities ----

  async insertActivity(draft: ActivityDraft & { qrSecret: string }, now: string) {
    const id = newId()
    this.db.transaction(() => {
      this.sql(
          `INSERT INTO activities (id, kind, sub_kind, title, description, unit_id, organizer_id, start_at, end_at,
             check_in_opens_at, check_in_closes_at, check_out_closes_at, place_name, place_lat, place_lng, place_radius_m,
             audience_type, audience_json, capacity, sign_up_required, status, qr_secret, created_at, updated_at)
           VALUES (@id, @kind, @subKind, @title, @description, @unitId, @organizerId, @startAt, @endAt,
             @checkInOpensAt, @checkInClosesAt, @checkOutClosesAt, @placeName, @lat, @lng, @radiusM,
             @audienceType, @audienceJson, @capacity, @signUpRequired, @status, @qrSecret, @now, @now)`,
        )
        .run({ ...activityParams(draft), id, now })
      this.writeAudience(id, draft.audience)
    })()
    return (await this.getActivity(id)) as Activity
  }

  private writeAudience(activityId: string, audience: Audience) {
    this.sql('DELETE FROM activity_audience WHERE activity_id = ?').run(activityId)
    const add = this.sql('INSERT INTO activity_audience (activity_id, scope_type, scope_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
    if (audience.type === 'units') for (const u of audience.unitIds) add.run(activityId, 'unit', u)
    if (audience.type === 'groups') for (const g of audience.groupIds) add.run(activityId, 'group', g)
  }

  async updateActivity(id: string, patch: Partial<ActivityDraft>, now: string) {
    const current = await this.getActivity(id)
    if (!current) throw new DomainError('NOT_FOUND', '活动不存在')
    const next = { ...current, ...patch }
    this.db.transaction(() => {
      this.sql(
          `UPDATE activities SET kind = @kind, sub_kind = @subKind, title = @title, description = @description,
             start_at = @startAt, end_at = @endAt, check_in_opens_at = @checkInOpensAt, check_in_closes_at = @checkInClosesAt,
             check_out_closes_at = @checkOutClosesAt, place_name = @placeName, place_lat = @lat, place_lng = @lng,
             place_radius_m = @radiusM, audience_type = @audienceType, audience_json = @audienceJson, capacity = @capacity,
             sign_up_required = @signUpRequired, status = @status, updated_at = @now
           WHERE id = @id`,
        )
        .run({ ...activityParams(next), now })
      if (patch.audience) this.writeAudience(id, patch.audience)
    })()
    this.activityCache.delete(id)
    return (await this.getActivity(id)) as Activity
  }

  /**
   * Recently read activities with their QR secrets. A city-wide lecture puts thousands of
   * check-ins on one activity within minutes; each would otherwise read the same row twice.
   * This process is the only writer, and `insertActivity`/`updateActivity` drop the entry.
   */
  private readonly activityCache = new Map<string, { activity: Activity; qrSecret: string }>()

  private cachedActivity(id: string) {
    const hit = this.activityCache.get(id)
    if (hit) return hit
    const r = this.sql('SELECT * FROM activities WHERE id = ?').get(id) as Row | undefined
    if (!r) return null
    const entry = { activity: deepFreeze(toActivity(r)), qrSecret: str(r.qr_secret) }
    if (this.activityCache.size >= ACTIVITY_CACHE_SIZE) this.activityCache.delete(this.activityCache.keys().next().value as string)
    this.activityCache.set(id, entry)
    return entry
  }

  async getActivity(id: string) {
    return this.cachedActivity(id)?.activity ?? null
  }

  async getQrSecret(activityId: string) {
    return this.cachedActivity(activityId)?.qrSecret ?? null
  }

  async listActivitiesForMember(member: Member, since: string, limit: number) {
    const rows = this.sql(
        `SELECT * FROM activities a
         WHERE a.status = 'published' AND a.end_at > @since AND (
           a.audience_type = 'all'
           OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'unit' AND scope_id = @unitId)
           OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'group' AND scope_id = @groupId))
         ORDER BY a.start_at ASC LIMIT @limit`,
      )
      .all({ since, unitId: member.unitId, groupId: member.youthGroupId ?? '', limit }) as Row[]
    return rows.map((r) => toActivity(r))
  }

  async listActivitiesOfUnits(unitIds: string[], limit: number) {
    const rows = this.sql(
        `SELECT * FROM activities WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY start_at DESC LIMIT ?`,
      )
      .all(JSON.stringify(unitIds), limit) as Row[]
    return rows.map((r) => toActivity(r))
  }

  /** Rows per activity in a table keyed by activity, zero for those with none. */
  private countPerActivity(table: 'check_ins' | 'sign_ups', activityIds: string[]): Record<string, number> {
    const out: Record<string, number> = {}
    for (const id of activityIds) out[id] = 0
    if (activityIds.length === 0) return out
    const rows = this.sql(`SELECT activity_id, COUNT(*) AS n FROM ${table} WHERE activity_id IN (SELECT value FROM json_each(?)) GROUP BY activity_id`)
      .all(JSON.stringify(activityIds)) as Row[]
    for (const r of rows) out[str(r.activity_id)] = Number(r.n)
    return out
  }

  async countCheckIns(activityIds: string[]) {
    return this.countPerActivity('check_ins', activityIds)
  }

  // ---- check-ins and the ledger ----

  private insertCheckInStmt?: Database.Statement
  private insertLedgerStmt?: Database.Statement
  private bumpCounterStmt?: Database.Statement
  private bumpUnitCounterStmt?: Database.Statement

  /** Reduce a credit's points to what the daily cap leaves; read inside the caller's transaction. */
  private capped(memberId: string, credit: NewCredit, dailyCap?: DailyCap): NewCredit {
    if (!dailyCap || credit.points <= 0) return credit
    const already = this.pointsBetween(memberId, dailyCap.from, dailyCap.to)
    return { ...credit, points: capDailyPoints(credit.points, already, dailyCap.cap).points }
  }

  private appendCreditSync(activityId: string, memberId: string, credit: NewCredit): LedgerEntry {
    this.insertLedgerStmt ??= this.sql(
      `INSERT INTO ledger (id, member_id, activity_id, kind, points, hours, method, approved_by, created_at, device, ip, reverses_id, note)
       VALUES (@id, @memberId, @activityId, @kind, @points, @hours, @method, @approvedBy, @createdAt, @device, @ip, @reversesId, @note)`,
    )
    this.bumpCounterStmt ??= this.sql(
      `INSERT INTO member_counters (member_id, period, kind, points, hours, credits, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(member_id, period, kind) DO UPDATE SET points = points + excluded.points,
         hours = hours + excluded.hours, credits = credits + excluded.credits,
         last_at = max(ifnull(last_at, ''), excluded.last_at)`,
    )
    this.bumpUnitCounterStmt ??= this.sql(
      `INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits)
       SELECT unit_id, ?, ?, ?, ?, ? FROM members WHERE id = ?
       ON CONFLICT(unit_id, period, kind) DO UPDATE SET points = points + excluded.points,
         hours = hours + excluded.hours, credits = credits + excluded.credits`,
    )
    const entry: LedgerEntry = { ...credit, note: credit.note ?? null, id: newSeqId(), memberId, activityId }
    this.insertLedgerStmt.run(entry)
    // Counters move in the same transaction as the credit, so reads never scan the ledger.
    const delta = credit.reversesId ? -1 : 1
    // A reversal lands in the periods of the entry it reverses (see SqliteStats EFFECTIVE_AT).
    const original = credit.reversesId
      ? (this.sql('SELECT created_at FROM ledger WHERE id = ?').get(credit.reversesId) as Row | undefined)
      : undefined
    const effectiveAt = original ? str(original.created_at) : credit.createdAt
    for (const period of Object.values(periodKeys(new Date(effectiveAt)))) {
      this.bumpCounterStmt.run(memberId, period, credit.kind, credit.points, credit.hours, delta, effectiveAt)
      this.bumpUnitCounterStmt.run(period, credit.kind, credit.points, credit.hours, delta, memberId)
    }
    return entry
  }

  async recordCheckIn(checkIn: NewCheckIn, credit: NewCredit | null, dailyCap?: DailyCap): Promise<RecordCheckInResult> {
    this.insertCheckInStmt ??= this.sql(INSERT_CHECK_IN)
    const insert = this.insertCheckInStmt
    return this.commits.run((): RecordCheckInResult => {
      const id = newSeqId()
      // The unique key decides, not a read before the write: a concurrent twin simply inserts nothing.
      const { changes } = insert.run({ ...checkIn, id })
      if (changes === 0) {
        const existing = this.sql('SELECT * FROM check_ins WHERE activity_id = ? AND member_id = ?')
          .get(checkIn.activityId, checkIn.memberId) as Row | undefined
        if (!existing) throw new DomainError('CONFLICT', '该请求编号已用于另一次签到，请重新扫码')
        return { checkIn: toCheckIn(existing), created: false, credit: null }
      }
      const entry = credit ? this.appendCreditSync(checkIn.activityId, checkIn.memberId, this.capped(checkIn.memberId, credit, dailyCap)) : null
      return { checkIn: { ...checkIn, id, checkedOutAt: null }, created: true, credit: entry }
    })
  }

  async findCheckIn(activityId: string, memberId: string) {
    const r = this.sql('SELECT * FROM check_ins WHERE activity_id = ? AND member_id = ?')
      .get(activityId, memberId) as Row | undefined
    return r ? toCheckIn(r) : null
  }

  async checkedInActivityIds(memberId: string, activityIds: string[]) {
    const rows = this.sql(
        `SELECT activity_id FROM check_ins WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?))`,
      )
      .all(memberId, JSON.stringify(activityIds)) as Row[]
    return new Set(rows.map((r) => str(r.activity_id)))
  }

  async creditsOf(activityId: string, memberId: string) {
    const rows = this.sql('SELECT * FROM ledger WHERE activity_id = ? AND member_id = ? ORDER BY seq')
      .all(activityId, memberId) as Row[]
    return rows.map((r) => toLedger(r))
  }

  private pointsBetween(memberId: string, fromIso: string, toIso: string): number {
    const r = this.sql('SELECT COALESCE(SUM(points), 0) AS p FROM ledger WHERE member_id = ? AND created_at >= ? AND created_at < ?')
      .get(memberId, fromIso, toIso) as Row
    return Number(r.p)
  }

  async getLedgerEntry(id: string) {
    const r = this.sql('SELECT * FROM ledger WHERE id = ?').get(id) as Row | undefined
    return r ? toLedger(r) : null
  }

  async reverseCredit(entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }) {
    try {
      return await this.appendCredit(entry.activityId, entry.memberId, {
        kind: entry.kind,
        // `|| 0`: no negative zero in the ledger.
        points: -entry.points || 0,
        hours: -entry.hours || 0,
        method: 'manual',
        approvedBy: by,
        createdAt: at,
        device: request.device,
        ip: request.ip,
        reversesId: entry.id,
        note,
      })
    } catch (e) {
      // Match the SQLite code, not the class: the native module's error class may come from another realm.
      if ((e as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DomainError('CONFLICT', '这条记录已更正过，不能重复更正')
      throw e
    }
  }

  async pointsCreditedBetween(memberId: string, fromIso: string, toIso: string) {
    return this.pointsBetween(memberId, fromIso, toIso)
  }

  async listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]> {
    // The member's credits and pending hours summed once, each from its member index, rather than
    // looked up per record (twice in the ledger, and among every pending claim of the activity).
    const rows = this.sql(
        `WITH credit AS (
           SELECT activity_id, SUM(points) AS points, SUM(hours) AS hours FROM ledger WHERE member_id = @memberId GROUP BY activity_id),
         pending AS (
           SELECT activity_id, SUM(hours) AS hours FROM hour_claims WHERE member_id = @memberId AND status = 'pending' GROUP BY activity_id)
         SELECT c.id AS check_in_id, c.activity_id, c.checked_in_at, c.checked_out_at, c.method, a.title, a.kind, a.sub_kind, a.start_at,
           COALESCE(h.hours, 0) AS hours_pending, u.name AS unit_name, COALESCE(l.points, 0) AS points, COALESCE(l.hours, 0) AS hours
         FROM check_ins c JOIN activities a ON a.id = c.activity_id JOIN units u ON u.id = a.unit_id
           LEFT JOIN credit l ON l.activity_id = c.activity_id LEFT JOIN pending h ON h.activity_id = c.activity_id
         WHERE c.member_id = @memberId AND (@kind IS NULL OR a.kind = @kind)
         ORDER BY c.checked_in_at DESC LIMIT @limit`,
      )
      .all({ memberId, kind: kind ?? null, limit }) as Row[]
    return rows.map((r) => ({
      checkInId: str(r.check_in_id),
      activityId: str(r.activity_id),
      title: str(r.title),
      kind: str(r.kind) as ActivityKind,
      subKind: strOrNull(r.sub_kind),
      unitName: str(r.unit_name),
      startAt: str(r.start_at),
      checkedInAt: str(r.checked_in_at),
      checkedOutAt: strOrNull(r.checked_out_at),
      method: str(r.method) as CreditMethod,
      points: Number(r.points),
      hours: Number(r.hours),
      hoursPending: Number(r.hours_pending),
    }))
  }

  async listAttendance(activityId: string): Promise<AttendanceRow[]> {
    const rows = this.sql(
        `SELECT c.member_id, m.name, u.name AS unit_name, c.checked_in_at, c.checked_out_at, c.method,
           (SELECT COALESCE(SUM(points), 0) FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id) AS points,
           (SELECT COALESCE(SUM(hours), 0) FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id) AS hours,
           (SELECT COALESCE(SUM(hours), 0) FROM hour_claims h WHERE h.activity_id = c.activity_id AND h.member_id = c.member_id AND h.status = 'pending') AS hours_pending
         FROM check_ins c JOIN members m ON m.id = c.member_id JOIN units u ON u.id = m.unit_id
         WHERE c.activity_id = ? ORDER BY c.checked_in_at DESC`,
      )
      .all(activityId) as Row[]
    return rows.map((r) => ({
      memberId: str(r.member_id),
      name: str(r.name),
      unitName: str(r.unit_name),
      checkedInAt: str(r.checked_in_at),
      checkedOutAt: strOrNull(r.checked_out_at),
      method: str(r.method) as CreditMethod,
      points: Number(r.points),
      hours: Number(r.hours),
      hoursPending: Number(r.hours_pending),
    }))
  }

  /** SQL for the active members an activity is for; binds @unitIds and @groupIds as JSON arrays. */
  private audienceSql(a: Activity): { where: string; params: Record<string, string> } {
    const ids = JSON.stringify(a.audience.type === 'units' ? a.audience.unitIds : a.audience.type === 'groups' ? a.audience.groupIds : [])
    if (a.audience.type === 'all') return { where: 'm.active = 1', params: {} }
    const column = a.audience.type === 'units' ? 'm.unit_id' : 'm.youth_group_id'
    return { where: `m.active = 1 AND ${column} IN (SELECT value FROM json_each(@ids))`, params: { ids } }
  }

  async listAbsent(activity: Activity): Promise<AbsentRow[]> {
    const { where, params } = this.audienceSql(activity)
    const rows = this.sql(
        `SELECT m.id, m.name, u.name AS unit_name,
           (SELECT status FROM makeups k WHERE k.activity_id = @activityId AND k.member_id = m.id ORDER BY requested_at DESC LIMIT 1) AS makeup_status
         FROM members m JOIN units u ON u.id = m.unit_id
         WHERE ${where} AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.activity_id = @activityId AND c.member_id = m.id)
         ORDER BY u.name, m.member_no`,
      )
      .all({ ...params, activityId: activity.id }) as Row[]
    return rows.map((r) => ({
      memberId: str(r.id),
      name: str(r.name),
      unitName: str(r.unit_name),
      makeupStatus: (strOrNull(r.makeup_status) as ReviewStatus | null) ?? null,
    }))
  }

  async countAudience(activity: Activity) {
    const { where, params } = this.audienceSql(activity)
    const r = this.sql(`SELECT COUNT(*) AS n FROM members m WHERE ${where}`).get(params) as Row
    return Number(r.n)
  }

  // ---- sign-up ----

  async signUp(activityId: string, memberId: string, capacity: number | null, at: string) {
    return this.db.transaction((): 'created' | 'exists' | 'full' => {
      const exists = this.sql('SELECT 1 FROM sign_ups WHERE activity_id = ? AND member_id = ?').get(activityId, memberId)
      if (exists) return 'exists'
      if (capacity !== null) {
        const { n } = this.sql('SELECT COUNT(*) AS n FROM sign_ups WHERE activity_id = ?').get(activityId) as { n: number }
        if (n >= capacity) return 'full'
      }
      this.sql('INSERT INTO sign_ups (activity_id, member_id, signed_up_at) VALUES (?, ?, ?)').run(activityId, memberId, at)
      return 'created'
    }).immediate()
  }

  async countSignUps(activityIds: string[]) {
    return this.countPerActivity('sign_ups', activityIds)
  }

  async signedUpActivityIds(memberId: string, activityIds: string[]) {
    const rows = this.sql(`SELECT activity_id FROM sign_ups WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?))`)
      .all(memberId, JSON.stringify(activityIds)) as Row[]
    return new Set(rows.map((r) => str(r.activity_id)))
  }

  // ---- volunteer check-out and hours ----

  private insertClaimSync(activityId: string, memberId: string, hours: number, at: string) {
    this.sql(`INSERT INTO hour_claims (id, activity_id, member_id, hours, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
      .run(newId(), activityId, memberId, hours, at)
  }

  async recordCheckOut(checkInId: string, at: string, credit: NewCredit | null, pendingHours: number, dailyCap?: DailyCap) {
    return this.db.transaction(() => {
      const { changes } = this.sql('UPDATE check_ins SET checked_out_at = ? WHERE id = ? AND checked_out_at IS NULL')
        .run(at, checkInId)
      const row = this.sql('SELECT * FROM check_ins WHERE id = ?').get(checkInId) as Row | undefined
      if (!row) throw new DomainError('NOT_FOUND', '签到记录不存在')
      const checkIn = toCheckIn(row)
      if (changes === 1) {
        if (credit) this.appendCreditSync(checkIn.activityId, checkIn.memberId, this.capped(checkIn.memberId, credit, dailyCap))
        if (pendingHours > 0) this.insertClaimSync(checkIn.activityId, checkIn.memberId, pendingHours, at)
      }
      return { checkIn, updated: changes === 1 }
    }).immediate()
  }

  async volunteerHoursBetween(memberId: string, fromIso: string, toIso: string) {
    // A day's hours are those of services checked into that day, whenever they were credited.
    const sum = (table: 'ledger' | 'hour_claims', extra: string) =>
      Number(
        (
          this.sql(
              `SELECT COALESCE(SUM(x.hours), 0) AS h FROM ${table} x
               JOIN check_ins c ON c.activity_id = x.activity_id AND c.member_id = x.member_id
               WHERE x.member_id = ? AND c.checked_in_at >= ? AND c.checked_in_at < ? ${extra}`,
            )
            .get(memberId, fromIso, toIso) as Row
        ).h,
      )
    return { effective: sum('ledger', ''), pending: sum('hour_claims', "AND x.status = 'pending'") }
  }

  async appendCredit(activityId: string, memberId: string, credit: NewCredit, dailyCap?: DailyCap) {
    return this.db.transaction(() => this.appendCreditSync(activityId, memberId, this.capped(memberId, credit, dailyCap))).immediate()
  }

  async getHourClaim(id: string) {
    const r = this.sql('SELECT * FROM hour_claims WHERE id = ?').get(id) as Row | undefined
    return r ? toHourClaim(r) : null
  }

  async decideHourClaim(id: string, approve: boolean, reviewer: string, at: string, credit: NewCredit | null, dailyCap?: DailyCap) {
    return this.db.transaction(() => {
      const { changes } = this.sql(`UPDATE hour_claims SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = 'pending'`)
        .run(approve ? 'approved' : 'rejected', reviewer, at, id)
      if (changes === 0) return null
      const claim = toHourClaim(this.sql('SELECT * FROM hour_claims WHERE id = ?').get(id) as Row)
      if (approve && credit) this.appendCreditSync(claim.activityId, claim.memberId, this.capped(claim.memberId, credit, dailyCap))
      return claim
    }).immediate()
  }

  async listHourClaims(activityId: string, status: HourClaim['status']): Promise<HourClaimView[]> {
    const rows = this.sql(
        `SELECT h.*, m.name AS member_name FROM hour_claims h JOIN members m ON m.id = h.member_id
         WHERE h.activity_id = ? AND h.status = ? ORDER BY h.created_at`,
      )
      .all(activityId, status) as Row[]
    return rows.map((r) => ({ ...toHourClaim(r), memberName: str(r.member_name) }))
  }

  // ---- make-ups ----

  async insertMakeup(m: Omit<Makeup, 'id'>) {
    const id = newId()
    const { changes } = this.sql(
        `INSERT INTO makeups (id, activity_id, member_id, reason, status, requested_by, requested_at, reviewed_by, reviewed_at, review_comment)
         VALUES (@id, @activityId, @memberId, @reason, @status, @requestedBy, @requestedAt, @reviewedBy, @reviewedAt, @reviewComment)
         ON CONFLICT DO NOTHING`,
      )
      .run({ ...m, id })
    if (changes === 0) throw new DomainError('CONFLICT', '该活动已有待审核或已通过的补签，无需重复申请')
    return { ...m, id }
  }

  async getMakeup(id: string) {
    const r = this.sql('SELECT * FROM makeups WHERE id = ?').get(id) as Row | undefined
    return r ? toMakeup(r) : null
  }

  async decideMakeup(
    id: string,
    decision: { approve: boolean; reviewer: string; comment: string | null; at: string },
    checkIn: NewCheckIn | null,
    credit: NewCredit | null,
    dailyCap?: DailyCap,
  ) {
    this.insertCheckInStmt ??= this.sql(INSERT_CHECK_IN)
    const insert = this.insertCheckInStmt
    return this.db.transaction(() => {
      const { changes } = this.sql(`UPDATE makeups SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ? WHERE id = ? AND status = 'pending'`)
        .run(decision.approve ? 'approved' : 'rejected', decision.reviewer, decision.at, decision.comment, id)
      if (changes === 0) return null
      const makeup = toMakeup(this.sql('SELECT * FROM makeups WHERE id = ?').get(id) as Row)
      if (decision.approve && checkIn) {
        const added = insert.run({ ...checkIn, id: newSeqId() }).changes === 1
        // Checked in meanwhile: the make-up is granted but makes no second record or credit.
        if (added && credit) this.appendCreditSync(checkIn.activityId, checkIn.memberId, this.capped(checkIn.memberId, credit, dailyCap))
      }
      return makeup
    }).immediate()
  }

  private listMakeups(where: string, params: unknown[], limit = 1000): MakeupView[] {
    const rows = this.sql(
        `SELECT k.*, m.name AS member_name, a.title AS activity_title FROM makeups k
         JOIN members m ON m.id = k.member_id JOIN activities a ON a.id = k.activity_id
         WHERE ${where} ORDER BY k.requested_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
      )
      .all(...params) as Row[]
    return rows.map((r) => ({ ...toMakeup(r), memberName: str(r.member_name), activityTitle: str(r.activity_title) }))
  }

  async listMakeupsOfActivity(activityId: string, status?: Makeup['status']) {
    return status
      ? this.listMakeups('k.activity_id = ? AND k.status = ?', [activityId, status])
      : this.listMakeups('k.activity_id = ?', [activityId])
  }

  async listMakeupsOfMember(memberId: string, limit: number) {
    return this.listMakeups('k.member_id = ?', [memberId], limit)
  }

  // ---- sessions and resets ----

  async revokeSession(sid: string, memberId: string, at: string, expiresAt: string) {
    this.sql('INSERT INTO revoked_sessions (sid, member_id, revoked_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(sid, memberId, at, expiresAt)
  }

  async sessionMember(sid: string, memberId: string, issuedAt: string) {
    // Asked on every request: one statement for revocation, the member and their roles.
    const r = this.sql(
        `SELECT m.*, EXISTS (SELECT 1 FROM revoked_sessions WHERE sid = ?) AS revoked,
           (SELECT json_group_array(json_array(role, unit_id, group_id)) FROM member_roles WHERE member_id = m.id) AS roles_json
         FROM members m WHERE m.id = ?`,
      )
      .get(sid, memberId) as Row | undefined
    if (!r || r.revoked || (r.sessions_valid_after && issuedAt < str(r.sessions_valid_after))) return null
    const grants = (JSON.parse(str(r.roles_json)) as [string, string | null, string | null][]).map(([role, unitId, groupId]) =>
      grantOf(role, unitId, groupId),
    )
    return this.memberOf(r, new Map([[memberId, grants]]))
  }

  async resetMemberAccess(memberId: string, newBindCode: string, at: string) {
    this.sql('UPDATE members SET bind_code = ?, open_id = NULL, sessions_valid_after = ? WHERE id = ?')
      .run(newBindCode, at, memberId)
  }

  // ---- audit log ----

  async appendAudit(e: Omit<AuditEntry, 'seq'>) {
    this.sql(
        `INSERT INTO audit_log (at, actor_id, actor_name, unit_id, action, target, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.at, e.actorId, e.actorName, e.unitId, e.action, e.target, JSON.stringify(e.before ?? null), JSON.stringify(e.after ?? null))
  }

  async listAudit(f: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const rows = this.sql(
        `SELECT * FROM audit_log
         WHERE (@units IS NULL OR unit_id IN (SELECT value FROM json_each(@units)))
           AND (@actor IS NULL OR actor_id = @actor)
           AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ units: f.unitIds ? JSON.stringify(f.unitIds) : null, actor: f.actorId ?? null, from: f.from ?? null, to: f.to ?? null, limit }) as Row[]
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: str(r.at),
      actorId: str(r.actor_id),
      actorName: str(r.actor_name),
      unitId: strOrNull(r.unit_id),
      action: str(r.action),
      target: strOrNull(r.target),
      before: JSON.parse(str(r.before_json ?? 'null')) as unknown,
      after: JSON.parse(str(r.after_json ?? 'null')) as unknown,
    }))
  }

  // ---- settings and readiness ----

  async getSetting(key: string) {
    const r = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined
    return r ? str(r.value) : null
  }

  async putSetting(key: string, value: string) {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value)
  }

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
  }
}
