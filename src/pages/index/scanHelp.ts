import Taro from '@tarojs/taro'
import { scanToCheckIn } from '../../utils/scan'

/**
 * 扫码签到 from a button: the mini-program opens WeChat's scanner; a browser page cannot scan, so it
 * says how (the phone's camera or WeChat 扫一扫 on the organizer's code opens the check-in page).
 */
export async function scanOrExplain(): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') return scanToCheckIn()
  await Taro.showModal({
    title: '扫码签到',
    content: '请用手机相机或微信“扫一扫”扫描现场大屏上的签到码，识别后打开链接即可签到。',
    confirmText: '知道了',
    showCancel: false,
  })
}
