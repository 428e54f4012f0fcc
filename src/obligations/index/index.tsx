import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { isAdmin, isCityAdmin } from '@cloud/domain/roles'
import PeriodPicker from '../../components/PeriodPicker'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { obligations } from '../../services/obligations'
import { currentPeriod, periodLabel } from '../../utils/period'
import CellSheet, { type OpenCell } from '../shared/CellSheet'
import { OBLIGATIONS, STATUS_LABEL, STATUS_MEANING, STATUSES } from '../shared/labels'
import Matrix from '../shared/Matrix'
import Standings from '../shared/Standings'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/**
 * 全覆盖目标: every target of the plan for every unit of the city in a period (this year by default),
 * as traffic lights; a cell opens its items, a unit's name opens its branches. The caller's own unit
 * comes first.
 */
export default function ObligationsMatrix() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const [period, setPeriod] = useState(() => params.period || currentPeriod('year'))
  const [cell, setCell] = useState<OpenCell | null>(null)
  const data = useRemote(() => obligations(period), !!session, period)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const o = data.data
  const stale = !!o && o.period !== period
  const city = isCityAdmin(session.member)
  const mine = city ? null : session.member.unitId
  // The city's report is the city admin's; a unit admin reports for their own unit.
  const reportOf = city ? '' : isAdmin(session.member) ? session.member.unitId : null

  return (
    <View className={`ob ob-matrix-page ${fontClass}`}>
      <PeriodPicker value={period} onChange={setPeriod} kinds={['year', 'quarter', 'month']} />
      <StateView
        loading={data.loading}
        error={data.error}
        empty={!o || o.targets.length === 0}
        emptyText='暂无启用的目标'
        emptyHint='市直机关工委可在“目标设置”中启用或添加目标'
        onRetry={() => void data.reload()}
      >
        {o && (
          <View className={stale ? 'ob-stale' : ''} data-testid='obligations' data-period={o.period}>
            <View className='ob__card'>
              <Text className='ob__card-title'>{periodLabel(o.period)} · 全市 {o.rows.length} 个单位</Text>
              <Text className='ob__note'>各目标完成率；达标、推进中、滞后为单位数</Text>
              <Standings targets={o.targets} />
            </View>
            <View className='ob__links'>
              <Text className='ob__link' data-testid='to-trend' onClick={() => Taro.navigateTo({ url: OBLIGATIONS.trend(o.period.slice(0, 4)) })}>
                月度趋势
              </Text>
              {reportOf !== null && (
                <Text className='ob__link' data-testid='to-report' onClick={() => Taro.navigateTo({ url: OBLIGATIONS.report(o.period, reportOf || undefined) })}>
                  {city ? '记实建档报表' : '本单位记实建档报表'}
                </Text>
              )}
              {mine && (
                <Text className='ob__link' data-testid='to-my-unit' onClick={() => Taro.navigateTo({ url: OBLIGATIONS.unit(mine, o.period) })}>
                  本单位各支部
                </Text>
              )}
            </View>
            <Text className='ob__section'>各单位目标完成情况（点格子看明细，点单位看支部）</Text>
            <Matrix
              corner='单位'
              targets={o.targets}
              rows={o.rows}
              mine={mine}
              onCell={(row, targetId) =>
                setCell({ targetId, targetName: o.targets.find((t) => t.target.id === targetId)?.target.name ?? '', scopeId: row.id, scopeName: row.name })
              }
              onRow={(row) => Taro.navigateTo({ url: OBLIGATIONS.unit(row.id, o.period) })}
            />
            <View className='ob__card'>
              <View className='ob__legend'>
                {STATUSES.map((s) => (
                  <Text key={s}>
                    <Text className={`ob-dot ob-dot--${s}`} />
                    {STATUS_LABEL[s]}：{STATUS_MEANING[s]}
                  </Text>
                ))}
                <Text>“—”：该目标不适用于该单位</Text>
              </View>
            </View>
          </View>
        )}
      </StateView>
      {cell && <CellSheet period={period} cell={cell} onClose={() => setCell(null)} />}
    </View>
  )
}
