import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import type { ReviewStatus } from '@cloud/contract/vocabulary'
import './index.scss'

export type Tone = 'neutral' | 'primary' | 'success' | 'warning'

/** A short status word on a tinted background (未签退, 待审核, 已通过…). */
export default function Badge({ tone = 'neutral', children, testId }: { tone?: Tone; children: ReactNode; testId?: string }) {
  return (
    <Text className={`badge badge--${tone}`} data-testid={testId}>
      {children}
    </Text>
  )
}

/** The tone a review status reads in. */
export const REVIEW_TONE: Record<ReviewStatus, Tone> = { pending: 'warning', approved: 'success', rejected: 'primary' }
