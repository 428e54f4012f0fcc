import Taro from '@tarojs/taro'
import { checkInPagePath, parseCheckInLink } from './checkinLink'
import { toastError } from './feedback'

/**
 * Mini-program only: scan the organizer's QR code with WeChat and open the same check-in page the link
 * opens. `replace`: from a check-in page whose code was spent, the new one takes its place.
 */
export async function scanToCheckIn({ replace = false }: { replace?: boolean } = {}): Promise<void> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    const link = parseCheckInLink(result)
    if (!link) return toastError(new Error('这不是本系统的签到二维码'))
    const url = checkInPagePath(link)
    await (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
  } catch (e) {
    // Closing the scanner is not an error worth a message.
    if (!String((e as { errMsg?: string })?.errMsg ?? '').includes('cancel')) toastError(new Error('无法打开扫码，请检查相机权限'))
  }
}
