import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './styles/nutui'
import './app.scss'
import { applyFontMode } from './utils/fontMode'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat world: functions run on CloudBase; the env id is a build-time constant.
    if (process.env.TARO_ENV === 'weapp' && Taro.cloud) Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
    // 大字模式 as chosen on 我的 (h5: on <body>, for every page; weapp pages take useFontClass on their root).
    applyFontMode()
  })
  return children
}

export default App
