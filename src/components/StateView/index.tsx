import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import './index.scss'

interface Props {
  loading: boolean
  error: Error | null
  empty: boolean
  emptyText: string
  emptyHint?: string
  onRetry?: () => void
  children: ReactNode
}

/** Loading, error and empty states, the same on every page. */
export default function StateView({ loading, error, empty, emptyText, emptyHint, onRetry, children }: Props) {
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
        <Text className='state-view__text'>{error.message || '加载失败'}</Text>
        {onRetry && (
          <Button type='primary' size='small' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  if (empty)
    return (
      <View className='state-view state-view--empty'>
        <Empty title={emptyText} description={emptyHint} imageSize={120} />
      </View>
    )
  return <>{children}</>
}
