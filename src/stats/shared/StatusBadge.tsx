import { Text } from '@tarojs/components'
import { AMBER_FROM, type CoverageStatus } from '@cloud/domain/coverage'
import type { BarTone } from '../../components/BarChart'

export const STATUS_LABEL: Record<CoverageStatus, string> = { green: '绿灯', amber: '黄灯', red: '红灯' }
export const STATUS_MEANING: Record<CoverageStatus, string> = {
  green: '全覆盖且各小组按月学习',
  amber: `覆盖率 ${Math.round(AMBER_FROM * 100)}% 及以上`,
  red: `覆盖率不足 ${Math.round(AMBER_FROM * 100)}%`,
}
export const STATUS_TONE: Record<CoverageStatus, BarTone> = { green: 'success', amber: 'warning', red: 'danger' }

/** A unit's coverage light: 绿灯 / 黄灯 / 红灯, in the status colour. */
export default function StatusBadge({ status }: { status: CoverageStatus }) {
  return (
    <Text className={`status-badge status-badge--${status}`} data-testid='unit-status' data-status={status}>
      {STATUS_LABEL[status]}
    </Text>
  )
}
