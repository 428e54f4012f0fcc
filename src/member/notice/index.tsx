import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { SELECTION } from '@cloud/contract/limits'
import StateView from '../../components/StateView'
import PeriodPicker from '../../components/PeriodPicker'
import SnapshotView from '../../components/SnapshotView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { snapshot } from '../../services/stats'
import { currentPeriod, periodLabel } from '../../utils/period'
import MyObjections from './MyObjections'
import ObjectionSheet from './ObjectionSheet'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** 公示: the study-model list of a period, on public notice until its date (objections welcome), then final. */
export default function NoticePage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const [period, setPeriod] = useState(() => params.period || currentPeriod('year'))
  const [objecting, setObjecting] = useState(false)
  const data = useRemote(() => snapshot(period), !!session, period)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const s = data.data
  return (
    <View className={`member-page notice ${fontClass}`}>
      <PeriodPicker value={period} onChange={setPeriod} kinds={['year', 'quarter']} />
      <StateView
        loading={data.loading}
        error={data.error}
        empty={!s}
        emptyText={`${periodLabel(period)}尚未公示标兵名单`}
        emptyHint={`市直机关工委冻结名单后会在这里公示 ${SELECTION.noticeDays} 天`}
        onRetry={() => void data.reload()}
      >
        {s && (
          <View className={s.period !== period ? 'member-page--stale' : ''}>
            <SnapshotView snapshot={s} />
            {s.status === 'notice' && (
              <View className='notice__actions'>
                <Button type='primary' fill='outline' block data-testid='object' onClick={() => setObjecting(true)}>
                  提出异议
                </Button>
                <Text className='notice__hint'>对名单中的人选或整个名单有异议，请在公示期内提出，并写明事实和理由。</Text>
              </View>
            )}
            <MyObjections mine={s.mine} listId={s.id} />
            <Text className='member-page__empty'>名单按青年理论学习积分排名，并要求本人所在青年理论学习小组的学习出勤率达标。</Text>
          </View>
        )}
      </StateView>
      {objecting && s && <ObjectionSheet snapshot={s} onFiled={data.reload} onClose={() => setObjecting(false)} />}
    </View>
  )
}
