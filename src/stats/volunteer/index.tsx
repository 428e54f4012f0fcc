import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import StateView from '../../components/StateView'
import BarChart from '../../components/BarChart'
import Figures from '../../components/Figures'
import PeriodPicker from '../../components/PeriodPicker'
import AsOf from '../../components/AsOf'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { volunteer } from '../../services/stats'
import { currentPeriod, isFuture, pct, periodLabel } from '../../utils/period'
import ExportButtons from '../shared/ExportButtons'
import UnitMembers from './UnitMembers'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** Hours as people read them: whole numbers plain, halves kept (12.5). */
const fmtHours = (h: number) => String(Math.round(h * 10) / 10)

/** 志愿服务: city totals, participation, hours by month, units by hours with each member's hours. */
export default function VolunteerPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const [period, setPeriod] = useState(() => currentPeriod('year'))
  const [open, setOpen] = useState<string | null>(null)
  const data = useRemote(() => volunteer(period), !!session, period)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const v = data.data
  // Twelve columns on a phone: month numbers and whole hours keep them legible.
  const many = (v?.trend.length ?? 0) > 6

  return (
    <View className={`stats volunteer ${fontClass}`}>
      <PeriodPicker
        value={period}
        onChange={(p) => {
          setPeriod(p)
          setOpen(null)
        }}
      />
      <StateView loading={data.loading} error={data.error} empty={!v} emptyText='暂无志愿服务数据' onRetry={() => void data.reload()}>
        {v && (
          <View className={v.period !== period ? 'stats-stale' : ''} data-testid='volunteer' data-period={v.period}>
            <View className='stats__card'>
              <Text className='stats__card-title'>{periodLabel(v.period)} · 全市</Text>
              <Figures
                items={[
                  { label: '服务时长（小时）', value: fmtHours(v.totalHours), testId: 'volunteer-total' },
                  { label: '参与人数', value: String(v.participants), hint: `共 ${v.members} 名党员`, testId: 'volunteer-participants' },
                  { label: '参与率', value: pct(v.participation), testId: 'volunteer-rate' },
                ]}
              />
              <AsOf asOf={v.asOf} />
              <Text className='stats__note'>参与率 = 本期有志愿服务记录的党员 / 党员总数；时长以签到签退或组织者确认为准。</Text>
            </View>
            <Text className='stats__section'>各月服务时长（小时）</Text>
            <View className='stats__card'>
              <BarChart
                direction='vertical'
                title='各月志愿服务时长'
                testId='volunteer-trend'
                bars={v.trend.map((t) => ({
                  key: t.month,
                  label: many ? String(Number(t.month.slice(5))) : `${Number(t.month.slice(5))}月`,
                  value: t.hours,
                  // A month still to come has no hours yet, rather than none.
                  valueText: isFuture(t.month) ? '—' : many ? String(Math.round(t.hours)) : fmtHours(t.hours),
                  tone: 'success',
                }))}
              />
              {many && <Text className='stats__note'>横轴为月份</Text>}
            </View>
            <ExportButtons what='volunteer' period={v.period} />
            <Text className='stats__section'>各单位（按服务时长，点击查看个人时长）</Text>
            {v.units.map((u, i) => (
              <View key={u.unitId} className='stats-row' data-testid='volunteer-unit' data-unit-id={u.unitId}>
                <View className='stats-row__line' onClick={() => setOpen(open === u.unitId ? null : u.unitId)}>
                  <Text className={`stats-row__rank ${i < 3 && u.hours > 0 ? 'stats-row__rank--top' : ''}`}>{i + 1}</Text>
                  <View className='stats-row__who'>
                    <Text className='stats-row__name'>{u.unitName}</Text>
                    <Text className='stats-row__meta'>
                      参与 {u.participants}/{u.members} 人 · 参与率 {pct(u.participation)}
                    </Text>
                  </View>
                  <View className='stats-row__score'>
                    <Text className='stats-row__value'>{fmtHours(u.hours)} 小时</Text>
                    <Text className='stats-row__toggle'>{open === u.unitId ? '收起 ︿' : '个人 ﹀'}</Text>
                  </View>
                </View>
                {open === u.unitId && (
                  <View className='stats-row__detail'>
                    <UnitMembers period={v.period} unitId={u.unitId} />
                  </View>
                )}
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}
