import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { TEXT_MIN } from '@cloud/contract/vocabulary'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import { requestMakeup } from '../../services/checkin'
import { PAGES } from '../../utils/nav'
import { fmtDateTime } from '../../utils/time'

type State = { step: 'closed' } | { step: 'editing'; problem?: string } | { step: 'sending' } | { step: 'sent' }

interface Props {
  activityId: string
  /** The last moment to ask, as the server gave it with its offer (null: none given). */
  deadline: string | null
  primary: boolean
}

/** A member who missed the check-in asks for a make-up (补签) with a reason; the organizer decides. */
export default function MakeupRequest({ activityId, deadline, primary }: Props) {
  const [state, setState] = useState<State>({ step: 'closed' })
  const [reason, setReason] = useState('')

  async function send() {
    const problem = reasonProblem(reason, '补签理由')
    if (problem) return setState({ step: 'editing', problem })
    setState({ step: 'sending' })
    try {
      await requestMakeup(activityId, reason.trim())
      setState({ step: 'sent' })
    } catch (e) {
      setState({ step: 'editing', problem: e instanceof Error ? e.message : '提交失败，请稍后重试' })
    }
  }

  const until = deadline && (
    <Text className='checkin__meta' data-testid='makeup-deadline'>
      补签申请截止：{fmtDateTime(deadline)}
    </Text>
  )
  if (state.step === 'closed')
    return (
      <>
        <Button type={primary ? 'primary' : 'default'} block data-testid='makeup-open' onClick={() => setState({ step: 'editing' })}>
          申请补签
        </Button>
        {until}
      </>
    )
  if (state.step === 'sent')
    return (
      <View className='checkin__result' data-testid='makeup-outcome' data-ok='1'>
        <Text className='checkin__result-title'>补签申请已提交</Text>
        <Text className='checkin__result-line'>组织者审核通过后计入签到记录，结果可在“我的记录 · 补签申请”中查看</Text>
        <Button block data-testid='to-makeups' onClick={() => Taro.redirectTo({ url: `${PAGES.records}?tab=makeups` })}>
          查看补签申请
        </Button>
      </View>
    )
  return (
    <View className='checkin__makeup'>
      <Text className='checkin__makeup-title'>申请补签</Text>
      {until}
      <ReasonInput value={reason} onChange={setReason} placeholder={`请说明未能按时签到的原因（至少 ${TEXT_MIN.reason} 个字），如：到场后手机没电`} testId='makeup-reason' />
      {state.step === 'editing' && state.problem && (
        <Text className='checkin__problem' data-testid='makeup-outcome' data-ok='0'>
          {state.problem}
        </Text>
      )}
      <Button type='primary' block loading={state.step === 'sending'} disabled={state.step === 'sending'} data-testid='makeup-submit' onClick={() => void send()}>
        提交补签申请
      </Button>
    </View>
  )
}
