import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CheckOutResult } from '@cloud/contract/model'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import { checkOut } from '../../services/checkin'
import { fmtTime } from '../../utils/time'

type State = { step: 'idle' } | { step: 'working' } | { step: 'done'; result: CheckOutResult } | { step: 'failed'; message: string }

/** What a check-out counted, in the words a volunteer expects. */
export function checkOutLines(r: CheckOutResult): string[] {
  if (r.alreadyCheckedOut) {
    const lines = [`您已于 ${fmtTime(r.checkIn.checkedOutAt ?? r.checkIn.checkedInAt)} 签退，无需重复操作`]
    if (r.effectiveHours > 0) lines.push(`已计入志愿时长 ${r.effectiveHours} 小时`)
    if (r.pendingHours > 0) lines.push(`${r.pendingHours} 小时待组织者审核`)
    return lines
  }
  const lines: string[] = []
  if (r.effectiveHours > 0) lines.push(`计入志愿时长 ${r.effectiveHours} 小时${r.pointsEarned > 0 ? `，累计获得 ${r.pointsEarned} 积分` : ''}`)
  if (r.pendingHours > 0) lines.push(`${r.pendingHours} 小时超出当天即时计入的时长，待组织者审核`)
  if (r.droppedHours > 0) lines.push(`${r.droppedHours} 小时超出每天 ${DEFAULT_POLICY.dailyHoursMax} 小时上限，不予计入`)
  if (r.hours === 0) lines.push('服务时长不足半小时（按活动时间计算），本次未计时长')
  return lines
}

/**
 * Volunteer check-out from the same QR link: scanning the screen again at the end opens the page,
 * which finds the earlier check-in and offers this.
 */
export default function CheckOut({ activityId, token }: { activityId: string; token: string }) {
  const [state, setState] = useState<State>({ step: 'idle' })

  async function run() {
    setState({ step: 'working' })
    try {
      setState({ step: 'done', result: await checkOut(activityId, token) })
    } catch (e) {
      setState({ step: 'failed', message: e instanceof Error ? e.message : '签退失败，请稍后重试' })
    }
  }

  if (state.step === 'done')
    return (
      <View className='checkin__result' data-testid='checkout-result'>
        <Text className='checkin__result-title'>{state.result.alreadyCheckedOut ? '已签退' : '签退成功'}</Text>
        {checkOutLines(state.result).map((line) => (
          <Text key={line} className='checkin__result-line'>
            {line}
          </Text>
        ))}
      </View>
    )
  return (
    <>
      <Text className='checkin__earned'>服务结束时请点击“签退”，志愿时长按签到至签退的时间计算</Text>
      {state.step === 'failed' && (
        <Text className='checkin__problem' data-testid='checkout-failed'>
          {state.message}
        </Text>
      )}
      <Button type='primary' block loading={state.step === 'working'} disabled={state.step === 'working'} data-testid='check-out' onClick={() => void run()}>
        签退
      </Button>
    </>
  )
}
