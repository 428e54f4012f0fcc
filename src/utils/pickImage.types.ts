import { PHOTO } from '@cloud/contract/limits'

/** A photo taken or chosen, compressed and base64-encoded for `activity.uploadPhoto`. */
export interface PickedImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  base64: string
  /** Bytes after compression. */
  size: number
}

/** Opens the camera or album; resolves to null when the person cancels. One implementation per platform. */
export type PickImage = () => Promise<PickedImage | null>

/** The longest side a photo is scaled down to: enough to read a whiteboard, small enough to send. */
export const MAX_SIDE = 1600

/** The server's limit on one photo, in bytes. */
export const MAX_BYTES = PHOTO.maxBytes

/** Bytes of base64 text once decoded. */
export const bytesOfBase64 = (b64: string): number => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)

export const tooLarge = (bytes: number): Error =>
  new Error(`照片压缩后仍有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过上限 ${Math.round(MAX_BYTES / 1000)} KB，请换一张或裁剪后再传`)
