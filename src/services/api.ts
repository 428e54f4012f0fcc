import type { ErrorCode } from '@cloud/contract/errors'
import type { Functions } from '@cloud/functions'
import type { InputOf, OutputOf } from '@cloud/runtime/action'
import { clearSession, loadSession } from './session'
import { transport } from './transport'

/** A refusal from a cloud function, with its stable code and a Chinese message for the person. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Fn = keyof Functions
type ActionOf<F extends Fn> = keyof Functions[F] & string

/** The one typed door to every cloud function; call types derive from the functions' own tables. */
export async function call<F extends Fn, A extends ActionOf<F>>(
  fn: F,
  action: A,
  input: InputOf<Functions[F], A>,
): Promise<OutputOf<Functions[F], A>> {
  const session = loadSession()
  const env = await transport(fn, { ...(input as object), action }, session?.session ?? null)
  if (env.ok) return env.data as OutputOf<Functions[F], A>
  if (env.error.code === 'UNAUTHENTICATED' && session) clearSession()
  throw new ApiError(env.error.code, env.error.message, env.error.details)
}
