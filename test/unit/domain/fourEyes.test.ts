/** Four eyes: an organizer's decision about their own credit is refused, saying who decides it instead. */
import { assertNotOwnCredit, type CreditDecision } from '../../../cloud/domain/fourEyes'
import { domainErrorOf } from '../../helpers/domain'

const DECISIONS: CreditDecision[] = ['reviewMakeup', 'addMakeup', 'confirmHours', 'reviewHours', 'reverseCredit', 'reverseCheckIn']

describe('assertNotOwnCredit', () => {
  it.each(DECISIONS)('%s about someone else passes', (decision) => {
    expect(() => assertNotOwnCredit('o1', 'm1', decision)).not.toThrow()
  })

  it.each(DECISIONS)('%s about oneself is FORBIDDEN, naming who decides instead', (decision) => {
    const e = domainErrorOf(() => assertNotOwnCredit('o1', 'o1', decision))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.message).toMatch(/^不能.*自己的?.*，请由本单位其他组织者或单位管理员/)
  })
})
