import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { TrendPoint } from '@cloud/contract/obligations'
import PeriodPicker from '../../components/PeriodPicker'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { obligationTrend } from '../../services/obligations'
import { currentPeriod, monthLabel, pct } from '../../utils/period'
import ChartCanvas from './ChartCanvas'
import { trendChart } from './TrendChart'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** Each target's share met at the end of every month of a year (the city's, or a unit's with `unitId`): a chart and its table. */
export default function ObligationTrendPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const unitId = params.unitId || undefined
  const [year, setYear] = useState(() => params.year || currentPeriod('year'))
  const data = useRemote(() => obligationTrend(year, unitId), !!session, `${year}:${unitId ?? ''}`)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const t = data.data
  const rowsAre = unitId ? '支部' : '单位'

  return (
    <View className={`ob ob-trend ${fontClass}`}>
      <PeriodPicker value={year} onChange={setYear} kinds={['year']} />
      <StateView loading={data.loading} error={data.error} empty={!t || t.targets.length === 0} emptyText='暂无趋势数据' onRetry={() => void data.reload()}>
        {t && (
          <View className={t.year !== year ? 'ob-stale' : ''} data-testid='trend' data-year={t.year}>
            <Text className='ob__note ob__section'>每月末累计完成率（{unitId ? '本单位' : '全市'}，自年初起）</Text>
            {t.targets.map((s, i) => (
              <View key={s.targetId} className='ob__card' data-testid='trend-target' data-target={s.targetId}>
                <Text className='ob__card-title'>{s.name}</Text>
                {s.points.length === 0 ? (
                  <Text className='ob__note'>本年尚未开始</Text>
                ) : (
                  <ChartCanvas
                    id={`trend-chart-${i}`}
                    height={180}
                    chart={() => trendChart(s.points)}
                    version={`${t.year}:${t.unitId ?? ''}:${s.points.map((p) => p.rate).join(',')}`}
                    label={`${s.name}各月完成率`}
                    testId='trend-chart'
                  />
                )}
                <TrendTable points={s.points} rowsAre={rowsAre} />
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

/** The chart's numbers as text: month, share met, and how many units (or branches) were at each light. */
function TrendTable({ points, rowsAre }: { points: TrendPoint[]; rowsAre: string }) {
  if (points.length === 0) return null
  return (
    <View className='ob-trend__table' data-testid='trend-table'>
      <View className='ob-trend__tr ob-trend__tr--head'>
        <Text className='ob-trend__td ob-trend__td--month'>月份</Text>
        <Text className='ob-trend__td'>完成率</Text>
        <Text className='ob-trend__td'>达标</Text>
        <Text className='ob-trend__td'>推进中</Text>
        <Text className='ob-trend__td'>滞后</Text>
      </View>
      {points.map((p) => (
        <View key={p.month} className='ob-trend__tr' data-testid='trend-month' data-month={p.month}>
          <Text className='ob-trend__td ob-trend__td--month'>{monthLabel(p.month)}</Text>
          <Text className='ob-trend__td'>{pct(p.rate)}</Text>
          <Text className='ob-trend__td ob-rate--green'>{p.green}</Text>
          <Text className='ob-trend__td ob-rate--amber'>{p.amber}</Text>
          <Text className='ob-trend__td ob-rate--red'>{p.red}</Text>
        </View>
      ))}
      <Text className='ob__note'>达标、推进中、滞后为当月末处于该状态的{rowsAre}数。</Text>
    </View>
  )
}
