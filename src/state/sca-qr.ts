import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'

// SIM: the QR code of POST /sca/qr-codes is a real PNG with a QR-like pattern derived from the join
// code, not a scannable QR symbol (that would need a QR encoder dependency). The raw joinCode is in
// the response, and the simulated phone joins with it.

const MODULES = 25
const SCALE = 4
const QUIET = 2

/** A black-and-white PNG (base64 it for the API) whose pattern is determined by `text`. */
export function qrCodePng(text: string): Buffer {
  const bits = createHash('sha512').update(text).digest()
  const dark = (x: number, y: number): boolean => {
    const finder = finderAt(x, y, 0, 0) ?? finderAt(x, y, MODULES - 7, 0) ?? finderAt(x, y, 0, MODULES - 7)
    if (finder !== undefined) return finder
    const i = y * MODULES + x
    return ((bits[(i >> 3) % bits.length]! >> (i & 7)) & 1) === 1
  }
  const side = (MODULES + 2 * QUIET) * SCALE
  const raw = Buffer.alloc((side + 1) * side, 0xff)
  for (let py = 0; py < side; py++) {
    raw[py * (side + 1)] = 0 // filter type: none
    for (let px = 0; px < side; px++) {
      const x = Math.floor(px / SCALE) - QUIET
      const y = Math.floor(py / SCALE) - QUIET
      if (x >= 0 && y >= 0 && x < MODULES && y < MODULES && dark(x, y)) raw[py * (side + 1) + 1 + px] = 0
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ])
}

function finderAt(x: number, y: number, ox: number, oy: number): boolean | undefined {
  const dx = x - ox
  const dy = y - oy
  if (dx < -1 || dy < -1 || dx > 7 || dy > 7) return undefined
  if (dx === -1 || dy === -1 || dx === 7 || dy === 7) return false
  const ring = Math.min(dx, dy, 6 - dx, 6 - dy)
  return ring !== 1
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
