import { Text, View } from '@tarojs/components'
import './index.scss'

export type BarTone = 'primary' | 'success' | 'warning' | 'danger' | 'neutral'

export interface Bar {
  key: string
  label: string
  value: number
  /** What to print beside the bar (92%, 36 小时); the number by default. */
  valueText?: string
  tone?: BarTone
}

interface Props {
  bars: Bar[]
  /** The value of a full bar; the largest value by default. */
  max?: number
  /** `horizontal`: one labelled row per bar (units); `vertical`: columns over time (months). */
  direction?: 'horizontal' | 'vertical'
  /** Read out before the bars by screen readers, e.g. 各单位覆盖率. */
  title?: string
  testId?: string
}

const share = (value: number, max: number): number => (max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0)

/**
 * Bars drawn with Views whose widths (or heights) come from the data: no canvas and no chart library,
 * so the same chart renders on weapp and h5. Every bar carries its label and value as text.
 */
export default function BarChart({ bars, max, direction = 'horizontal', title, testId }: Props) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value))
  if (direction === 'vertical')
    return (
      <View className='bar-chart bar-chart--vertical' data-testid={testId} aria-label={title}>
        {bars.map((b) => (
          <View key={b.key} className='bar-chart__column' data-testid='bar' aria-label={`${b.label} ${b.valueText ?? b.value}`}>
            <Text className='bar-chart__value'>{b.valueText ?? b.value}</Text>
            <View className='bar-chart__well'>
              {b.value > 0 && <View className={`bar-chart__fill bar-chart__fill--${b.tone ?? 'primary'}`} style={{ height: `${share(b.value, top)}%` }} />}
            </View>
            <Text className='bar-chart__label'>{b.label}</Text>
          </View>
        ))}
      </View>
    )
  return (
    <View className='bar-chart' data-testid={testId} aria-label={title}>
      {bars.map((b) => (
        <View key={b.key} className='bar-chart__row' data-testid='bar' aria-label={`${b.label} ${b.valueText ?? b.value}`}>
          <Text className='bar-chart__label bar-chart__label--row'>{b.label}</Text>
          <View className='bar-chart__track'>
            {b.value > 0 && <View className={`bar-chart__fill bar-chart__fill--${b.tone ?? 'primary'}`} style={{ width: `${share(b.value, top)}%` }} />}
          </View>
          <Text className='bar-chart__value bar-chart__value--row'>{b.valueText ?? b.value}</Text>
        </View>
      ))}
    </View>
  )
}
