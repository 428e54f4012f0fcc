/**
 * Shared helpers of the issue 3 API tests (not a test file itself: jest only runs `*.test.ts`).
 * Everyone acts through the real gateway with a session issued at the test clock's time.
 */
import type { TestServer } from '../helpers/testServer'

export const CHINESE = /[\u4e00-\u9fa5]/
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** A Shanghai wall-clock time ('2026-11-21 09:00') as a UTC ISO string. */
export const shanghai = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()

export const TABLES = ['check_ins', 'ledger', 'member_counters', 'makeups', 'hour_claims', 'sign_ups', 'activities'] as const
export type Table = (typeof TABLES)[number]

export type Call = { status: number; body: any }

export function world(srv: TestServer) {
  const db = srv.store.db
  const n = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n

  /** A session for any member, issued now (sessions last 7 days; the clock moves further than that). */
  const as = (memberId: string): string => srv.sessions.issue(memberId, srv.clock.now()).session

  /** Active members of a unit with no role but `member`, in id order. */
  const plainMembers = (unitId: string): string[] =>
    (
      db
        .prepare(
          `SELECT id FROM members WHERE unit_id = ? AND active = 1
           AND id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member') ORDER BY id`,
        )
        .all(unitId) as { id: string }[]
    ).map((r) => r.id)

  /** The unit's first organizer (支部书记), not a youth group organizer. */
  const organizerOf = (unitId: string): string =>
    (
      db
        .prepare(`SELECT member_id AS id FROM member_roles WHERE role = 'organizer' AND unit_id = ? AND group_id IS NULL ORDER BY member_id LIMIT 1`)
        .get(unitId) as { id: string }
    ).id

  const nameOf = (memberId: string): string => (db.prepare('SELECT name FROM members WHERE id = ?').get(memberId) as { name: string }).name

  const counts = (): Record<Table, number> =>
    Object.fromEntries(TABLES.map((t) => [t, n(`SELECT COUNT(*) AS n FROM ${t}`)])) as Record<Table, number>

  const rowsOf = (table: 'check_ins' | 'ledger' | 'makeups' | 'hour_claims', activityId: string, memberId: string): any[] =>
    db.prepare(`SELECT * FROM ${table} WHERE activity_id = ? AND member_id = ?`).all(activityId, memberId)

  /** Create and publish an activity as this organizer; returns its id. */
  const create = async (organizerId: string, fields: Record<string, unknown>): Promise<string> => {
    const res = await srv.call(
      'activity',
      { action: 'create', audience: { type: 'units', unitIds: ['u01'] }, publish: true, ...fields },
      as(organizerId),
    )
    if (res.status !== 200) throw new Error(`create failed: ${JSON.stringify(res.body)}`)
    return res.body.data.id as string
  }

  /** The QR token the organizer's screen shows right now. */
  const token = async (organizerId: string, activityId: string): Promise<string> => {
    const res = await srv.call('activity', { action: 'qrToken', id: activityId }, as(organizerId))
    if (res.status !== 200) throw new Error(`qrToken failed: ${JSON.stringify(res.body)}`)
    return res.body.data.token as string
  }

  const checkin = (memberId: string, event: Record<string, unknown>) => srv.call('checkin', event, as(memberId))
  const activity = (memberId: string, event: Record<string, unknown>) => srv.call('activity', event, as(memberId))

  /** Check in with a fresh token; fails the test unless it succeeds. */
  const checkIn = async (organizerId: string, memberId: string, activityId: string, extra: Record<string, unknown> = {}) => {
    const res = await checkin(memberId, { action: 'checkIn', activityId, token: await token(organizerId, activityId), ...extra })
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined })
    return res.body.data
  }

  /** A request refused with this code and HTTP status, in Chinese, writing nothing. */
  const expectRefused = async (request: () => Promise<Call>, code: string, status: number): Promise<Call> => {
    const before = counts()
    const res = await request()
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code })
    expect(res.body.ok).toBe(false)
    expect(res.body.error.message).toMatch(CHINESE)
    expect(counts()).toEqual(before)
    return res
  }

  return { db, n, as, plainMembers, organizerOf, nameOf, counts, rowsOf, create, token, checkin, activity, checkIn, expectRefused }
}

export type World = ReturnType<typeof world>
