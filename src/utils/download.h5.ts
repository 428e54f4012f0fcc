import type { SaveFile } from './download.types'

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(bin.length))
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return bytes
}

/** Browser: decode into a Blob and let an `<a download>` save it under the server's file name. */
export const saveFile: SaveFile = async ({ filename, mimeType, base64 }) => {
  const url = URL.createObjectURL(new Blob([bytesOf(base64)], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has started the download by now; free the blob a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return `已下载 ${filename}`
}
