import { Text, View } from '@tarojs/components'
import type { TargetStanding } from '@cloud/contract/obligations'
import { RHYTHM_LABEL } from '@cloud/contract/vocabulary'
import { pct } from '../../utils/period'
import { STATUS_LABEL, STATUSES } from './labels'

/** One line per target: its name, the share met over every row, and how many rows (units or branches) are at each light. */
export default function Standings({ targets }: { targets: TargetStanding[] }) {
  return (
    <View className='ob-standings'>
      {targets.map((s) => (
        <View key={s.target.id} className='ob-standing' data-testid='standing' data-target={s.target.id} data-status={s.total.status}>
          <View className='ob-standing__head'>
            <View className='ob-standing__who'>
              <Text className='ob-standing__name'>{s.target.name}</Text>
              <View className='ob-standing__counts'>
                <Text className='ob-standing__meta'>
                  {RHYTHM_LABEL[s.target.rhythm]}
                  {s.target.deadline ? ` · ${s.target.deadline} 前` : ''} · {s.total.met}/{s.total.required}
                </Text>
                {STATUSES.map((st) => (
                  <Text key={st} className={`ob-count ob-count--${st}`} data-testid={`standing-${st}`}>
                    {STATUS_LABEL[st]} {st === 'green' ? s.green : st === 'amber' ? s.amber : s.red}
                  </Text>
                ))}
              </View>
            </View>
            <Text className={`ob-standing__rate ob-rate--${s.total.status}`} data-testid='standing-rate'>
              {pct(s.total.rate)}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}
