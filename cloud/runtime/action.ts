import type { z } from 'zod'
import type { Member } from '../contract/model'
import type { ActedOn } from './audit'
import type { Ctx } from './context'

/** A signed-in caller, as handlers behind `auth: 'member'` see them. */
export type AuthedCtx = Ctx & { caller: Member }

export type Auth = 'public' | 'member' | ((caller: Member) => boolean)

/** Where an audit row is filed: what the action was about, and whose unit's log holds it. */
export interface AuditTarget {
  /** `<input field>:<id>` as the audit page reads it (`id:` an activity, `memberId:`, `makeupId:`…), or null. */
  target: string | null
  /** undefined only when the use case did not name what it acted on: a bug, and the action fails. */
  unitId: string | undefined
}

/** Method syntax on purpose: tables hold actions of many result types. */
export interface AuditSpec<I, R> {
  /**
   * Declared by each action from its input, its result and the records its use case acted on
   * (`ctx.audit.actedOn`), or the caller: never a store read of its own.
   */
  target(input: I, result: R, seen: ActedOn & { caller: Member }): AuditTarget
  before?(input: I, ctx: AuthedCtx): Promise<unknown>
  after?(result: R, input: I): unknown
}

export interface Action<S extends z.ZodType, R, A extends Auth> {
  input: S
  auth: A
  run: (input: z.output<S>, ctx: A extends 'public' ? Ctx : AuthedCtx) => Promise<R>
  /** Count attempts per key (an address, a member) and answer RATE_LIMITED past the bucket's limit. */
  rateLimit?: { bucket: string; key: (input: z.output<S>, ctx: Ctx) => string }
  /**
   * Record organizer and admin actions: who, what, when, before (if given) and after (the result,
   * or what `after` keeps of it — never a credential). Filed under the unit `target` declares.
   */
  audit?: AuditSpec<z.output<S>, NoInfer<R>>
}

/** An action of any input, result and caller, as a function's table holds it. */
export type AnyAction = Action<z.ZodType, unknown, Auth>
export type ActionTable = Record<string, AnyAction>

export const defineAction = <S extends z.ZodType, R, A extends Auth>(a: Action<S, R, A>): Action<S, R, A> => a

/** Input and output types of a table's actions, for the app's typed services. */
export type InputOf<T extends ActionTable, K extends keyof T> = z.input<T[K]['input']>
export type OutputOf<T extends ActionTable, K extends keyof T> = Awaited<ReturnType<T[K]['run']>>
