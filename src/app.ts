import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './styles/nutui'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat world: functions run on CloudBase; the env id is a build-time constant.
    if (process.env.TARO_ENV === 'weapp' && Taro.cloud) Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
  })
  return children
}

export default App
