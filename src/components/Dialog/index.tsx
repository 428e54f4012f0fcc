import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Sheet from '../Sheet'
import './index.scss'

interface Props {
  open: boolean
  title: string
  /** A line under the title, e.g. whom the action is about. */
  subtitle?: string
  confirmText?: string
  /** A reject or cancel action reads as a warning. */
  danger?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
  children?: ReactNode
}

/**
 * A modal panel at the bottom of the screen with a form inside (a reason, a number of hours), the same
 * on weapp and h5 (Taro.showModal cannot take input on h5). Buttons: `dialog-cancel`, `dialog-confirm`.
 */
export default function Dialog({ open, title, subtitle, confirmText = '确定', danger, busy, onConfirm, onCancel, children }: Props) {
  if (!open) return null
  return (
    <Sheet testId='dialog' onMaskTap={() => !busy && onCancel()}>
      <Text className='dialog__title'>{title}</Text>
      {subtitle && <Text className='dialog__subtitle'>{subtitle}</Text>}
      {children && <View className='dialog__body'>{children}</View>}
      <View className='dialog__actions'>
        <Button className='dialog__button' block disabled={busy} data-testid='dialog-cancel' onClick={onCancel}>
          取消
        </Button>
        <Button
          className={`dialog__button ${danger ? 'dialog__button--danger' : ''}`}
          type='primary'
          block
          loading={busy}
          disabled={busy}
          data-testid='dialog-confirm'
          onClick={onConfirm}
        >
          {confirmText}
        </Button>
      </View>
    </Sheet>
  )
}
