import { Text, View } from '@tarojs/components'

interface Props {
  label: string
  /** 0..1 when known; otherwise the bar runs back and forth. */
  fraction: number | null
  /** Seconds waited so far, shown after the label. */
  seconds?: number
}

/** A thin bar under a line of text: reading a file (with its percentage) or waiting for the server. */
export default function Progress({ label, fraction, seconds }: Props) {
  const known = fraction !== null
  return (
    <View className='import-progress' data-testid='progress'>
      <View className='import-progress__track'>
        <View
          className={`import-progress__bar ${known ? '' : 'import-progress__bar--indeterminate'}`}
          style={known ? { width: `${Math.round(fraction * 100)}%` } : undefined}
        />
      </View>
      <Text className='import-progress__label'>
        {label}
        {known ? ` ${Math.round(fraction * 100)}%` : ''}
        {seconds !== undefined && seconds >= 2 ? `（已等待 ${seconds} 秒）` : ''}
      </Text>
    </View>
  )
}
