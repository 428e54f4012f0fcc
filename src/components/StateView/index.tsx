import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { STATE_PICTURES, pictureOfError, type EmptyPicture } from './pictures'
import './index.scss'

interface Props {
  loading: boolean
  error: Error | null
  empty: boolean
  emptyText: string
  emptyHint?: string
  /** 'noResults' when a search or filter found nothing (the list itself may not be empty). */
  emptyPicture?: EmptyPicture
  onRetry?: () => void
  children: ReactNode
}

/** Pictures at 120 px: large enough to say what happened, small enough to keep the text above the fold. */
const PICTURE_PX = 120

/**
 * Loading, error and empty states, the same on every page. The pictures are the app's own (bundled
 * with it): NutUI's default ones load from a remote address, which an intranet never reaches.
 */
export default function StateView({ loading, error, empty, emptyText, emptyHint, emptyPicture = 'empty', onRetry, children }: Props) {
  if (loading && empty)
    return (
      <View className='state-view state-view--loading'>
        <Loading type='spinner' />
        <Text className='state-view__text'>加载中…</Text>
      </View>
    )
  if (error && empty)
    return (
      <View className='state-view state-view--error'>
        <Empty image={STATE_PICTURES[pictureOfError(error)]} imageSize={PICTURE_PX} title={error.message || '加载失败，请稍后重试'}>
          {onRetry && (
            <Button className='state-view__retry' type='primary' onClick={onRetry}>
              重试
            </Button>
          )}
        </Empty>
      </View>
    )
  if (empty)
    return (
      <View className='state-view state-view--empty'>
        <Empty image={STATE_PICTURES[emptyPicture]} imageSize={PICTURE_PX} title={emptyText} description={emptyHint} />
      </View>
    )
  return <>{children}</>
}
