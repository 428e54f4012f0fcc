import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityMaterial } from '@cloud/contract/model'
import { toastInfo } from '../../utils/feedback'

/**
 * Open one material: on h5 in a new tab (noopener: the article's page gets no hold on this one); a
 * mini-program may not open outside pages, so there the link is copied for the phone's browser.
 */
async function openMaterial(m: ActivityMaterial) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(m.url, '_blank', 'noopener,noreferrer')
    return
  }
  await Taro.setClipboardData({ data: m.url })
  toastInfo('链接已复制，请在浏览器中打开')
}

/** 学习材料: what to read before or during the activity, one tap each; nothing when there are none. */
export default function Materials({ materials }: { materials: ActivityMaterial[] }) {
  if (!materials.length) return null
  const h5 = process.env.TARO_ENV === 'h5'
  return (
    <>
      <Text className='activity-page__section'>学习材料</Text>
      <View className='activity-page__card' data-testid='activity-materials'>
        {materials.map((m, i) => (
          <View key={`${i}-${m.url}`} className='activity-page__material' data-testid='activity-material' onClick={() => void openMaterial(m)}>
            <Text className='activity-page__material-title'>{m.title}</Text>
            <Text className='activity-page__material-action'>{h5 ? '打开' : '复制链接'}</Text>
          </View>
        ))}
        {!h5 && <Text className='activity-page__hint'>小程序内不能打开外部网页：点击复制链接，在浏览器中粘贴打开。</Text>}
      </View>
    </>
  )
}
