import Taro from '@tarojs/taro'
import { withdrawSignUp } from '../../services/checkin'
import { toastError, toastOk } from '../../utils/feedback'

/** A sign-up may be withdrawn until the activity starts (the server says the same). */
export const beforeStart = (a: { startAt: string }, now = Date.now()): boolean => now < Date.parse(a.startAt)

/**
 * 取消报名 after the person confirms it (the place goes to someone else): true when it went through.
 * A system dialog rather than the app's Dialog: no NutUI on the home page, which is the first page.
 */
export async function withdrawWithConfirm(activity: { id: string; title: string }): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '取消报名',
    content: `确定取消报名“${activity.title}”吗？名额将释放给其他人，活动开始前可再次报名。`,
    confirmText: '取消报名',
    cancelText: '再想想',
  })
  if (!confirm) return false
  try {
    await withdrawSignUp(activity.id)
    toastOk('已取消报名')
    return true
  } catch (e) {
    toastError(e)
    return false
  }
}
