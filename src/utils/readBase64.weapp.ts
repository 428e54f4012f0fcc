import Taro from '@tarojs/taro'

/** A local file the mini-program picked (a roster, a photo), as base64 for a function call; `what` names it in the error. */
export function readBase64(filePath: string, what: string): Promise<string> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (r) => resolve(String(r.data)),
      fail: (e) => reject(new Error(`读取${what}失败：${e.errMsg}`)),
    }),
  )
}
