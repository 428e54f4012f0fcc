import { Text, View } from '@tarojs/components'
import type { RosterSummary } from '../../services/member'

const CELLS: { key: keyof Omit<RosterSummary, 'rows'>; label: string }[] = [
  { key: 'created', label: '新增' },
  { key: 'updated', label: '更新' },
  { key: 'unchanged', label: '不变' },
  { key: 'deactivated', label: '停用' },
  { key: 'newUnits', label: '新单位' },
  { key: 'newBranches', label: '新支部' },
  { key: 'newGroups', label: '新小组' },
]

/** What a check found or an import did, one number per kind of change (`data-testid="summary-<key>"`). */
export default function Summary({ summary, title }: { summary: RosterSummary; title: string }) {
  return (
    <View className='roster-summary' data-testid='summary'>
      <Text className='roster-summary__title'>
        {title}（共 {summary.rows} 行）
      </Text>
      <View className='roster-summary__grid'>
        {CELLS.map((c) => (
          <View key={c.key} className={`roster-summary__cell ${summary[c.key] > 0 ? 'roster-summary__cell--on' : ''}`}>
            <Text className='roster-summary__value' data-testid={`summary-${c.key}`}>
              {summary[c.key]}
            </Text>
            <Text className='roster-summary__label'>{c.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
