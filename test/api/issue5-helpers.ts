/**
 * Shared helpers of the issue 5 API tests (not a test file itself: jest only runs `*.test.ts`).
 * Everyone acts through the real gateway with a session issued at the test clock's time.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { RoleGrant } from '../../cloud/contract/model'
import type { OrgBatch } from '../../cloud/store/Store'
import type { TestServer } from '../helpers/testServer'

export const CHINESE = /[\u4e00-\u9fa5]/

/** A Shanghai wall-clock time ('2026-01-10 09:00') as a UTC ISO string. */
export const shanghai = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()

type OrgMember = OrgBatch['members'][number]

/** A roster member for `store.importOrg`; every one also holds the plain `member` role. */
export const person = (
  id: string,
  name: string,
  unitId: string,
  youthGroupId: string | null,
  birthDate: string | null,
  roles: RoleGrant[] = [],
  idNumber: string | null = null,
): OrgMember => ({
  id,
  memberNo: `DY-${id}`,
  name,
  unitId,
  branchId: null,
  youthGroupId,
  birthDate,
  roles: [{ role: 'member' }, ...roles],
  active: true,
  phone: null,
  bindCode: `BIND${id.toUpperCase()}`,
  idNumber,
})

export type Call = { status: number; body: any }

export function actors(srv: TestServer) {
  /** A session for any member, issued now (the clock moves further than a session lasts). */
  const as = (memberId: string): string => srv.sessions.issue(memberId, srv.clock.now()).session
  const call = (fn: string, event: Record<string, unknown>, who?: string): Promise<Call> => srv.call(fn, event, who ? as(who) : undefined)

  /** Call and insist on success; the error says which call failed and why. */
  const ok = async (fn: string, event: Record<string, unknown>, who?: string): Promise<any> => {
    const res = await call(fn, event, who)
    if (res.status !== 200 || !res.body.ok) throw new Error(`${fn}.${String(event.action)} as ${who ?? 'nobody'} at ${srv.clock.now().toISOString()}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.data
  }

  const at = (local: string) => srv.clock.set(shanghai(local))

  /** Create and publish an activity as this organizer; returns its id. */
  const create = async (organizerId: string, fields: Record<string, unknown>): Promise<string> =>
    (await ok('activity', { action: 'create', publish: true, ...fields }, organizerId)).id as string

  /** The token the organizer's screen shows right now. */
  const token = async (organizerId: string, activityId: string): Promise<string> => (await ok('activity', { action: 'qrToken', id: activityId }, organizerId)).token as string

  const checkIn = async (organizerId: string, memberId: string, activityId: string) =>
    ok('checkin', { action: 'checkIn', activityId, token: await token(organizerId, activityId) }, memberId)
  const checkOut = async (organizerId: string, memberId: string, activityId: string) =>
    ok('checkin', { action: 'checkOut', activityId, token: await token(organizerId, activityId) }, memberId)

  const stats = (event: Record<string, unknown>, who?: string) => call('stats', event, who)

  /** A request refused with this code and HTTP status, in Chinese. */
  const refused = async (request: Promise<Call>, code: string, status: number): Promise<Call> => {
    const res = await request
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code })
    expect(res.body.ok).toBe(false)
    expect(res.body.error.message).toMatch(CHINESE)
    return res
  }

  return { as, call, ok, at, create, token, checkIn, checkOut, stats, refused }
}

export type Actors = ReturnType<typeof actors>

/** An exported CSV: UTF-8 with a BOM; returns whether the BOM is there and the parsed rows. */
export function readCsv(file: { base64: string }): { bom: boolean; rows: string[][] } {
  const bytes = Buffer.from(file.base64, 'base64')
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return { bom, rows: parse(bytes.subarray(bom ? 3 : 0).toString('utf8')) as string[][] }
}

/** An exported XLSX: the first sheet's rows, cells as stored (numbers stay numbers). */
export async function readXlsx(file: { base64: string }): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const out: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? ''))
  })
  return out
}

/** How the exports write a share: one decimal, as a percentage. */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`
