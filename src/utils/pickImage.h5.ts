import { bytesOfBase64, MAX_BYTES, MAX_SIDE, tooLarge, type PickedImage, type PickImage } from './pickImage.types'

/** The hidden input stays in the page until the next pick, so a test can also set its files directly. */
const INPUT_ID = 'pick-image-input'

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const img = new Image()
    img.onload = () => {
      URL.revokeObjectURL(url)
      resolve(img)
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('无法读取这张图片，请换一张'))
    }
    img.src = url
  })
}

/** Scale down to MAX_SIDE and re-encode as JPEG, lowering quality until it fits the server's limit. */
async function compress(file: File): Promise<PickedImage> {
  const img = await loadImage(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const g = canvas.getContext('2d')
  if (!g) throw new Error('浏览器不支持图片压缩，请换用其他浏览器')
  // JPEG has no transparency: a white page under a PNG's transparent parts.
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.drawImage(img, 0, 0, canvas.width, canvas.height)
  let base64 = ''
  for (const quality of [0.82, 0.7, 0.55, 0.4]) {
    const url = canvas.toDataURL('image/jpeg', quality)
    base64 = url.slice(url.indexOf(',') + 1)
    if (bytesOfBase64(base64) <= MAX_BYTES) return { mime: 'image/jpeg', base64, size: bytesOfBase64(base64) }
  }
  throw tooLarge(bytesOfBase64(base64))
}

/**
 * Browser: a hidden `<input type=file accept=image/*>` (`data-testid="image-input"`), clicked on the
 * person's tap; phones offer the camera and the album from it.
 */
export const pickImage: PickImage = () =>
  new Promise((resolve, reject) => {
    document.getElementById(INPUT_ID)?.remove()
    const input = document.createElement('input')
    input.type = 'file'
    input.id = INPUT_ID
    input.accept = 'image/*'
    input.setAttribute('data-testid', 'image-input')
    input.style.display = 'none'
    input.addEventListener('cancel', () => resolve(null))
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      if (!file.type.startsWith('image/')) return reject(new Error('请选择照片（JPG、PNG 或 WebP）'))
      compress(file).then(resolve, reject)
    })
    document.body.appendChild(input)
    input.click()
  })
