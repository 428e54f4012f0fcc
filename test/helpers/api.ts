/**
 * The toolkit of the API tests (test/api): everyone acts through the real gateway with a session
 * issued at the test clock's time, and the test reads the server's own SQLite database to prove
 * what a request wrote, or that it wrote nothing.
 */
import { createHash } from 'node:crypto'
import { ERROR_HTTP_STATUS, type ErrorBody, type ErrorCode } from '../../cloud/contract/errors'
import type { RoleGrant } from '../../cloud/contract/model'
import type { CadreRank } from '../../cloud/contract/vocabulary'
import type { FunctionName } from '../../cloud/functions'
import type { OrgBatch } from '../../cloud/store/Store'
import type { ActionName, DataOf, EventOf, Reply, TestServer } from './testServer'

/** The recorded reason of test activities published without a location check (activity.create and publish need a venue). */
export const NO_CHECK = '测试活动，不校验位置'

/** Every error message is Chinese text a member can act on. */
export const CHINESE = /[\u4e00-\u9fa5]/
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** A Shanghai wall-clock time ('2026-11-21 09:00') as a UTC ISO string. */
export const shanghai = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()

/** An activity's times from one Shanghai wall-clock time to another: `{ ...between('2026-11-21 09:00', '2026-11-21 12:00') }`. */
export const between = (from: string, to: string) => ({ startAt: shanghai(from), endAt: shanghai(to) })

/** What the gateway answered to any call: the HTTP status and the parsed envelope. */
export type Call = Reply<unknown>

/** A success envelope; returns its data. */
export function expectOk<T>(res: Reply<T>): T {
  const body = res.body
  expect({ status: res.status, ok: body?.ok, error: body?.ok === false ? body.error : undefined }).toEqual({ status: 200, ok: true, error: undefined })
  if (!body.ok) throw new Error('unreachable: the expectation above failed')
  return body.data
}

/** A refusal's error body (its code, Chinese message and details); fails the test when the call succeeded instead. */
export function errorOf(res: Call): ErrorBody {
  if (res.body.ok) throw new Error(`expected a refusal, got ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.error
}

/** The error code of a refusal, or undefined for a success: for checks that show the status beside it. */
export const codeOf = (res: Call): ErrorCode | undefined => (res.body.ok ? undefined : res.body.error.code)

/** A refusal: this code, its HTTP status (by default the one the contract gives the code), a Chinese message. */
export function expectError(res: Call, code: string, status: number = ERROR_HTTP_STATUS[code as keyof typeof ERROR_HTTP_STATUS]) {
  const body = res.body
  expect({ status: res.status, ok: body?.ok, code: body?.ok === false ? body.error?.code : undefined }).toEqual({ status, ok: false, code })
  if (body.ok) throw new Error('unreachable: the expectation above failed')
  expect(body.error.message).toMatch(CHINESE)
}

type OrgMember = OrgBatch['members'][number]

/** A database row as the test reads it (columns by their SQL names); a test names a narrower type when it computes with the values. */
export type Row = Record<string, unknown>

/** Rows of the tables the helpers read, as cloud/store/sqlite/migrations.ts declares them. */
export interface MemberRow {
  id: string
  member_no: string
  name: string
  unit_id: string
  branch_id: string | null
  youth_group_id: string | null
  birth_date: string | null
  phone: string | null
  bind_code: string
  open_id: string | null
  active: 0 | 1
  created_at: string
  sessions_valid_after: string | null
  id_number: string | null
}
interface MemberActivityRow {
  id: string
  activity_id: string
  member_id: string
}
export interface CheckInRow extends MemberActivityRow {
  checked_in_at: string
  checked_out_at: string | null
  method: string
  distance_m: number | null
  accuracy_m: number | null
  device: string | null
  ip: string | null
  idempotency_key: string | null
  device_id: string | null
  lat: number | null
  lng: number | null
}
export interface LedgerRow extends MemberActivityRow {
  seq: number
  kind: string
  points: number
  hours: number
  method: string
  approved_by: string | null
  created_at: string
  device: string | null
  ip: string | null
  reverses_id: string | null
  note: string | null
}
export interface MakeupRow extends MemberActivityRow {
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  requested_by: string
  requested_at: string
  reviewed_by: string | null
  reviewed_at: string | null
  review_comment: string | null
}
export interface HourClaimRow extends MemberActivityRow {
  hours: number
  status: 'pending' | 'approved' | 'rejected'
  created_at: string
  reviewed_by: string | null
  reviewed_at: string | null
}
interface MemberActivityTables {
  check_ins: CheckInRow
  ledger: LedgerRow
  makeups: MakeupRow
  hour_claims: HourClaimRow
}

type CreateEvent = EventOf<'activity', 'create'>
/** What a test sets on the default activity of `createActivity`: its times, and any other of the create action's fields. */
export type ActivityFields = Partial<CreateEvent> & Pick<CreateEvent, 'startAt' | 'endAt'>

/** A roster member for `store.importOrg` (a hand-built city); every one also holds the plain `member` role. */
export const person = (
  id: string,
  name: string,
  unitId: string,
  youthGroupId: string | null,
  birthDate: string | null,
  roles: RoleGrant[] = [],
  idNumber: string | null = null,
  cadreRank: CadreRank | null = null,
): OrgMember => ({
  id,
  memberNo: `DY-${id}`,
  name,
  unitId,
  branchId: null,
  partyGroupId: null,
  youthGroupId,
  birthDate,
  partyStatus: 'full',
  cadreRank,
  roles: [{ role: 'member' }, ...roles],
  active: true,
  phone: null,
  bindCode: `BIND${id.toUpperCase()}`,
  idNumber,
})

/** Who is who, what is stored, and the usual moves (create, show the QR code, check in and out), on one test server. */
export function world(srv: TestServer) {
  const db = srv.store.db
  const one = <T = Row>(sql: string, ...params: unknown[]): T => db.prepare(sql).get(...params) as T
  const all = <T = Row>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[]
  /** The `n` of a `SELECT COUNT(*) AS n …`. */
  const n = (sql: string, ...params: unknown[]): number => one<{ n: number }>(sql, ...params).n

  // ---- callers and calls ----

  /** A session for any member, issued at the test clock's time (sessions last 7 days; tests move the clock further). */
  const as = (memberId: string): string => srv.sessions.issue(memberId, srv.clock.now()).session
  /** Call a function as this member (or without a session). */
  const call = <F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, who?: string): Promise<Reply<DataOf<F, A>>> =>
    srv.call(fn, event, who ? as(who) : undefined)
  /** Send anything as this member: for malformed or unknown events. */
  const send = (fn: string, event: unknown, who?: string): Promise<Call> => srv.send(fn, event, who ? as(who) : undefined)
  const checkin = <A extends ActionName<'checkin'>>(memberId: string, event: EventOf<'checkin', A>) => call('checkin', event, memberId)
  const activity = <A extends ActionName<'activity'>>(memberId: string, event: EventOf<'activity', A>) => call('activity', event, memberId)

  /** Call and insist on success; the error says which call failed, when, and why. */
  const ok = async <F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, who?: string): Promise<DataOf<F, A>> => {
    const res = await call(fn, event, who)
    if (res.status !== 200 || !res.body.ok) throw new Error(`${fn}.${event.action} as ${who ?? 'nobody'} at ${srv.clock.now().toISOString()}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.data
  }

  /** Set the clock to a Shanghai wall-clock time. */
  const at = (local: string) => srv.clock.set(shanghai(local))
  /** An ISO time this many minutes from the test clock's now. */
  const inMin = (minutes: number) => new Date(srv.clock.now().getTime() + minutes * MIN).toISOString()

  // ---- who is who ----

  const grantHolder = (role: string, unitId: string | null): string =>
    one<{ id: string }>(
      `SELECT member_id AS id FROM member_roles WHERE role = ? AND ifnull(unit_id, '') = ifnull(?, '') AND group_id IS NULL ORDER BY member_id LIMIT 1`,
      role,
      unitId,
    ).id

  const ids = {
    unitAdmin: (unitId: string) => grantHolder('unitAdmin', unitId),
    /** The unit's first organizer (支部书记), not a youth group organizer. */
    organizer: (unitId: string) => grantHolder('organizer', unitId),
    cityAdmin: () => grantHolder('cityAdmin', null),
    /**
     * Active members of a unit who hold no role over a unit, a youth group or the city, in id order.
     * Branch officers (支部书记, 组织委员, 支部委员) count: to the unit they are members like any other.
     */
    plain: (unitId: string): string[] =>
      all<{ id: string }>(
        `SELECT id FROM members WHERE unit_id = ? AND active = 1
         AND id NOT IN (SELECT member_id FROM member_roles WHERE role IN ('organizer', 'unitAdmin', 'cityAdmin')) ORDER BY id`,
        unitId,
      ).map((r) => r.id),
    /** Active members of a unit with no role at all but `member`, in id order. */
    roleless: (unitId: string): string[] =>
      all<{ id: string }>(
        `SELECT id FROM members WHERE unit_id = ? AND active = 1
         AND id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member') ORDER BY id`,
        unitId,
      ).map((r) => r.id),
  }

  /** The demo city as the check-in tests see it from u01: its first organizer, an organizer of another unit (u02), u01's plain members. */
  const u01 = () => ({ organizer: ids.organizer('u01'), otherOrganizer: ids.organizer('u02'), members: ids.plain('u01') })

  const member = (id: string) => one<MemberRow>(`SELECT * FROM members WHERE id = ?`, id)
  const rolesOf = (id: string) => all(`SELECT role, unit_id, group_id FROM member_roles WHERE member_id = ? ORDER BY role, unit_id, group_id`, id)

  // ---- what is stored ----

  /** Every table of the database, read from sqlite_master (new migrations are picked up on their own). */
  const tables = (): string[] =>
    all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).map((r) => r.name)

  /** Row counts of every table, in one query. */
  const counts = (): Record<string, number> => {
    const names = tables()
    return one(`SELECT ${names.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`).join(', ')}`)
  }

  /**
   * Row changes (inserts, updates, deletes) made through the server's own database connection
   * since it opened (SQLite's total_changes()): the gateway runs in-process on this very handle,
   * so an unchanged number means the request wrote nothing at all, not even an in-place update.
   */
  const writes = (): number => one<{ n: number }>('SELECT total_changes() AS n').n

  /** A cheap "did anything change?" mark: every table's row count and the write counter. */
  const mark = () => ({ writes: writes(), counts: counts() })

  /** A hash of every row of these tables (default: all): equal before and after means nothing changed. Rows are sorted as text: some tables have no rowid to order by. */
  const fingerprint = (only?: string[]): Record<string, string> =>
    Object.fromEntries(
      (only ?? tables()).map((t) => [t, createHash('sha1').update(JSON.stringify(all(`SELECT * FROM "${t}"`).map((r) => JSON.stringify(r)).sort())).digest('hex')]),
    )

  /** Members and their roles, hashed: the "members checksum". */
  const membersChecksum = (): string =>
    createHash('sha1')
      .update(JSON.stringify(all('SELECT * FROM members ORDER BY id')))
      .update(JSON.stringify(all('SELECT * FROM member_roles ORDER BY member_id, role, unit_id, group_id')))
      .digest('hex')

  /** One member's rows of a table for one activity. */
  const rowsOf = <T extends keyof MemberActivityTables>(table: T, activityId: string, memberId: string): MemberActivityTables[T][] =>
    all<MemberActivityTables[T]>(`SELECT * FROM ${table} WHERE activity_id = ? AND member_id = ?`, activityId, memberId)

  // ---- the usual moves ----

  /** Run `request` with the clock at `iso` (when that is earlier than now), then put the clock back. */
  const earlier = async <T>(iso: string, request: () => Promise<T>): Promise<T> => {
    const now = srv.clock.now()
    if (Date.parse(iso) >= now.getTime()) return request()
    srv.clock.set(iso)
    try {
      return await request()
    } finally {
      srv.clock.set(now)
    }
  }

  /**
   * Create (and by default publish) an activity for u01 as this organizer; returns it. Published
   * with no location check unless the test gives a place (then the place wins): rule tests other
   * than the geofence's need no venue. One already over was published before it ended (nothing is
   * published after its end): it is created an hour before its start.
   */
  const createActivity = async (organizerId: string, fields: ActivityFields): Promise<DataOf<'activity', 'create'>> => {
    const create = () =>
      ok('activity', { action: 'create', kind: 'lecture', title: '党建知识宣讲', audience: { type: 'units', unitIds: ['u01'] }, publish: true, noLocationReason: NO_CHECK, ...fields }, organizerId)
    const over = fields.publish !== false && Date.parse(fields.endAt) <= srv.clock.now().getTime()
    return over ? earlier(new Date(Date.parse(fields.startAt) - HOUR).toISOString(), create) : create()
  }

  /** The same, returning its id. */
  const create = async (organizerId: string, fields: ActivityFields): Promise<string> => (await createActivity(organizerId, fields)).id

  /** The QR token the organizer's screen shows right now. */
  const token = async (organizerId: string, activityId: string): Promise<string> => (await ok('activity', { action: 'qrToken', id: activityId }, organizerId)).token

  /** Check in (or out) with a fresh token from the organizer's screen; fails the test unless it succeeds. */
  const checkIn = async (organizerId: string, memberId: string, activityId: string, extra: Partial<EventOf<'checkin', 'checkIn'>> = {}) =>
    ok('checkin', { action: 'checkIn', activityId, token: await token(organizerId, activityId), ...extra }, memberId)
  const checkOut = async (organizerId: string, memberId: string, activityId: string) =>
    ok('checkin', { action: 'checkOut', activityId, token: await token(organizerId, activityId) }, memberId)

  /** A request refused with this code and HTTP status, in Chinese, writing nothing at all. */
  const expectRefused = async (request: () => Promise<Call>, code: string, status?: number): Promise<Call> => {
    const before = mark()
    const res = await request()
    expectError(res, code, status)
    expect(mark()).toEqual(before)
    return res
  }

  return {
    db,
    one,
    all,
    n,
    as,
    call,
    send,
    checkin,
    activity,
    ok,
    at,
    inMin,
    earlier,
    ids,
    u01,
    member,
    rolesOf,
    tables,
    counts,
    writes,
    mark,
    fingerprint,
    membersChecksum,
    rowsOf,
    createActivity,
    create,
    token,
    checkIn,
    checkOut,
    expectRefused,
  }
}

export type World = ReturnType<typeof world>
