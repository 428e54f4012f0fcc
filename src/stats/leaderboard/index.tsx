import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
// Shared styles in one order on every page: the older components first (StateView, Tabs), then the new.
import StateView from '../../components/StateView'
import Tabs from '../../components/Tabs'
import PeriodPicker from '../../components/PeriodPicker'
import Segmented from '../../components/Segmented'
import AsOf from '../../components/AsOf'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { leaderboard, type LeaderboardQuery } from '../../services/stats'
import { currentPeriod, periodLabel } from '../../utils/period'
import { seesDashboards } from '../../utils/roles'
import ExportButtons from '../shared/ExportButtons'
import { MemberRows, UnitRows } from './Rows'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'

type Board = LeaderboardQuery['board']
type Scope = LeaderboardQuery['scope']
type BoardView = 'units' | 'members'

const NOTE: Record<Board, string> = {
  studyModel: '学习标兵榜只统计青年党员的理论学习与讲座积分；同分时出勤率高者在前，再按先达到该分数者在前。',
  volunteer: '志愿服务榜按本期已确认的志愿服务时长排名。',
}

/** 排行榜: the study-model board and the volunteer board, city-wide (units or people) or one unit. */
export default function LeaderboardPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const [board, setBoard] = useState<Board>('studyModel')
  const [scope, setScope] = useState<Scope>('city')
  const [view, setView] = useState<BoardView>('units')
  const [period, setPeriod] = useState(() => currentPeriod('year'))
  const q: LeaderboardQuery = { period, board, scope, view: scope === 'city' ? view : 'members' }
  const data = useRemote(() => leaderboard(q), !!session, `${q.period}|${q.board}|${q.scope}|${q.view}`)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const me = session.member
  const b = data.data
  const shown = b && b.period === period && b.board === board && b.scope === scope && b.view === q.view
  const count = b ? (b.view === 'units' ? b.units.length : b.rows.length) : 0

  return (
    <View className={`stats leaderboard ${fontClass}`}>
      <Tabs
        items={[
          { key: 'studyModel', label: '学习标兵榜' },
          { key: 'volunteer', label: '志愿服务榜' },
        ]}
        value={board}
        onChange={setBoard}
      />
      <View className='stats__toolbar'>
        <Segmented
          options={[
            { key: 'city', label: '全市' },
            { key: 'unit', label: '本单位' },
          ]}
          value={scope}
          onChange={setScope}
          testId='scope'
        />
        {scope === 'city' && (
          <Segmented
            options={[
              { key: 'units', label: '按单位平均' },
              { key: 'members', label: '按个人' },
            ]}
            value={view}
            onChange={setView}
            testId='view'
          />
        )}
      </View>
      <PeriodPicker value={period} onChange={setPeriod} kinds={['month', 'quarter', 'year']} />
      <Text className='stats__section'>
        {periodLabel(period)} · {scope === 'city' ? '全市' : me.unitName}
        {b && shown ? ` · 共 ${b.view === 'units' ? `${b.units.length} 个单位` : `${b.total} 人上榜`}` : ''}
      </Text>
      <StateView
        loading={data.loading}
        error={data.error}
        empty={count === 0}
        emptyText='本期暂无上榜记录'
        emptyHint={board === 'studyModel' ? '青年党员参加理论学习或讲座并签到后即可上榜' : '参加志愿服务并签退后即可上榜'}
        onRetry={() => void data.reload()}
      >
        {b && (
          <View className={shown ? '' : 'stats-stale'} data-testid='board' data-view={b.view}>
            <AsOf asOf={b.asOf} place='page' />
            {b.view === 'units' ? <UnitRows board={b.board} units={b.units} myUnitId={me.unitId} /> : <MemberRows board={b.board} rows={b.rows} myId={me.id} />}
            {b.view === 'members' && b.total > b.rows.length && <Text className='stats__section'>仅显示前 {b.rows.length} 名</Text>}
          </View>
        )}
      </StateView>
      <View className='stats__card'>
        <Text className='stats__note'>{NOTE[board]}</Text>
      </View>
      {board === 'studyModel' && seesDashboards(me) && <ExportButtons what='leaderboard' period={period} />}
    </View>
  )
}
