// A QR code as a PNG data URL, drawn here so the same <Image> shows it in WeChat
// and in H5 (and an e2e test can decode its src). The encoder is qrcode's core
// alone: no canvas, no renderer, no TextEncoder (WeChat's engine lacks it), so the
// text goes in as bytes.
import QRCode from 'qrcode/lib/core/qrcode'

/** The dark/light modules of `text`, size × size, row by row. */
export function qrModules(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
  const qr = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' })
  const { size, data } = qr.modules
  return { size, dark: (x, y) => data[y * size + x] === 1 }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
}

function chunk(type: string, data: Uint8Array): number[] {
  const body = new Uint8Array(4 + data.length)
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i)
  body.set(data, 4)
  return [...u32(data.length), ...body, ...u32(crc32(body))]
}

/** zlib around stored (uncompressed) deflate blocks: a 1-bit image is small enough as it is. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const out: number[] = [0x78, 0x01]
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const len = Math.min(65535, raw.length - at)
    const last = at + len >= raw.length ? 1 : 0
    out.push(last, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff)
    for (let i = 0; i < len; i++) out.push(raw[at + i])
    if (len === 0) break
  }
  let a = 1
  let b = 0
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521
    b = (b + a) % 65521
  }
  out.push(...u32(((b << 16) | a) >>> 0))
  return new Uint8Array(out)
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function base64(bytes: number[]): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '='
    s += i + 2 < bytes.length ? B64[n & 63] : '='
  }
  return s
}

/**
 * `text` as a black-on-white QR code PNG (`data:image/png;base64,…`): `scale`
 * pixels per module and the standard 4-module quiet zone, 1 bit per pixel.
 */
export function qrPngDataUrl(text: string, scale = 8): string {
  const { size, dark } = qrModules(text)
  const quiet = 4
  const px = (size + 2 * quiet) * scale
  const rowBytes = Math.ceil(px / 8)
  const raw = new Uint8Array((rowBytes + 1) * px)
  for (let y = 0; y < px; y++) {
    const row = y * (rowBytes + 1)
    raw[row] = 0 // filter: none
    const my = Math.floor(y / scale) - quiet
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - quiet
      const black = mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my)
      // Grey level 1 bit: 0 is black, 1 is white.
      if (!black) raw[row + 1 + (x >> 3)] |= 0x80 >> (x & 7)
    }
  }
  const header = new Uint8Array([...u32(px), ...u32(px), 1, 0, 0, 0, 0])
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', header), ...chunk('IDAT', zlibStored(raw)), ...chunk('IEND', new Uint8Array(0))]
  return `data:image/png;base64,${base64(png)}`
}
