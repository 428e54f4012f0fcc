import type { DemoAccount, Member, SessionResult } from '../../contract/model'
import { member as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { isAdmin, isOrganizer } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { inCallersUnit } from '../../runtime/audit'
import type { Ctx } from '../../runtime/context'
import { retryMinutes, tooManyWrongCodes } from '../../runtime/rateLimit'
import { importRoster, resetAccess, roster, setRole } from './admin'
import { auditLog } from './auditLog'
import { orgAudit, orgTree, saveOrg, seesOrg } from './org'
import { rosterTemplate } from './rosterFile'
import { profileOf } from './profile'

export const DEMO_ACCOUNTS_KEY = 'demoAccounts'

const WRONG_CODE = '登录码不正确，请核对后重试（登录码由单位组织者发放）'

/**
 * The member holding this code, with the guard against guessing: a locked key is refused before
 * the code is looked up (a right code too, so guessing learns nothing while locked); a wrong code
 * counts against the key. Successes never count.
 */
async function holderOfCode(ctx: Ctx, key: string, bindCode: string): Promise<Member> {
  const wait = ctx.limiter?.lockedFor(key, ctx.now()) ?? 0
  if (wait > 0) tooManyWrongCodes(wait)
  const m = await ctx.store.findMemberByBindCode(bindCode)
  if (m) return m
  const locked = ctx.limiter?.failed(key, ctx.now()) ?? 0
  if (locked > 0) fail('UNAUTHENTICATED', `${WRONG_CODE}。错误次数过多，请 ${retryMinutes(locked)} 分钟后再试`, { retryAfterSec: locked })
  return fail('UNAUTHENTICATED', WRONG_CODE)
}

/** Whom wrong codes count against: the address in the local world, the WeChat user when binding. */
const signInKey = (ctx: Ctx) => `ip:${ctx.request.ip ?? 'unknown'}`

export const memberActions = {
  /** Local world: trade a bind code for a signed, expiring session. */
  signIn: defineAction({
    input: schemas.signIn,
    auth: 'public',
    // A ceiling on all attempts per address; wrong codes are held back by `holderOfCode`.
    rateLimit: { bucket: 'signIn', key: (_input, ctx) => ctx.request.ip ?? 'unknown' },
    run: async ({ bindCode }, ctx): Promise<SessionResult> => {
      if (!ctx.sessions) return fail('FORBIDDEN', '请在微信小程序中使用绑定码绑定账号')
      const m = await holderOfCode(ctx, signInKey(ctx), bindCode)
      const { session, expiresAt } = ctx.sessions.issue(m.id, ctx.now())
      // The roster's 已登录: in this world no WeChat account is bound, so the sign-in is what shows it.
      await ctx.store.noteSignIn(m.id, ctx.now().toISOString())
      return { session, expiresAt, member: await profileOf(ctx.store, m) }
    },
  }),

  /** WeChat world: tie the caller's OPENID to the member holding this bind code. */
  bind: defineAction({
    input: schemas.bind,
    auth: 'public',
    rateLimit: { bucket: 'bind', key: (_input, ctx) => ctx.openId ?? ctx.request.ip ?? 'unknown' },
    run: async ({ bindCode }, ctx) => {
      if (!ctx.openId) return fail('FORBIDDEN', '绑定仅在微信小程序中可用，网页端请直接用登录码登录')
      const m = await holderOfCode(ctx, `wx:${ctx.openId}`, bindCode)
      const bound = await ctx.store.findMemberByOpenId(ctx.openId)
      if (bound && bound.id !== m.id) return fail('CONFLICT', '此微信已绑定其他党员账号，如需更换请联系单位管理员')
      if (!(await ctx.store.bindOpenId(m.id, ctx.openId)))
        return fail('CONFLICT', '该账号已绑定其他微信，如需更换请联系单位管理员重置')
      return { member: await profileOf(ctx.store, m) }
    },
  }),

  signOut: defineAction({
    input: schemas.signOut,
    auth: 'member',
    run: async (_input, ctx) => {
      if (ctx.session) await ctx.store.revokeSession(ctx.session.sid, ctx.caller.id, ctx.now().toISOString(), ctx.session.expiresAt)
      return { signedOut: true }
    },
  }),

  me: defineAction({
    input: schemas.me,
    auth: 'member',
    run: async (_input, ctx) => profileOf(ctx.store, ctx.caller),
  }),

  /** Sign-in codes of demo accounts, only while the demo city is loaded. */
  demoAccounts: defineAction({
    input: schemas.demoAccounts,
    auth: 'public',
    run: async (_input, ctx): Promise<{ accounts: DemoAccount[] }> => {
      if (ctx.world !== 'local') return { accounts: [] }
      const raw = await ctx.store.getSetting(DEMO_ACCOUNTS_KEY)
      return { accounts: raw ? (JSON.parse(raw) as DemoAccount[]) : [] }
    },
  }),

  importRoster: defineAction({ input: schemas.importRoster, auth: isAdmin, run: importRoster, audit: inCallersUnit }),
  rosterTemplate: defineAction({ input: schemas.rosterTemplate, auth: isAdmin, run: async ({ format }) => rosterTemplate(format) }),
  roster: defineAction({ input: schemas.roster, auth: isOrganizer, run: roster }),
  setRole: defineAction({
    input: schemas.setRole,
    auth: isAdmin,
    run: setRole,
    audit: {
      target: ({ memberId }, m) => ({ target: `memberId:${memberId}`, unitId: m.unitId }),
      before: async ({ memberId }, ctx) => (await ctx.store.getMember(memberId))?.roles ?? null,
    },
  }),
  // The new code goes to the admin who asked; the log only says whose access was reset.
  resetAccess: defineAction({
    input: schemas.resetAccess,
    auth: isAdmin,
    run: resetAccess,
    audit: { target: ({ memberId }, _r, { member }) => ({ target: `memberId:${memberId}`, unitId: member?.unitId }), after: ({ memberId }) => ({ memberId }) },
  }),
  auditLog: defineAction({ input: schemas.auditLog, auth: isAdmin, run: auditLog }),
  orgTree: defineAction({ input: schemas.orgTree, auth: seesOrg, run: orgTree }),
  saveOrg: defineAction({ input: schemas.saveOrg, auth: isAdmin, run: saveOrg, audit: orgAudit }),
}
