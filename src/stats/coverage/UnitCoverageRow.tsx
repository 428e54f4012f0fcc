import { Text, View } from '@tarojs/components'
import type { GroupCoverage, UnitCoverage } from '@cloud/domain/coverage'
import type { UnitCoverageView } from '@cloud/functions/stats/dashboards'
import { useRemote } from '../../hooks/useRemote'
import { coverage } from '../../services/stats'
import { monthLabel, pct } from '../../utils/period'
import StatusBadge from '../shared/StatusBadge'
import { MONTH_SPOKEN, MONTH_WORDS, monthState } from './monthState'

interface Props {
  unit: UnitCoverageView
  period: string
  /** Months of the period that have begun. */
  months: string[]
  /** Of those, the ones that are due (ended, or past the deadline day): only these can be missed. */
  monthsDue: string[]
  unitName: (id: string) => string
  open: boolean
  onToggle: () => void
}

const REASON = { noGroup: '未加入小组', groupInactive: '所在小组本期未学习' }

/** A unit's coverage line; opened, its youth groups month by month and who is not covered yet. */
export default function UnitCoverageRow({ unit: u, period, months, monthsDue, unitName, open, onToggle }: Props) {
  const missing = u.youth - u.youthInActiveGroups
  // The city view carries numbers only; a unit's names are fetched when the unit is opened.
  const named = useRemote(() => coverage(period, u.unitId), open && u.namesOnRequest, `${period}:${u.unitId}`)
  return (
    <View className='stats-row' data-testid='coverage-unit' data-unit-id={u.unitId} data-status={u.status}>
      <View className='stats-row__line' onClick={onToggle}>
        <View className='stats-row__who'>
          <Text className='stats-row__name'>{u.unitName}</Text>
          <Text className='stats-row__meta'>
            青年 {u.youth} 人，已覆盖 {u.youthInActiveGroups} 人 · 按月学习小组 {u.groupsMeetingMonthly}/{u.groups.length}
          </Text>
        </View>
        <View className='stats-row__score'>
          <StatusBadge status={u.status} />
          <Text className={`stats-row__value coverage__pct--${u.status}`}>{pct(u.coverage)}</Text>
          <Text className='stats-row__toggle'>{open ? '收起 ︿' : '明细 ﹀'}</Text>
        </View>
      </View>
      {open && (
        <View className='stats-row__detail' data-testid='coverage-detail'>
          {u.groups.length === 0 ? (
            <Text className='stats-row__meta'>尚未成立青年理论学习小组</Text>
          ) : (
            u.groups.map((g) => <GroupLine key={g.id} group={g} months={months} monthsDue={monthsDue} unitName={unitName} />)
          )}
          {missing > 0 &&
            (u.namesOnRequest ? (
              named.data ? (
                <UncoveredNames people={named.data.units[0]?.uncovered ?? []} />
              ) : named.error ? (
                <Text className='stats-row__meta' onClick={() => void named.reload()}>
                  名单加载失败，点击重试
                </Text>
              ) : (
                <Text className='stats-row__meta'>正在加载未覆盖青年名单…</Text>
              )
            ) : u.uncovered.length > 0 ? (
              <UncoveredNames people={u.uncovered} />
            ) : (
              <Text className='stats-row__meta'>未覆盖青年 {missing} 人（名单仅本单位管理员可见）</Text>
            ))}
        </View>
      )}
    </View>
  )
}

function UncoveredNames({ people }: { people: UnitCoverage['uncovered'] }) {
  return (
    <View className='coverage__uncovered' data-testid='uncovered'>
      <Text className='coverage__label'>未覆盖青年（{people.length} 人）</Text>
      {people.map((m) => (
        <Text key={m.id} className='coverage__person' data-testid='uncovered-name'>
          {m.name}
          <Text className='stats-row__meta'>（{REASON[m.reason]}）</Text>
        </Text>
      ))}
    </View>
  )
}

function GroupLine({ group: g, months, monthsDue, unitName }: { group: GroupCoverage; months: string[]; monthsDue: string[]; unitName: (id: string) => string }) {
  return (
    <View className='coverage__group' data-testid='coverage-group'>
      <View className='coverage__group-head'>
        <Text className='coverage__group-name'>{g.name}</Text>
        {g.jointWith.length > 0 && (
          <Text className='coverage__joint' data-testid='joint'>
            联合
          </Text>
        )}
      </View>
      {g.jointWith.length > 0 && <Text className='stats-row__meta'>与{g.jointWith.map(unitName).join('、')}联合组建</Text>}
      <View className='coverage__months'>
        {months.map((m) => {
          const state = monthState(m, g.monthsMet, monthsDue)
          return (
            <Text key={m} className={`month-chip month-chip--${state}`} data-testid='month-chip' data-state={state} aria-label={`${monthLabel(m)}${MONTH_SPOKEN[state]}`}>
              {monthLabel(m)} {MONTH_WORDS[state]}
            </Text>
          )
        })}
        {months.length === 0 && <Text className='stats-row__meta'>本期尚未开始</Text>}
      </View>
    </View>
  )
}
