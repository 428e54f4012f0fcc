import { Text, View } from '@tarojs/components'
import { currentPeriod, isFuture, PERIOD_KIND_LABEL, periodKindOf, periodLabel, shiftPeriod, type PeriodKind } from '../../utils/period'
import Segmented from '../Segmented'
import './index.scss'

interface Props {
  value: string
  onChange: (key: string) => void
  /** The kinds offered, in order; all three by default. */
  kinds?: PeriodKind[]
}

/**
 * A reporting period: the kind (季度/月度/年度), then step back and forth one period at a time; the
 * future is not offered. Test ids: `period-kind-<kind>`, `period-prev`, `period-next`, `period-label`.
 */
export default function PeriodPicker({ value, onChange, kinds = ['quarter', 'month', 'year'] }: Props) {
  const kind = periodKindOf(value)
  const next = shiftPeriod(value, 1)
  const nextOff = isFuture(next)
  return (
    <View className='period-picker'>
      {kinds.length > 1 && (
        <Segmented
          options={kinds.map((k) => ({ key: k, label: PERIOD_KIND_LABEL[k] }))}
          value={kind}
          onChange={(k) => onChange(currentPeriod(k))}
          testId='period-kind'
        />
      )}
      <View className='period-picker__stepper'>
        <Text className='period-picker__arrow' data-testid='period-prev' aria-role='button' aria-label='上一期' onClick={() => onChange(shiftPeriod(value, -1))}>
          ‹
        </Text>
        <Text className='period-picker__label' data-testid='period-label' data-period={value}>
          {periodLabel(value)}
        </Text>
        <Text
          className={`period-picker__arrow ${nextOff ? 'period-picker__arrow--off' : ''}`}
          data-testid='period-next'
          aria-role='button'
          aria-label='下一期'
          aria-disabled={nextOff}
          onClick={() => !nextOff && onChange(next)}
        >
          ›
        </Text>
      </View>
    </View>
  )
}
