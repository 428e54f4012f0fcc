import { Text, View } from '@tarojs/components'
import { CONFIRM_HOURS } from '@cloud/contract/limits'
import { volunteerHours } from '@cloud/domain/volunteerHours'

/** Hours an organizer confirms (`checkin.confirmHours`): half-hour steps, at most a day's maximum. */
export const HOUR_STEP = CONFIRM_HOURS.step

interface Props {
  value: number
  max: number
  onChange: (v: number) => void
}

/** Hours in half-hour steps, from the least the server takes to `max`. */
export default function HoursStepper({ value, max, onChange }: Props) {
  const set = (v: number) => onChange(Math.min(max, Math.max(CONFIRM_HOURS.min, Math.round(v / HOUR_STEP) * HOUR_STEP)))
  return (
    <View className='hours-stepper'>
      <Text
        className={`hours-stepper__button ${value <= CONFIRM_HOURS.min ? 'hours-stepper__button--off' : ''}`}
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

/** The longest an activity can count for, as the server reckons it (its length in half hours), at most a day's maximum. */
export function maxHoursOf(startAt: string, endAt: string): number {
  const hours = volunteerHours({ startAt, endAt }, startAt, endAt)
  return Math.max(CONFIRM_HOURS.min, Math.min(CONFIRM_HOURS.max, hours))
}
