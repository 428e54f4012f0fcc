import { Text, View } from '@tarojs/components'
import type { Arrival } from './arrivals'
import { when } from './facts'

/**
 * The last arrivals, newest first, each with the time it came in: people see their name appear.
 * `null` while the list has not been read yet (nothing is shown rather than a false 还没有人); empty
 * once check-in has closed, nothing either (the count above says 共签到 0 人).
 */
export default function Wall({ arrivals, serverNow, closed }: { arrivals: Arrival[] | null; serverNow: number; closed: boolean }) {
  if (arrivals === null || (closed && arrivals.length === 0)) return null
  return (
    <View className='qr-wall' data-testid='arrivals-wall'>
      <Text className='qr-wall__title'>{closed ? '最后签到' : '最近签到'}</Text>
      {arrivals.length === 0 ? (
        <Text className='qr-wall__empty'>还没有人签到，扫码签到后名字会出现在这里</Text>
      ) : (
        <View className='qr-wall__list'>
          {arrivals.map((a) => (
            <View key={a.checkInId} className='qr-wall__item' data-testid='arrival'>
              <Text className='qr-wall__name'>{a.name}</Text>
              <Text className='qr-wall__time'>{when(a.at, serverNow)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
