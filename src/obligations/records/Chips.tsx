import { Text, View } from '@tarojs/components'

interface Props<T extends string | number> {
  options: readonly T[]
  label: (v: T) => string
  /** The chosen options (one for a single choice). */
  chosen: readonly T[]
  onTap: (v: T) => void
  /** Each chip gets `data-testid="<testId>-<option>"`. */
  testId?: string
}

/** Choices a finger taps, for one choice or several; the caller decides what a tap does. */
export default function Chips<T extends string | number>({ options, label, chosen, onTap, testId }: Props<T>) {
  return (
    <View className='rec-chips'>
      {options.map((o) => (
        <Text
          key={String(o)}
          className={`rec-chips__chip ${chosen.includes(o) ? 'rec-chips__chip--on' : ''}`}
          data-testid={testId ? `${testId}-${o}` : undefined}
          onClick={() => onTap(o)}
        >
          {label(o)}
        </Text>
      ))}
    </View>
  )
}

/** Add or take away one option of a set, keeping the options' order. */
export function toggled<T>(options: readonly T[], chosen: readonly T[], v: T): T[] {
  const next = chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v]
  return options.filter((o) => next.includes(o))
}
