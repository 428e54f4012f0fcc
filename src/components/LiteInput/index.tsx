import { Input, View } from '@tarojs/components'

interface Props {
  value: string
  placeholder?: string
  maxLength?: number
  className?: string
  onChange: (value: string) => void
  onConfirm?: () => void
}

/**
 * NutUI's Input as the person sees it (same elements, same `nut-input` classes, whose styles load once
 * in src/styles/nutui.ts) without NutUI's runtime: its Input brings its config provider, locale,
 * lodash.kebabcase and react-fast-compare, about 8 KB gz, and the sign-in page is the first page a
 * browser loads. A plain text field: no clear button, no formatter.
 */
export default function LiteInput({ value, placeholder, maxLength = 9999, className, onChange, onConfirm }: Props) {
  return (
    <View className={`nut-input nut-input-container ${className ?? ''}`}>
      <Input
        className='nut-input-native'
        style={{ textAlign: 'left' }}
        type='text'
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='nut-input-placeholder'
        confirmType='done'
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={() => onConfirm?.()}
      />
    </View>
  )
}
