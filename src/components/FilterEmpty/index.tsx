import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  /** What the filter is, in a few words (““张”的搜索结果中”, “2026年3月”…); the title says the rest. */
  hint?: string
  onClear: () => void
  testId?: string
}

/**
 * A list that is empty only because of its filter: says so, and offers to clear it — never “还没有记录”,
 * which would tell the person their records are gone.
 */
export default function FilterEmpty({ hint, onClear, testId = 'filter-empty' }: Props) {
  return (
    <View className='filter-empty' data-testid={testId}>
      <Text className='filter-empty__title'>没有符合条件的记录</Text>
      {hint && <Text className='filter-empty__hint'>{hint}</Text>}
      <Text className='filter-empty__clear' data-testid='clear-filter' onClick={onClear}>
        清除筛选
      </Text>
    </View>
  )
}
