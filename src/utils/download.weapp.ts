import Taro from '@tarojs/taro'
import type { SaveFile } from './download.types'

/** What `Taro.openDocument` can preview; CSV is not among them. */
const OPENABLE = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const
type Openable = (typeof OPENABLE)[number]
const isOpenable = (ext: string): ext is Openable => (OPENABLE as readonly string[]).includes(ext)

function write(filePath: string, base64: string): Promise<void> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(`文件保存失败：${e.errMsg}`)),
    }),
  )
}

/**
 * WeChat: write the file under the user data folder, then open it (Excel, with the menu to forward
 * or save it). WeChat cannot preview CSV, so a CSV is offered as a chat message (e.g. to 文件传输助手).
 */
export const saveFile: SaveFile = async ({ filename, base64 }) => {
  const filePath = `${Taro.env.USER_DATA_PATH ?? 'wxfile://usr'}/${filename}`
  await write(filePath, base64)
  const ext = (filename.split('.').pop() ?? '').toLowerCase()
  if (isOpenable(ext)) {
    await Taro.openDocument({ filePath, fileType: ext, showMenu: true })
    return `已打开 ${filename}`
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: filename })
    return `已发送 ${filename}`
  } catch {
    return `已保存 ${filename}，可改用“导出 Excel”在手机上查看`
  }
}
