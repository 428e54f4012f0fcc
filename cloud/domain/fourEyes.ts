/**
 * Four eyes (双人把关): every credit an organizer grants or takes away by hand is decided by
 * someone other than the member it is for. An organizer's own make-up or hours go to another
 * organizer of the unit or its unit admin, who may decide them already (`organizesActivity`).
 */
import { fail } from './errors'

/** The organizer's decisions about one member's credit. */
export type CreditDecision = 'reviewMakeup' | 'addMakeup' | 'manualCheckIn' | 'confirmHours' | 'reviewHours' | 'reverseCredit' | 'reverseCheckIn'

const WHO_ELSE = '请由本单位其他组织者或单位管理员'

const REFUSAL: Record<CreditDecision, string> = {
  reviewMakeup: `不能审核自己的补签申请，${WHO_ELSE}审核`,
  addMakeup: `不能为自己补录签到，${WHO_ELSE}补录`,
  manualCheckIn: `不能为自己手动签到，请扫码签到或${WHO_ELSE}代为签到`,
  confirmHours: `不能确认自己的志愿时长，${WHO_ELSE}确认`,
  reviewHours: `不能审核自己的时长申请，${WHO_ELSE}审核`,
  reverseCredit: `不能更正自己的积分记录，${WHO_ELSE}处理`,
  reverseCheckIn: `不能撤销自己的签到积分，${WHO_ELSE}处理`,
}

/** Refuse a decision about the decider's own credit. */
export function assertNotOwnCredit(deciderId: string, memberId: string, decision: CreditDecision): void {
  if (deciderId === memberId) fail('FORBIDDEN', REFUSAL[decision])
}
