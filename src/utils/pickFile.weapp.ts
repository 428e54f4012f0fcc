import Taro from '@tarojs/taro'
import { readBase64 } from './readBase64.weapp'
import { FileTooLargeError, wrongType, type PickFile } from './pickFile.types'


/**
 * WeChat: a mini-program cannot browse the phone's files, only files sent in a chat, so the person
 * picks the roster from a chat (e.g. sent to 文件传输助手 from the computer). WeChat reports no
 * reading progress; the page shows an indeterminate one.
 */
export const pickFile: PickFile = async ({ extensions, maxBytes, onChosen }) => {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
  } catch (e) {
    // Closing the chooser is a cancel, not an error.
    if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return null
    throw new Error('无法打开聊天文件，请稍后再试', { cause: e })
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const problem = wrongType(file.name, extensions)
  if (problem) throw new Error(problem)
  if (file.size > maxBytes) throw new FileTooLargeError(file.name, file.size, maxBytes)
  if (file.size === 0) throw new Error(`文件“${file.name}”是空的，请重新选择`)
  onChosen?.({ name: file.name, size: file.size })
  return { name: file.name, size: file.size, base64: await readBase64(file.path, '文件') }
}
