import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { askSubscribe } from '../../utils/subscribe'

/** Set once this phone has answered (either way): the tip shows on the first visit only. */
const ASKED_KEY = 'party-checkin.branchSubscribeAsked'

/**
 * The branch page's first visit on WeChat: an offer to push the branch's reminders (meetings, leave and
 * record decisions, target deadlines). WeChat asks only on a tap, so the offer is a tap, not a pop-up.
 */
export default function SubscribeTip() {
  const [shown, setShown] = useState(() => process.env.TARO_ENV === 'weapp' && !Taro.getStorageSync(ASKED_KEY))
  if (!shown) return null
  const done = () => {
    Taro.setStorageSync(ASKED_KEY, '1')
    setShown(false)
  }
  return (
    <View className='branch__subscribe' data-testid='subscribe-tip'>
      <Text className='branch__subscribe-text'>在微信中接收会议、审批和任务到期提醒</Text>
      <Text
        className='branch__subscribe-yes'
        onClick={() => {
          // Asked inside the tap, as WeChat requires; remembered whatever the answer.
          void askSubscribe(['activityReminder', 'reviewResult', 'taskReminder'])
          done()
        }}
      >
        开启
      </Text>
      <Text className='branch__subscribe-no' onClick={done}>
        暂不
      </Text>
    </View>
  )
}
