/**
 * The H5 app's files: compressed when the browser accepts it, cached a year when
 * the name carries a content hash, never for index.html; the bytes a browser
 * decodes are the file's own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { chooseEncoding, serveStatic } from '../../local/gateway/static'

let dir: string
let server: http.Server
let base: string
const script = `console.log(${JSON.stringify('厝边议事厅 '.repeat(2000))})\n`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'h5-'))
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>厝边议事厅</title>${'<div></div>'.repeat(200)}`)
  writeFileSync(join(dir, 'app.7cec70bb.js'), script)
  writeFileSync(join(dir, 'tiny.js'), 'x()')
  writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096, 7))
  server = http.createServer((req, res) => serveStatic(dir, req, new URL(req.url!, 'http://x').pathname, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})

/** Raw bytes and headers, without fetch's automatic decoding. */
function get(path: string, acceptEncoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

describe('the H5 app is served compressed and cached by its names', () => {
  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, plain bytes otherwise', async () => {
    const br = await get('/app.7cec70bb.js', 'gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(brotliDecompressSync(br.body).toString()).toBe(script)
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10)

    const gz = await get('/app.7cec70bb.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(script)

    const plain = await get('/app.7cec70bb.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it('caches hashed files a year, index.html never, other files an hour', async () => {
    expect((await get('/app.7cec70bb.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/', 'br')).headers['cache-control']).toBe('no-store')
    expect((await get('/pages/home/index', 'br')).headers['cache-control']).toBe('no-store')
    expect((await get('/tiny.js', 'br')).headers['cache-control']).toBe('public, max-age=3600')
  })

  it('leaves images and tiny files as they are', async () => {
    const png = await get('/logo.png', 'br')
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.body.length).toBe(4096)
    expect((await get('/tiny.js', 'br')).headers['content-encoding']).toBeUndefined()
  })

  it('honours q=0 and picks the best accepted encoding', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding(['gzip;q=0.5', 'br;q=1'])).toBe('br')
    expect(chooseEncoding('deflate')).toBe('identity')
    expect(chooseEncoding(undefined)).toBe('identity')
  })
})
