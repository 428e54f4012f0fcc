import { Text, View } from '@tarojs/components'
import type { Target } from '@cloud/contract/model'
import { useRemote } from '../../hooks/useRemote'
import { targets } from '../../services/obligationRecords'

interface Props {
  /** Only study and lecture activities serve a training target. */
  enabled: boolean
  value: string | null
  onChange: (targetId: string | null) => void
}

/**
 * 计入目标: the city's active training targets (全员轮训 and the like), one of which this activity may
 * serve; attending it then counts as trained. Nothing shows when there is none, or it cannot be read.
 */
export default function TargetChips({ enabled, value, onChange }: Props) {
  const list = useRemote(targets, enabled)
  const trainings = (list.data ?? []).filter((t: Target) => t.active && t.kind === 'training')
  if (!enabled || trainings.length === 0) return null
  return (
    <View className='activity-form__field' data-testid='target-chips'>
      <Text className='activity-form__label'>计入目标（选填）</Text>
      <View className='activity-form__chips'>
        {trainings.map((t) => (
          <Text
            key={t.id}
            className={`activity-form__chip ${t.id === value ? 'activity-form__chip--on' : ''}`}
            data-testid='target-chip'
            onClick={() => onChange(t.id === value ? null : t.id)}
          >
            {t.name}
          </Text>
        ))}
      </View>
      {value && <Text className='activity-form__hint'>参加本活动（含补签）即计入该目标的轮训完成情况</Text>}
    </View>
  )
}
