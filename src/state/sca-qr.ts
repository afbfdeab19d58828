import { deflateSync } from 'node:zlib'
import QRCode from 'qrcode'

// The QR image of POST /sca/qr-codes: a real, scannable QR symbol (byte mode, error correction M)
// whose content is the join code, as a greyscale PNG. The symbol comes from the `qrcode` package
// (synchronous, so it is made inside the state op's tx); the PNG bytes are written here, so the same
// join code always gives the same bytes.

const SCALE = 6 // pixels per module
const QUIET = 4 // modules of white border, as the QR standard asks

/** A black-and-white PNG (base64 it for the API) of a QR code that encodes `text`. */
export function qrCodePng(text: string): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const side = (size + 2 * QUIET) * SCALE
  const raw = Buffer.alloc((side + 1) * side, 0xff)
  for (let py = 0; py < side; py++) {
    raw[py * (side + 1)] = 0 // filter type: none
    for (let px = 0; px < side; px++) {
      const x = Math.floor(px / SCALE) - QUIET
      const y = Math.floor(py / SCALE) - QUIET
      if (x >= 0 && y >= 0 && x < size && y < size && data[y * size + x]) raw[py * (side + 1) + 1 + px] = 0
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
