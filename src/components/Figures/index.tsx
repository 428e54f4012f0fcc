import { Text, View } from '@tarojs/components'
import './index.scss'

export interface Figure {
  label: string
  value: string
  /** A small line under the label, e.g. 6/10 个单位. */
  hint?: string
  testId?: string
}

/** A row of headline numbers (覆盖率, 总时长, 排名…), each with its label under it. */
export default function Figures({ items }: { items: Figure[] }) {
  return (
    <View className='figures'>
      {items.map((f) => (
        <View key={f.label} className='figures__item' aria-label={`${f.label} ${f.value}`}>
          <Text className='figures__value' data-testid={f.testId}>
            {f.value}
          </Text>
          <Text className='figures__label'>{f.label}</Text>
          {f.hint && <Text className='figures__hint'>{f.hint}</Text>}
        </View>
      ))}
    </View>
  )
}
