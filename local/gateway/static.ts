/**
 * The H5 app's files, served the way a CDN would: compressed when the browser
 * accepts it (brotli, else gzip), and cached by what the name promises. A file
 * whose name carries webpack's content hash (`app.7cec70bb.js`) never changes
 * under that name, so the browser keeps it a year without asking; index.html
 * names the current hashes, so it is never cached; anything else an hour.
 *
 * Compression happens once per file version (path + size + mtime) and is kept
 * in memory: the app is a few MB at most, and a rebuild changes mtimes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import type http from 'node:http'
import { extname, join, normalize } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/** Already-compressed formats gain nothing from another pass. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt', '.ttf', '.ico'])

/** Below this, the headers outweigh the saving. */
const MIN_COMPRESS_BYTES = 1024

/** webpack's `[name].[contenthash:8].ext` */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/

type Encoding = 'br' | 'gzip' | 'identity'

export function cachePolicy(file: string): string {
  if (file.endsWith('index.html')) return 'no-store'
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600'
}

/** The best encoding the request accepts (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  )
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip')) return 'gzip'
  return 'identity'
}

const compressed = new Map<string, Buffer>()

function body(file: string, encoding: Encoding): Buffer {
  const raw = () => readFileSync(file)
  if (encoding === 'identity') return raw()
  const { size, mtimeMs } = statSync(file)
  const key = `${encoding}:${file}:${size}:${mtimeMs}`
  let out = compressed.get(key)
  if (!out) {
    out = encoding === 'br' ? brotliCompressSync(raw(), { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(raw(), { level: 9 })
    compressed.set(key, out)
  }
  return out
}

export function serveStatic(h5Dir: string | undefined, req: http.IncomingMessage, urlPath: string, res: http.ServerResponse) {
  if (!h5Dir || !existsSync(join(h5Dir, 'index.html'))) {
    res.writeHead(503, { 'content-type': MIME['.html'], 'cache-control': 'no-store' })
    res.end('<meta charset="utf-8"><p>H5 应用尚未构建：请运行 <code>npm run build:h5</code>（npm start 会自动构建）。</p>')
    return
  }
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '')
  let file = join(h5Dir, rel)
  if (!file.startsWith(h5Dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(h5Dir, 'index.html')
  const ext = extname(file)
  const compressible = COMPRESSIBLE.has(ext) && statSync(file).size >= MIN_COMPRESS_BYTES
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity'
  const content = body(file, encoding)
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': cachePolicy(file),
    'content-length': content.length,
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    ...(compressible ? { vary: 'Accept-Encoding' } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : content)
}
