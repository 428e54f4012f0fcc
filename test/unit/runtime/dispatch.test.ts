/**
 * The dispatch's edges: whatever shape an event has, the answer is an envelope with a 4xx code,
 * never INTERNAL; a rate-limited action says when to try again.
 */
import { z } from 'zod'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { defineAction, type ActionTable } from '../../../cloud/runtime/action'
import { createCtx } from '../../../cloud/runtime/context'
import { dispatch } from '../../../cloud/runtime/dispatch'
import { MemoryRateLimiter } from '../../../cloud/runtime/rateLimit'
import type { Store } from '../../../cloud/store/Store'

const NOW = new Date('2026-11-20T02:00:00.000Z')

/** A tree of any depth: validating a deep one recurses as deep as it goes. */
type Tree = Tree[]
const tree: z.ZodType<Tree> = z.lazy(() => z.array(tree))

const table: ActionTable = {
  echo: defineAction({ input: z.object({ tree }), auth: 'public', run: async () => ({ fine: true }) }),
  ping: defineAction({ input: z.object({}), auth: 'public', run: async () => 'pong', rateLimit: { bucket: 'checkIn', key: () => 'k' } }),
}

const ctx = (limiter: MemoryRateLimiter | null = null) =>
  createCtx(
    { world: 'local', store: {} as unknown as Store, now: () => NOW, sessions: null, limiter, readCache: null },
    { caller: null, policy: DEFAULT_POLICY, request: { ip: '10.0.0.1', device: null } },
  )

/** Arrays nested this deep, built without recursion. */
function nested(depth: number): Tree {
  const root: Tree = []
  let at = root
  for (let i = 0; i < depth; i++) {
    const next: Tree = []
    at.push(next)
    at = next
  }
  return root
}

describe('dispatch', () => {
  it('an action that is not text (an array 100,000 deep) → BAD_INPUT, never stringified', async () => {
    const internal = jest.fn()
    const env = await dispatch('fn', table, { action: nested(100_000) }, ctx(), internal)
    expect(env).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { actions: ['echo', 'ping'] } } })
    expect(internal).not.toHaveBeenCalled()
  })

  it('an unknown action is named (cut to 40 characters)', async () => {
    const env = await dispatch('fn', table, { action: 'x'.repeat(100) }, ctx())
    expect(env).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: `未知操作：${'x'.repeat(40)}` } })
  })

  it('a field nested deeper than validation can recurse → BAD_INPUT (the stack overflows inside zod), not INTERNAL', async () => {
    const internal = jest.fn()
    const shallow = await dispatch('fn', table, { action: 'echo', tree: nested(100) }, ctx(), internal)
    expect(shallow).toEqual({ ok: true, data: { fine: true } })
    const env = await dispatch('fn', table, { action: 'echo', tree: nested(200_000) }, ctx(), internal)
    expect(env).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '请求格式不正确：内容嵌套过深' } })
    expect(internal).not.toHaveBeenCalled()
  })

  it('past a bucket’s limit → RATE_LIMITED with the minutes in the message and retryAfterSec', async () => {
    const c = ctx(new MemoryRateLimiter())
    for (let i = 0; i < 30; i++) expect(await dispatch('fn', table, { action: 'ping' }, c)).toEqual({ ok: true, data: 'pong' })
    expect(await dispatch('fn', table, { action: 'ping' }, c)).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '操作过于频繁，请 1 分钟后再试', details: { retryAfterSec: 60 } },
    })
  })
})
