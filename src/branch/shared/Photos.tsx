import { Image, Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import { useRemote } from '../../hooks/useRemote'
import { photo } from '../../services/branch'

/** A meeting photo, read through `activity.photo` (only those who may read the record get it). */
export function PhotoThumb({ id, onRemove, className }: { id: string; onRemove?: () => void; className?: string }) {
  const p = useRemote(() => photo(id), true, id)
  return (
    <View className={`photo ${className ?? ''}`} data-testid='photo'>
      {p.data ? (
        <Image className='photo__img' mode='aspectFill' src={`data:${p.data.mime};base64,${p.data.data}`} />
      ) : p.error ? (
        <Text className='photo__msg' onClick={() => void p.reload()}>
          加载失败，点击重试
        </Text>
      ) : (
        <Loading type='spinner' />
      )}
      {onRemove && (
        <Text className='photo__remove' data-testid='photo-remove' onClick={onRemove}>
          删除
        </Text>
      )}
    </View>
  )
}
