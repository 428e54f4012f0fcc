import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { UnitCoverage } from '@cloud/domain/coverage'
import StateView from '../../components/StateView'
import BarChart from '../../components/BarChart'
import Figures from '../../components/Figures'
import PeriodPicker from '../../components/PeriodPicker'
import AsOf from '../../components/AsOf'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { coverage } from '../../services/stats'
import { currentPeriod, monthLabel, pct, periodLabel } from '../../utils/period'
import ExportButtons from '../shared/ExportButtons'
import { STATUS_LABEL, STATUS_MEANING, STATUS_TONE } from '../shared/StatusBadge'
import UnitCoverageRow from './UnitCoverageRow'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** Red first, then amber, then green; within a colour, the lowest coverage first. */
const ORDER = { red: 0, amber: 1, green: 2 }
const worstFirst = (a: UnitCoverage, b: UnitCoverage) => ORDER[a.status] - ORDER[b.status] || a.coverage - b.coverage

/** 青年理论学习小组全覆盖: every unit's coverage and light, drill-down to groups and uncovered youth. */
export default function CoveragePage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const [period, setPeriod] = useState(() => currentPeriod('quarter'))
  const [open, setOpen] = useState<string | null>(null)
  const data = useRemote(() => coverage(period), !!session, period)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  const c = data.data
  const names = useMemo(() => new Map((c?.units ?? []).map((u) => [u.unitId, u.unitName])), [c])
  if (!session) return null
  const stale = c && c.period !== period
  // Begun but not yet due: the month in progress, which no group can have missed yet.
  const inProgress = c ? c.months.filter((m) => !c.monthsDue.includes(m)) : []

  return (
    <View className={`stats coverage ${fontClass}`}>
      <PeriodPicker
        value={period}
        onChange={(p) => {
          setPeriod(p)
          setOpen(null)
        }}
      />
      <StateView loading={data.loading} error={data.error} empty={!c} emptyText='暂无覆盖数据' onRetry={() => void data.reload()}>
        {c && (
          <View className={stale ? 'stats-stale' : ''} data-testid='coverage' data-period={c.period}>
            <View className='stats__card'>
              <Text className='stats__card-title'>{periodLabel(c.period)} · 全市</Text>
              <Figures
                items={[
                  { label: '青年覆盖率', value: pct(c.coverage), hint: `${c.youthInActiveGroups}/${c.youth} 人`, testId: 'city-coverage' },
                  { label: '绿灯单位占比', value: pct(c.greenShare), hint: `${c.greenUnits}/${c.units.length} 个单位`, testId: 'green-share' },
                ]}
              />
              <AsOf asOf={c.asOf} />
              <Text className='stats__note'>
                统计月份：{c.months.length ? c.months.map(monthLabel).join('、') : '本期尚未开始'} · 青年指 {c.youthAgeLimit} 周岁及以下党员 ·
                小组在某月有一次学习即算当月已学习
                {inProgress.length > 0 && ` · ${inProgress.map(monthLabel).join('、')}尚未结束，暂不计未学习`}
              </Text>
              <View className='stats__legend'>
                {(['green', 'amber', 'red'] as const).map((s) => (
                  <Text key={s}>
                    <Text className={`status-dot status-dot--${s}`} />
                    {STATUS_LABEL[s]}：{STATUS_MEANING[s]}
                  </Text>
                ))}
              </View>
            </View>
            <Text className='stats__section'>各单位覆盖率</Text>
            <View className='stats__card'>
              <BarChart
                title='各单位青年理论学习小组覆盖率'
                max={1}
                testId='coverage-chart'
                bars={[...c.units]
                  .sort((a, b) => b.coverage - a.coverage)
                  .map((u) => ({ key: u.unitId, label: u.unitName, value: u.coverage, valueText: pct(u.coverage), tone: STATUS_TONE[u.status] }))}
              />
            </View>
            <ExportButtons what='coverage' period={c.period} />
            <Text className='stats__section'>单位明细（点击查看小组与未覆盖人员）</Text>
            {[...c.units].sort(worstFirst).map((u) => (
              <UnitCoverageRow
                key={u.unitId}
                unit={u}
                period={c.period}
                months={c.months}
                monthsDue={c.monthsDue}
                unitName={(id) => names.get(id) ?? id}
                open={open === u.unitId}
                onToggle={() => setOpen(open === u.unitId ? null : u.unitId)}
              />
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}
