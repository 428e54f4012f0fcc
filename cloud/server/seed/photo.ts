import { deflateSync } from 'node:zlib'
import type { Random } from './random'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/**
 * A small valid PNG standing in for a meeting photo: a red banner over a warm wall, a little
 * different each time. A few hundred bytes, well under the photo limit.
 */
export function demoPhoto(r: Random, width = 96, height = 64): Uint8Array {
  const wall = [r.int(225, 245), r.int(205, 225), r.int(170, 195)]
  const banner = [r.int(190, 215), 24, 24]
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(0) // filter: none
    const inBanner = y >= height * 0.15 && y < height * 0.35
    for (let x = 0; x < width; x++) {
      const px = inBanner && x >= width * 0.1 && x < width * 0.9 ? banner : y > height * 0.7 ? wall.map((c) => c - 60) : wall
      rows.push(...px)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', new Uint8Array(0))]))
}
