/** A store's refusal reaches the member as the same code and Chinese message as before adapters stopped writing text. */
import { z } from 'zod'
import { dispatch, errorBody } from '../../../cloud/runtime/dispatch'
import type { ActionTable } from '../../../cloud/runtime/action'
import type { Ctx } from '../../../cloud/runtime/context'
import { StoreError } from '../../../cloud/store/errors'

describe('StoreError at the handler edge', () => {
  it.each([
    ['notFound: activity', new StoreError('notFound', 'activity'), 'NOT_FOUND', '活动不存在'],
    ['notFound: checkIn', new StoreError('notFound', 'checkIn'), 'NOT_FOUND', '签到记录不存在'],
    ['idempotencyKeyReused', new StoreError('idempotencyKeyReused'), 'CONFLICT', '该请求编号已用于另一次签到，请重新扫码'],
    ['alreadyReversed', new StoreError('alreadyReversed'), 'CONFLICT', '这条记录已更正过，不能重复更正'],
    ['makeupOpen', new StoreError('makeupOpen'), 'CONFLICT', '该活动已有待审核或已通过的补签，无需重复申请'],
  ])('%s', (_kind, error, code, message) => {
    expect(errorBody(error)).toEqual({ code, message })
  })

  it('is an answer, not an internal error', async () => {
    const table = {
      reverse: { input: z.object({}), auth: 'public', run: async () => { throw new StoreError('alreadyReversed') } },
    } as unknown as ActionTable
    const internal = jest.fn()
    const envelope = await dispatch('checkin', table, { action: 'reverse' }, { caller: null } as unknown as Ctx, internal)
    expect(envelope).toEqual({ ok: false, error: { code: 'CONFLICT', message: '这条记录已更正过，不能重复更正' } })
    expect(internal).not.toHaveBeenCalled()
  })
})
