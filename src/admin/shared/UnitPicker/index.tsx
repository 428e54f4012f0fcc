import { Picker, Text, View } from '@tarojs/components'
import type { UnitOption } from '../scope'
import './index.scss'

interface Props {
  units: UnitOption[]
  /** '' means every unit (only with `allLabel`). */
  value: string
  onChange: (unitId: string) => void
  /** Offer "all units" first, e.g. 全部单位 for the audit log. */
  allLabel?: string
}

/** One unit: its name. Several: a picker (a city has dozens of units, too many for chips). */
export default function UnitPicker({ units, value, onChange, allLabel }: Props) {
  const options = allLabel ? [{ id: '', name: allLabel }, ...units] : units
  const index = Math.max(0, options.findIndex((u) => u.id === value))
  if (options.length <= 1)
    return (
      <View className='unit-picker'>
        <Text className='unit-picker__label'>单位</Text>
        <Text className='unit-picker__value' data-testid='unit-name'>
          {options[0]?.name ?? '—'}
        </Text>
      </View>
    )
  return (
    <Picker mode='selector' range={options.map((u) => u.name)} value={index} onChange={(e) => onChange(options[Number(e.detail.value)]?.id ?? '')}>
      <View className='unit-picker unit-picker--choose' data-testid='unit-picker'>
        <Text className='unit-picker__label'>单位</Text>
        <Text className='unit-picker__value' data-testid='unit-name'>
          {options[index]?.name ?? '请选择'}
        </Text>
        <Text className='unit-picker__arrow'>切换 ›</Text>
      </View>
    </Picker>
  )
}
