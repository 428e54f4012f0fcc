import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ACTIVITY_KIND_LABEL, ACTIVITY_KINDS, CREDIT_METHOD_LABEL, type ActivityKind } from '@cloud/contract/vocabulary'
import KindTag from '../../components/KindTag'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { myRecords } from '../../services/checkin'
import { fmtDateTime } from '../../utils/time'
import './index.scss'

const FILTERS: (ActivityKind | 'all')[] = ['all', ...ACTIVITY_KINDS]

export default function Records() {
  const session = useSignedIn()
  const [kind, setKind] = useState<ActivityKind | 'all'>('all')
  const records = useRemote(() => myRecords(kind === 'all' ? undefined : kind), !!session, kind)
  if (!session) return null
  const list = records.data?.records ?? []
  const points = list.reduce((s, r) => s + r.points, 0)


  return (
    <View className='records'>
      <View className='records__filters'>
        {FILTERS.map((k) => (
          <Text key={k} className={`records__filter ${k === kind ? 'records__filter--on' : ''}`} onClick={() => setKind(k)}>
            {k === 'all' ? '全部' : ACTIVITY_KIND_LABEL[k]}
          </Text>
        ))}
      </View>
      {list.length > 0 && (
        <Text className='records__summary'>
          共 {list.length} 条签到记录，累计 {points} 积分
        </Text>
      )}
      <StateView
        loading={records.loading}
        error={records.error}
        empty={list.length === 0}
        emptyText='还没有签到记录'
        emptyHint='参加活动并扫码签到后，记录会出现在这里'
        onRetry={() => void records.reload()}
      >
        {list.map((r) => (
          <View key={r.checkInId} className='records__item' data-testid='record'>
            <View className='records__head'>
              <KindTag kind={r.kind} subKind={r.subKind} />
              <Text className='records__credit'>
                {r.kind === 'volunteer' ? (r.hours > 0 ? `${r.hours} 小时` : '时长待确认') : `+${r.points} 积分`}
              </Text>
            </View>
            <Text className='records__title'>{r.title}</Text>
            <Text className='records__meta'>
              {fmtDateTime(r.checkedInAt)} · {CREDIT_METHOD_LABEL[r.method]} · {r.unitName}
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  )
}
