import { Text, View } from '@tarojs/components'

export const HOUR_STEP = 0.5

interface Props {
  value: number
  max: number
  onChange: (v: number) => void
}

/** Hours in half-hour steps, from 0.5 to `max`. */
export default function HoursStepper({ value, max, onChange }: Props) {
  const set = (v: number) => onChange(Math.min(max, Math.max(HOUR_STEP, Math.round(v / HOUR_STEP) * HOUR_STEP)))
  return (
    <View className='hours-stepper'>
      <Text
        className={`hours-stepper__button ${value <= HOUR_STEP ? 'hours-stepper__button--off' : ''}`}
        data-testid='hours-minus'
        onClick={() => set(value - HOUR_STEP)}
      >
        −
      </Text>
      <Text className='hours-stepper__value' data-testid='hours-value'>
        {value} 小时
      </Text>
      <Text
        className={`hours-stepper__button ${value >= max ? 'hours-stepper__button--off' : ''}`}
        data-testid='hours-plus'
        onClick={() => set(value + HOUR_STEP)}
      >
        +
      </Text>
    </View>
  )
}

/** The longest an activity can count for: its length in half hours, at most 12 h a day. */
export function maxHoursOf(startAt: string, endAt: string): number {
  const hours = (Date.parse(endAt) - Date.parse(startAt)) / 3600_000
  return Math.max(HOUR_STEP, Math.min(12, Math.floor(hours / HOUR_STEP) * HOUR_STEP))
}
