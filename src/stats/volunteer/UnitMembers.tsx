import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/useRemote'
import { volunteer } from '../../services/stats'

/** One unit's members by volunteer hours in the period, loaded when the unit is opened. */
export default function UnitMembers({ period, unitId }: { period: string; unitId: string }) {
  const data = useRemote(() => volunteer(period, unitId), true, `${period}|${unitId}`)
  if (data.loading && !data.data) return <Text className='stats-row__meta'>加载中…</Text>
  if (data.error) return <Text className='stats-row__meta'>{data.error.message}</Text>
  const rows = (data.data?.memberHours ?? []).filter((m) => m.hours > 0)
  if (rows.length === 0) return <Text className='stats-row__meta'>本期还没有成员记入志愿服务时长</Text>
  return (
    <View className='volunteer__members' data-testid='member-hours'>
      {rows.map((m, i) => (
        <View key={m.memberId} className='volunteer__member'>
          <Text className='volunteer__member-rank'>{i + 1}</Text>
          <Text className='volunteer__member-name'>{m.name}</Text>
          <Text className='volunteer__member-hours'>{m.hours} 小时</Text>
        </View>
      ))}
    </View>
  )
}
