import Taro from '@tarojs/taro'

const messageOf = (e: unknown): string => (e instanceof Error && e.message ? e.message : '操作失败，请稍后再试')

/** Every refusal reaches the person as a short Chinese toast. */
export function toastError(e: unknown) {
  void Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
}

export const toastOk = (title: string) => void Taro.showToast({ title, icon: 'success', duration: 1500 })

/** A longer neutral note (what an export did, where a file went). */
export const toastInfo = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })
