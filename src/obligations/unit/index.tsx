import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { isCityAdmin, isUnitAdminOf } from '@cloud/domain/roles'
import PeriodPicker from '../../components/PeriodPicker'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { obligations } from '../../services/obligations'
import { currentPeriod, periodLabel } from '../../utils/period'
import CellSheet, { type OpenCell } from '../shared/CellSheet'
import { OBLIGATIONS } from '../shared/labels'
import Matrix from '../shared/Matrix'
import RatesTable from '../shared/RatesTable'
import Standings from '../shared/Standings'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** One unit (`unitId`): its branches (and 单位本级) × targets, and each branch's 三会一课 rates. */
export default function UnitObligations() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const unitId = params.unitId ?? session?.member.unitId ?? ''
  const [period, setPeriod] = useState(() => params.period || currentPeriod('year'))
  const [cell, setCell] = useState<OpenCell | null>(null)
  const data = useRemote(() => obligations(period, unitId), !!session && !!unitId, `${period}:${unitId}`)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  const unitName = data.data?.unitName
  useEffect(() => {
    if (unitName) void Taro.setNavigationBarTitle({ title: unitName })
  }, [unitName])
  if (!session) return null
  const o = data.data
  const stale = !!o && o.period !== period

  return (
    <View className={`ob ob-unit ${fontClass}`}>
      <PeriodPicker value={period} onChange={setPeriod} kinds={['year', 'quarter', 'month']} />
      <StateView loading={data.loading} error={data.error} empty={!o || o.targets.length === 0} emptyText='暂无启用的目标' onRetry={() => void data.reload()}>
        {o && (
          <View className={stale ? 'ob-stale' : ''} data-testid='unit-obligations' data-period={o.period} data-unit-id={o.unitId}>
            <View className='ob__card'>
              <Text className='ob__card-title' data-testid='unit-name'>
                {o.unitName} · {periodLabel(o.period)}
              </Text>
              <Text className='ob__note'>各目标完成率；达标、推进中、滞后为支部数</Text>
              <Standings targets={o.targets} />
            </View>
            <View className='ob__links'>
              <Text className='ob__link' data-testid='to-trend' onClick={() => Taro.navigateTo({ url: OBLIGATIONS.trend(o.period.slice(0, 4), unitId) })}>
                本单位月度趋势
              </Text>
              {(isCityAdmin(session.member) || isUnitAdminOf(session.member, unitId)) && (
                <Text className='ob__link' data-testid='to-report' onClick={() => Taro.navigateTo({ url: OBLIGATIONS.report(o.period, unitId) })}>
                  本单位记实建档报表
                </Text>
              )}
            </View>
            <Text className='ob__section'>各支部目标完成情况（点格子看明细）</Text>
            <Matrix
              corner='支部'
              targets={o.targets}
              rows={o.rows}
              onCell={(row, targetId) =>
                setCell({ targetId, targetName: o.targets.find((t) => t.target.id === targetId)?.target.name ?? '', scopeId: row.id, scopeName: row.name })
              }
            />
            <Text className='ob__section'>三会一课执行情况</Text>
            <RatesTable corner='支部' rows={[{ id: `${o.unitId}:all`, name: '全单位', rates: o.rates }, ...o.rows.filter((r) => r.id !== o.unitId || r.rates.required > 0 || r.rates.held > 0)]} />
          </View>
        )}
      </StateView>
      {cell && <CellSheet period={period} unitId={unitId} cell={cell} onClose={() => setCell(null)} />}
    </View>
  )
}
