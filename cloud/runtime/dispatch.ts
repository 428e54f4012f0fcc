import { z } from 'zod'
import type { Envelope, ErrorBody } from '../contract/errors'
import { DomainError } from '../domain/errors'
import { StoreError } from '../store/errors'
import type { ActionTable, AuthedCtx } from './action'
import { runAudited } from './audit'
import type { Ctx } from './context'
import { retryMinutes } from './rateLimit'
import { storeErrorBody } from './storeErrors'

const zhIssue = (issue: z.core.$ZodIssue): string => {
  // Messages written in the schemas are already Chinese; zod's defaults are not, so say it plainly.
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return issue.message
  const where = issue.path.length ? `字段 ${issue.path.join('.')}` : '请求'
  switch (issue.code) {
    case 'invalid_type':
      return `${where} 缺失或类型不正确`
    case 'too_big':
      return `${where} 过长或过大`
    case 'too_small':
      return `${where} 过短或过小`
    case 'invalid_value':
      return `${where} 的取值不在允许范围内`
    default:
      return `${where} 格式不正确`
  }
}

export const errorBody = (e: unknown): ErrorBody => {
  if (e instanceof DomainError) return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }
  if (e instanceof StoreError) return storeErrorBody(e)
  return { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' }
}

/**
 * The one place where an event becomes an envelope: pick the action, validate the event, check
 * the caller, run the rule, and turn any DomainError or StoreError into its code. Both worlds call this.
 */
export async function dispatch(
  fnName: string,
  table: ActionTable,
  event: unknown,
  ctx: Ctx,
  onInternalError: (e: unknown) => void = () => {},
): Promise<Envelope<unknown>> {
  try {
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return bad('请求格式不正确：应为 JSON 对象')
    const { action, ...rest } = event as Record<string, unknown>
    // Never stringify what is not a string: `String` of an array nested 100,000 deep overflows the stack.
    if (typeof action !== 'string') return bad('请求缺少操作名（action 应为文字）', { function: fnName, actions: Object.keys(table) })
    if (!Object.hasOwn(table, action)) return bad(`未知操作：${action.slice(0, 40)}`, { function: fnName, actions: Object.keys(table) })
    const def = table[action]
    if (def.auth !== 'public') {
      if (!ctx.caller) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }
      if (!ctx.caller.active) return { ok: false, error: { code: 'FORBIDDEN', message: '您的账号已停用，请联系单位管理员' } }
      if (typeof def.auth === 'function' && !def.auth(ctx.caller))
        return { ok: false, error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } }
    }
    const parsed = parseInput(def.input, rest)
    if (parsed === 'too-deep') return bad('请求格式不正确：内容嵌套过深')
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5)
      return bad(zhIssue(issues[0]), { fields: issues.map((i) => ({ path: i.path.join('.'), message: zhIssue(i) })) })
    }
    const wait = def.rateLimit && ctx.limiter ? ctx.limiter.take(def.rateLimit.bucket, def.rateLimit.key(parsed.data, ctx), ctx.now()) : 0
    if (wait > 0)
      return { ok: false, error: { code: 'RATE_LIMITED', message: `操作过于频繁，请 ${retryMinutes(wait)} 分钟后再试`, details: { retryAfterSec: wait } } }
    if (!def.audit || !ctx.caller) return { ok: true, data: await def.run(parsed.data, ctx) }
    return { ok: true, data: await runAudited(`${fnName}.${action}`, def.audit, parsed.data, ctx as AuthedCtx, def.run) }
  } catch (e) {
    if (!(e instanceof DomainError) && !(e instanceof StoreError)) onInternalError(e)
    return { ok: false, error: errorBody(e) }
  }
}

/** Validation of any shape a client sends: nesting too deep for the stack is bad input, not a crash. */
function parseInput(schema: z.ZodType, input: unknown) {
  try {
    return schema.safeParse(input)
  } catch (e) {
    if (e instanceof RangeError) return 'too-deep' as const
    throw e
  }
}

const bad = (message: string, details?: Record<string, unknown>): Envelope<never> => ({
  ok: false,
  error: { code: 'BAD_INPUT', message, ...(details ? { details } : {}) },
})
