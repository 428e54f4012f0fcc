import { useMemo } from 'react'
import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import './index.scss'

/**
 * A QR code as an image data URL (qrcode-generator draws it; no canvas needed, so the same code
 * renders on weapp and h5). Error correction M survives a projector's glare.
 */
/** `size` is any CSS length; the default fills most of a projector screen or a phone. */
export default function QrCode({ text, size = '72vmin' }: { text: string; size?: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    return qr.createDataURL(8, 4)
  }, [text])
  return (
    <Image
      className='qr-code'
      src={src}
      style={{ width: size, height: size }}
      mode='scaleToFill'
      data-qr-text={text}
    />
  )
}
