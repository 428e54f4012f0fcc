import { Text, View } from '@tarojs/components'
import './activityForm.scss'

interface Props<T extends string | number> {
  options: readonly T[]
  value: T
  label: (v: T) => string
  onChange: (v: T) => void
  testId?: string
}

/** One choice among a few, as a row of chips (活动类型, 时长, 签到截止…); the chosen one says so (`data-on`). */
export default function Chips<T extends string | number>({ options, value, label, onChange, testId }: Props<T>) {
  return (
    <View className='activity-form__chips' aria-role='radiogroup'>
      {options.map((o) => (
        <Text
          key={String(o)}
          className={`activity-form__chip ${o === value ? 'activity-form__chip--on' : ''}`}
          data-testid={testId}
          data-on={o === value ? '1' : '0'}
          aria-role='radio'
          aria-checked={o === value}
          onClick={() => onChange(o)}
        >
          {label(o)}
        </Text>
      ))}
    </View>
  )
}
