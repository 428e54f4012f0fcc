import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { isAdmin } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import '../../components/Badge'
import StateView from '../../components/StateView'
import Segmented from '../../components/Segmented'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { recordsToReview } from '../../services/branch'
import MeetingRow from '../shared/MeetingRow'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'

type State = 'submitted' | 'returned' | 'reviewed'
const OPTIONS: { key: State; label: string }[] = [
  { key: 'submitted', label: '待审阅' },
  { key: 'returned', label: '已退回' },
  { key: 'reviewed', label: '已审阅' },
]

/** 会议记录审阅: the unit's records waiting for review (or returned, or reviewed); tap one to review it. */
export default function ReviewQueue() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const allowed = !!session && isAdmin(session.member)
  const [state, setState] = useState<State>('submitted')
  const list = useRemote(() => recordsToReview(state), allowed, state)
  useDidShow(() => {
    if (list.data) void list.reload()
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!session) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('会议记录审阅仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )
  const meetings = list.data?.meetings ?? []
  return (
    <View className={`bl ${fontClass}`}>
      <View className='bl__bar'>
        <Segmented options={OPTIONS} value={state} onChange={setState} testId='review-state' />
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        empty={meetings.length === 0}
        emptyText={state === 'submitted' ? '没有待审阅的会议记录' : state === 'returned' ? '没有退回的会议记录' : '还没有审阅过的会议记录'}
        emptyHint='支部上报会议记录后会显示在这里'
        onRetry={() => void list.reload()}
      >
        {meetings.map((m) => (
          <MeetingRow key={m.activityId} m={m} extra={m.branchName} />
        ))}
      </StateView>
    </View>
  )
}
