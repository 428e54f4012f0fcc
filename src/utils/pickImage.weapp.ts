import Taro from '@tarojs/taro'
import { readBase64 } from './readBase64.weapp'
import { bytesOfBase64, MAX_BYTES, tooLarge, type PickImage } from './pickImage.types'


/**
 * WeChat: the camera or the album, WeChat's own compression; a photo still over the limit is
 * compressed again harder before it is read.
 */
export const pickImage: PickImage = async () => {
  let path: string
  let size: number
  try {
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
    const file = r.tempFiles[0]
    if (!file) return null
    path = file.path
    size = file.size
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return null
    throw new Error('无法打开相机或相册，请稍后再试', { cause: e })
  }
  if (size > MAX_BYTES) path = (await Taro.compressImage({ src: path, quality: 50 })).tempFilePath
  const base64 = await readBase64(path, '照片')
  const bytes = bytesOfBase64(base64)
  if (bytes > MAX_BYTES) throw tooLarge(bytes)
  // WeChat's compression writes JPEG; a PNG chosen from the album and left as it was stays PNG.
  const mime = /\.png$/i.test(path) ? 'image/png' : 'image/jpeg'
  return { mime, base64, size: bytes }
}
