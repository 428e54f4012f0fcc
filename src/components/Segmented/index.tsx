import { Text, View } from '@tarojs/components'
import './index.scss'

export interface SegmentOption<K extends string> {
  key: K
  label: string
}

interface Props<K extends string> {
  options: SegmentOption<K>[]
  value: K
  onChange: (key: K) => void
  /** Each option gets `data-testid="<testId>-<key>"`. */
  testId?: string
}

/** A small row of mutually exclusive choices (全市/本单位, 按单位/按个人, 季度/月度/年度). */
export default function Segmented<K extends string>({ options, value, onChange, testId }: Props<K>) {
  return (
    <View className='segmented' aria-role='radiogroup'>
      {options.map((o) => (
        <Text
          key={o.key}
          className={`segmented__item ${o.key === value ? 'segmented__item--on' : ''}`}
          data-testid={testId ? `${testId}-${o.key}` : undefined}
          aria-role='radio'
          aria-checked={o.key === value}
          onClick={() => o.key !== value && onChange(o.key)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}
