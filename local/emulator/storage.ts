/**
 * Cloud storage: files live in LMDB beside the documents. `getUploadMetadata`
 * hands out a signed URL under /files/ to which the SDK PUTs the bytes (as it
 * does to COS); downloads need a temporary URL (`getTempFileURL`), signed and
 * expiring as CloudBase's are, so a path alone opens nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { extname } from 'node:path'
import { invalidParam } from './errors'
import type { Store } from './store'

const UPLOAD_TTL_SECONDS = 3600
/** CloudBase's temporary URLs last a day unless `max_age` (seconds) says otherwise. */
export const DOWNLOAD_TTL_SECONDS = 86_400

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.heic': 'image/heic',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export const contentTypeOf = (path: string) => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'

export class FileStorage {
  constructor(
    readonly store: Store,
    private readonly secret: Buffer,
  ) {}

  /** CloudBase refuses odd characters in a cloudPath; we refuse the ones URLs cannot carry raw. */
  static checkPath(path: unknown): string {
    if (typeof path !== 'string' || path === '' || path.length > 850) {
      throw invalidParam('cloudPath must be a non-empty string of at most 850 characters')
    }
    if (/[?#%\\\u0000-\u001f]/.test(path) || path.split('/').some((part) => part === '..' || part === '.')) {
      throw invalidParam(`cloudPath ${JSON.stringify(path)} may not contain ? # % \\ control characters or . / .. segments`)
    }
    return path
  }

  fileId(env: string, path: string): string {
    const bucket = `${Buffer.from(env.slice(0, 2) || 'lo').toString('hex')}-${env}-1300000000`
    return `cloud://${env}.${bucket}/${path}`
  }

  /** The cloudPath inside `cloud://<env>.<bucket>/<cloudPath>`, or null if it is not a fileID. */
  pathOf(fileId: unknown): string | null {
    if (typeof fileId !== 'string') return null
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
    return match ? match[1] : null
  }

  /**
   * A temporary URL, shaped like CloudBase's (`…/<path>?sign=…&t=<expiry>`): the path
   * raw, as theirs is (the SDK runs `encodeURI` on it before fetching).
   */
  downloadUrl(origin: string, path: string, now: number, maxAgeSeconds = DOWNLOAD_TTL_SECONDS): string {
    const expires = Math.floor(now / 1000) + maxAgeSeconds
    return `${origin}/files/${path}?sign=${this.mac('get', path, expires)}&t=${expires}`
  }

  /** Whether a GET carries a temporary URL's signature for this path that has not expired. */
  verifyDownload(path: string, query: URLSearchParams, now: number): boolean {
    return this.check('get', path, query.get('t'), query.get('sign'), now)
  }

  uploadUrl(origin: string, path: string, token: string): string {
    return `${origin}/files/${encodePath(path)}?sign=${encodeURIComponent(token)}`
  }

  sign(path: string, now: number): string {
    const expires = Math.floor(now / 1000) + UPLOAD_TTL_SECONDS
    return `${expires}.${this.mac('put', path, expires)}`
  }

  verify(path: string, token: string | undefined, now: number): boolean {
    const [expires, mac] = (token ?? '').split('.')
    return this.check('put', path, expires, mac, now)
  }

  private check(purpose: 'get' | 'put', path: string, expires: string | null | undefined, mac: string | null | undefined, now: number) {
    if (!mac || !expires || !/^\d{1,12}$/.test(expires) || !(Number(expires) * 1000 > now)) return false
    const expected = Buffer.from(this.mac(purpose, path, Number(expires)))
    const given = Buffer.from(mac)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  /** The purpose is signed too: an upload URL never opens a download, nor the reverse. */
  private mac(purpose: 'get' | 'put', path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${path}\n${expires}`).digest('hex')
  }

  static cosFileId(): string {
    return `local-${randomBytes(12).toString('hex')}`
  }
}

export const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/')
