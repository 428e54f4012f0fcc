/**
 * What a member reads when the store refuses: one envelope code and Chinese message per
 * StoreError kind, the same wherever the refusal comes from. Adapters throw the kind; only the
 * handler edge (dispatch's errorBody) turns it into text.
 */
import type { ErrorBody } from '../contract/errors'
import type { StoreEntity, StoreError, StoreErrorKind } from '../store/errors'

const NOT_FOUND: Record<StoreEntity, string> = {
  activity: '活动不存在',
  checkIn: '签到记录不存在',
  org: '组织不存在或已合并',
  leave: '请假申请不存在',
  meetingRecord: '会议记录不存在',
  dutyReport: '述职报告不存在',
}

const REFUSED: Record<Exclude<StoreErrorKind, 'notFound'>, ErrorBody> = {
  idempotencyKeyReused: { code: 'CONFLICT', message: '该请求编号已用于另一次签到，请重新扫码' },
  alreadyReversed: { code: 'CONFLICT', message: '这条记录已更正过，不能重复更正' },
  makeupOpen: { code: 'CONFLICT', message: '该活动已有待审核或已通过的补签，无需重复申请' },
  conflict: { code: 'CONFLICT', message: '内容已被他人修改或处理，请刷新后再试' },
}

export function storeErrorBody(e: StoreError): ErrorBody {
  if (e.kind === 'notFound') return { code: 'NOT_FOUND', message: e.entity ? NOT_FOUND[e.entity] : '记录不存在' }
  return { ...REFUSED[e.kind] }
}
