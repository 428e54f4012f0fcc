import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

interface Props {
  /** Tapping the dimmed background; leave it out to keep the sheet open until a button is used. */
  onMaskTap?: () => void
  /** Centre the content (a code, a result) instead of stretching it. */
  centered?: boolean
  testId?: string
  children: ReactNode
}

/** A panel rising from the bottom over a dimmed page: the frame under Dialog and one-off sheets. */
export default function Sheet({ onMaskTap, centered, testId, children }: Props) {
  return (
    <View className='sheet' data-testid={testId}>
      <View className='sheet__mask' onClick={onMaskTap} />
      <View className={`sheet__panel ${centered ? 'sheet__panel--centered' : ''}`}>{children}</View>
    </View>
  )
}
