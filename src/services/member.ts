import type { Functions } from '@cloud/functions'
import type { InputOf, OutputOf } from '@cloud/runtime/action'
import { ApiError, call } from './api'
import { clearSession, saveSession } from './session'

/** Sign in with a bind code: a session on the web, an OPENID binding in WeChat. */
export async function signIn(bindCode: string) {
  if (process.env.TARO_ENV === 'weapp') {
    const { member } = await call('member', 'bind', { bindCode })
    saveSession({ session: null, expiresAt: null, member })
    return member
  }
  const { session, expiresAt, member } = await call('member', 'signIn', { bindCode })
  saveSession({ session, expiresAt, member })
  return member
}

export async function signOut() {
  try {
    await call('member', 'signOut', {})
  } finally {
    clearSession()
  }
}

export const me = () => call('member', 'me', {})
export const demoAccounts = () => call('member', 'demoAccounts', {})

// ---- Unit administration (admin subpackage) ----

/** What a roster import reports: counts of what would change (dry run) or did change. */
export type RosterSummary = OutputOf<Functions['member'], 'importRoster'>['summary']
/** One bad spreadsheet row and why, as the server reports it (`row` is the sheet's own row number). */
export type RosterError = OutputOf<Functions['member'], 'importRoster'>['errors'][number]
/** A member as the roster shows them: phone and ID number masked unless the caller administers the unit. */
export type RosterMember = OutputOf<Functions['member'], 'roster'>['members'][number]
export type AuditEntry = OutputOf<Functions['member'], 'auditLog'>['entries'][number]
export type AuditFilter = InputOf<Functions['member'], 'auditLog'>

/** Check (`dryRun`) or import a roster file; every bad row comes back in the error's details (see `rosterErrorsOf`). */
export const importRoster = (input: { format: 'csv' | 'xlsx'; file: string; dryRun: boolean; deactivateMissing: boolean }) =>
  call('member', 'importRoster', input)

/** The row-by-row report of a refused roster: `null` when the refusal was about the whole file. */
export function rosterErrorsOf(e: unknown): RosterError[] | null {
  if (!(e instanceof ApiError) || e.code !== 'BAD_INPUT') return null
  const errors = e.details?.errors
  return Array.isArray(errors) && errors.length ? (errors as RosterError[]) : null
}

/** The import template with the expected header and two example rows: `{ filename, mimeType, base64 }`. */
export const rosterTemplate = (format: 'csv' | 'xlsx') => call('member', 'rosterTemplate', { format })

export const roster = (unitId: string, query?: string, includeInactive?: boolean) =>
  call('member', 'roster', { unitId, ...(query ? { query } : {}), ...(includeInactive ? { includeInactive } : {}) })

/** Make someone an organizer of the unit, or take it back. */
export const setOrganizer = (memberId: string, unitId: string, grant: boolean) =>
  call('member', 'setRole', { memberId, role: 'organizer', unitId, grant })

/** New bind code, WeChat binding cleared, signed out everywhere; resolves to the new code to hand over. */
export const resetAccess = (memberId: string) => call('member', 'resetAccess', { memberId })

export const auditLog = (filter: AuditFilter) => call('member', 'auditLog', filter)

/**
 * Names of the units an admin can pick. There is no member action listing units, so they come from
 * the coverage dashboard (`stats.coverage`), which every admin may read and which names every unit.
 */
export const unitDirectory = async (): Promise<{ id: string; name: string }[]> =>
  (await call('stats', 'coverage', {})).units.map((u) => ({ id: u.unitId, name: u.unitName }))

// ---- Organisation (admin subpackage: 组织架构) ----

export type OrgChange = InputOf<Functions['member'], 'saveOrg'>
/** Units → branches (officers) → 党小组, and youth groups, with head counts. */
export const orgTree = () => call('member', 'orgTree', {})
/** Create, rename, merge, move members, set 正式/预备. */
export const saveOrg = (change: OrgChange) => call('member', 'saveOrg', change)

export type BranchRoleName = 'branchSecretary' | 'branchOrganizer' | 'branchCommittee'
/** Grant or take back a branch role (支部书记, 组织委员, 支部委员) for one branch. */
export const setBranchRole = (memberId: string, role: BranchRoleName, branchId: string, unitId: string, grant: boolean) =>
  call('member', 'setRole', { memberId, role, branchId, unitId, grant })
