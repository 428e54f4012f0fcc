import type { ReactNode } from 'react'
import { Button, View } from '@tarojs/components'
import './index.scss'

interface Props {
  type?: 'primary' | 'default'
  block?: boolean
  loading?: boolean
  disabled?: boolean
  className?: string
  'data-testid'?: string
  onClick: () => void
  children: ReactNode
}

/**
 * NutUI's Button as the person sees it (same element, same `nut-button` classes, whose styles load
 * once in src/styles/nutui.ts) without NutUI's runtime: its Button brings its icon set, classnames
 * and helpers, about 10 KB gz, and the sign-in page is the first page a browser loads.
 * Normal size, round, no `fill` — the only shape the first page needs.
 */
export default function LiteButton({ type = 'default', block, loading, disabled, className, onClick, children, ...rest }: Props) {
  const off = Boolean(disabled || loading)
  const classes = [
    'nut-button',
    `nut-button-${type}`,
    type === 'primary' && 'nut-button-primary-solid',
    'nut-button-normal nut-button-round nut-button-round-normal',
    block && 'nut-button-block',
    off && `nut-button-disabled nut-button-${type}-disabled`,
    loading && 'nut-button-loading',
    className,
  ]
  const childClasses = ['nut-button-children nut-button-normal-children', `nut-button-${type}-children`, off && `nut-button-${type}-disabled`, loading && 'nut-button-text']
  return (
    <Button {...rest} className={classes.filter(Boolean).join(' ')} onClick={() => !off && onClick()}>
      <View className='nut-button-wrap'>
        {loading && <View className='nut-icon lite-button__spinner' />}
        <View className={childClasses.filter(Boolean).join(' ')}>{children}</View>
      </View>
    </Button>
  )
}
