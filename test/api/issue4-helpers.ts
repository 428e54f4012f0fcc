/**
 * Shared helpers of the issue 4 tests (not a test file itself: jest only runs `*.test.ts`).
 * Who is who in the demo city, database snapshots to prove "nothing changed", and roster files.
 */
import { createHash } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { ERROR_HTTP_STATUS } from '../../cloud/contract/errors'
import type { TestServer } from '../helpers/testServer'

export const CHINESE = /[\u4e00-\u9fa5]/
export const MIN = 60_000
export const HOUR = 60 * MIN

export type Call = { status: number; body: any }

/** The header of the roster template, in its order. */
export const HEADER = ['党员编号', '姓名', '单位', '党支部', '出生日期', '手机号', '角色', '青年理论学习小组', '状态']

/** A roster as CSV (UTF-8 with BOM, as Excel saves it), base64. */
export const csvFile = (rows: (string | number)[][], header: string[] = HEADER): string =>
  Buffer.from(stringify([header, ...rows], { bom: true }), 'utf8').toString('base64')

/** A roster as an .xlsx workbook, base64. */
export async function xlsxFile(rows: (string | number)[][], header: string[] = HEADER): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('花名册')
  sheet.addRow(header)
  for (const r of rows) sheet.addRow(r)
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64')
}

export function world(srv: TestServer) {
  const db = srv.store.db
  const one = <T = any>(sql: string, ...params: unknown[]): T => db.prepare(sql).get(...params) as T
  const all = <T = any>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[]

  /** A session for any member, issued at the test clock's time. */
  const as = (memberId: string): string => srv.sessions.issue(memberId, srv.clock.now()).session

  /** Every table of the database, read from sqlite_master (new migrations are picked up on their own). */
  const tables = (): string[] =>
    all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).map((r) => r.name)

  /** Row counts of every table, in one query. */
  const counts = (): Record<string, number> => {
    const names = tables()
    return one(`SELECT ${names.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`).join(', ')}`)
  }

  /** A hash of every row of these tables (default: all): equal before and after means nothing changed. Rows are sorted as text: some tables have no rowid to order by. */
  const fingerprint = (only?: string[]): Record<string, string> =>
    Object.fromEntries(
      (only ?? tables()).map((t) => [t, createHash('sha1').update(JSON.stringify(all(`SELECT * FROM "${t}"`).map((r) => JSON.stringify(r)).sort())).digest('hex')]),
    )

  /**
   * Row changes (inserts, updates, deletes) made through the server's own database connection
   * since it opened (SQLite's total_changes()): the gateway runs in-process on this very handle,
   * so an unchanged number means the request wrote nothing at all, not even an in-place update.
   */
  const writes = (): number => one<{ n: number }>('SELECT total_changes() AS n').n

  /** A cheap "did anything change?" mark: every table's row count and the write counter. */
  const mark = () => ({ writes: writes(), counts: counts() })

  /** Members and their roles, hashed: the "members checksum". */
  const membersChecksum = (): string =>
    createHash('sha1')
      .update(JSON.stringify(all('SELECT * FROM members ORDER BY id')))
      .update(JSON.stringify(all('SELECT * FROM member_roles ORDER BY member_id, role, unit_id, group_id')))
      .digest('hex')

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
    /** Active members of a unit with no role but `member`, in id order. */
    plain: (unitId: string): string[] =>
      all<{ id: string }>(
        `SELECT id FROM members WHERE unit_id = ? AND active = 1
         AND id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member') ORDER BY id`,
        unitId,
      ).map((r) => r.id),
  }

  const member = (id: string) => one(`SELECT * FROM members WHERE id = ?`, id)
  const rolesOf = (id: string) =>
    all(`SELECT role, unit_id, group_id FROM member_roles WHERE member_id = ? ORDER BY role, unit_id, group_id`, id)

  /** Create an activity through the API as this organizer; fails the test unless it works. */
  const createActivity = async (organizerId: string, fields: Record<string, unknown>): Promise<any> => {
    const res = await srv.call(
      'activity',
      { action: 'create', kind: 'lecture', title: '党建知识宣讲', audience: { type: 'units', unitIds: ['u01'] }, publish: true, ...fields },
      as(organizerId),
    )
    if (res.status !== 200) throw new Error(`create failed: ${JSON.stringify(res.body)}`)
    return res.body.data
  }

  /** An ISO time this many minutes from the test clock's now. */
  const inMin = (minutes: number) => new Date(srv.clock.now().getTime() + minutes * MIN).toISOString()

  return { db, one, all, as, tables, counts, writes, mark, fingerprint, membersChecksum, ids, member, rolesOf, createActivity, inMin }
}

export type World = ReturnType<typeof world>

/** A refusal: this code, its HTTP status, a Chinese message. */
export function expectError(res: Call, code: string) {
  expect({ status: res.status, ok: res.body?.ok, code: res.body?.error?.code }).toEqual({
    status: ERROR_HTTP_STATUS[code as keyof typeof ERROR_HTTP_STATUS],
    ok: false,
    code,
  })
  expect(res.body.error.message).toMatch(CHINESE)
}

/** A success envelope; returns its data. */
export function expectOk(res: Call): any {
  expect({ status: res.status, ok: res.body?.ok, error: res.body?.error }).toEqual({ status: 200, ok: true, error: undefined })
  return res.body.data
}
