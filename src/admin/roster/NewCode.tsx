import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import Sheet from '../../components/Sheet'
import { toastOk } from '../../utils/feedback'

interface Props {
  name: string
  bindCode: string
  onClose: () => void
}

/** After a reset: the new code, large, once, with a copy button; the admin hands it over in person. */
export default function NewCode({ name, bindCode, onClose }: Props) {
  async function copy() {
    await Taro.setClipboardData({ data: bindCode })
    toastOk('已复制')
  }
  return (
    <Sheet testId='new-code-sheet' onMaskTap={onClose} centered>
      <Text className='new-code__title'>{name} 的新登录码</Text>
      <Text className='new-code__code' data-testid='new-code' userSelect>
        {bindCode}
      </Text>
      <Text className='new-code__hint'>原登录码已失效。请当面交给本人，用新登录码重新登录。</Text>
      <View className='new-code__actions'>
        <Button className='new-code__button' block onClick={() => void copy()}>
          复制
        </Button>
        <Button className='new-code__button' type='primary' block data-testid='new-code-done' onClick={onClose}>
          完成
        </Button>
      </View>
    </Sheet>
  )
}
