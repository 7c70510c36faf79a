/**
 * Cloud storage through the genuine SDK: uploadFile (metadata, then the PUT the
 * SDK makes to the URL it was given), temporary URLs served over HTTP, delete.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { createEmulator } from '../../../local/emulator'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator
// CloudBase's clock, moved by the tests that watch a temporary URL expire.
let shift = 0
beforeAll(async () => {
  t = await startTestEmulator({ now: () => Date.now() + shift })
})
afterEach(() => {
  shift = 0
})
afterAll(() => t.close())

it('upload → temp URL → GET returns the same bytes → delete → 404', async () => {
  const bytes = randomBytes(300_000)
  const uploaded = await t.app.uploadFile({ cloudPath: 'activities/a1/cover.jpg', fileContent: bytes })
  expect(uploaded).toEqual({ fileID: expect.stringMatching(/^cloud:\/\/local\.[^/]+\/activities\/a1\/cover\.jpg$/) })

  const { fileList } = await t.app.getTempFileURL({ fileList: [uploaded.fileID] })
  expect(fileList).toEqual([
    expect.objectContaining({ fileID: uploaded.fileID, code: 'SUCCESS', tempFileURL: expect.stringMatching(tempUrl(t.origin, 'activities/a1/cover.jpg')) }),
  ])
  const got = await fetch(fileList[0].tempFileURL)
  expect(got.status).toBe(200)
  expect(got.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)

  const deleted = await t.app.deleteFile({ fileList: [uploaded.fileID] })
  expect(deleted.fileList).toEqual([expect.objectContaining({ fileID: uploaded.fileID, code: 'SUCCESS' })])
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(404)

  const again = await t.app.getTempFileURL({ fileList: [uploaded.fileID] })
  expect(again.fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  expect((await t.app.deleteFile({ fileList: [uploaded.fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
})

it('takes a file stream, Chinese paths and downloadFile; a new upload replaces the old bytes', async () => {
  const path = '公告/2026年/通知 1.txt'
  await t.app.uploadFile({ cloudPath: path, fileContent: Buffer.from('第一版') })
  const local = join(mkdtempSync(join(tmpdir(), 'upload-')), 'notice.txt')
  writeFileSync(local, '第二版')
  const { fileID } = await t.app.uploadFile({ cloudPath: path, fileContent: createReadStream(local) })
  const downloaded = await t.app.downloadFile({ fileID })
  expect(downloaded.fileContent?.toString()).toBe('第二版')
  const { fileList } = await t.app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('第二版')
})

/** CloudBase's shape: the path raw, then the signature and the expiry in seconds. */
const tempUrl = (origin: string, path: string) => new RegExp(`^${origin}/files/${path.replace(/\./g, '\\.')}\\?sign=[0-9a-f]{64}&t=\\d+$`)
const expiryOf = (url: string) => Number(new URL(url).searchParams.get('t')) * 1000

describe('temporary URLs', () => {
  let fileID: string
  let url: string
  beforeAll(async () => {
    fileID = (await t.app.uploadFile({ cloudPath: 'uploads/c1/m-1/issues/p.jpg', fileContent: Buffer.from('photo') })).fileID
    url = (await t.app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL
  })

  it('last a day unless maxAge says otherwise, and the file opens until then', async () => {
    expect(expiryOf(url) - Date.now()).toBeGreaterThan(86_400_000 - 60_000)
    expect(expiryOf(url) - Date.now()).toBeLessThanOrEqual(86_400_000)
    const { fileList } = await t.app.getTempFileURL({ fileList: [{ fileID, maxAge: 120 }] })
    expect(expiryOf(fileList[0].tempFileURL) - Date.now()).toBeLessThanOrEqual(120_000)
    expect(expiryOf(fileList[0].tempFileURL) - Date.now()).toBeGreaterThan(60_000)
    shift = 100_000
    expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('photo')
    shift = 121_000
    const expired = await fetch(fileList[0].tempFileURL)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>')
    expect((await fetch(url)).status).toBe(200)
    shift = 86_401_000
    expect((await fetch(url)).status).toBe(403)
  })

  it('open nothing without their signature, with a forged one or one for another file', async () => {
    const plain = `${t.origin}/files/uploads/c1/m-1/issues/p.jpg`
    expect((await fetch(plain)).status).toBe(403)
    expect((await fetch(plain, { method: 'HEAD' })).status).toBe(403)
    const forged = new URL(url)
    forged.searchParams.set('sign', 'f'.repeat(64))
    expect((await fetch(forged)).status).toBe(403)
    const extended = new URL(url)
    extended.searchParams.set('t', String(Number(extended.searchParams.get('t')) + 86_400))
    expect((await fetch(extended)).status).toBe(403)
    await t.app.uploadFile({ cloudPath: 'uploads/c1/m-2/issues/q.jpg', fileContent: Buffer.from('theirs') })
    expect((await fetch(url.replace('m-1/issues/p.jpg', 'm-2/issues/q.jpg'))).status).toBe(403)
  })

  it('refuse a maxAge that is not a positive whole number of seconds', async () => {
    await expect(t.app.getTempFileURL({ fileList: [{ fileID, maxAge: -5 }] })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(t.app.getTempFileURL({ fileList: [{ fileID, maxAge: 1.5 }] })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })

  it('are not upload URLs, nor the reverse', async () => {
    const sign = new URL(url).searchParams
    const put = await fetch(`${t.origin}/files/uploads/c1/m-1/issues/p.jpg?sign=${sign.get('t')}.${sign.get('sign')}`, { method: 'PUT', body: 'x' })
    expect(put.status).toBe(403)
    expect(await (await fetch(url)).text()).toBe('photo')
  })
})

describe('the TCB API', () => {
  it('takes only application/json, so a web page cannot post to it without asking first', async () => {
    const body = JSON.stringify({ action: 'database.addCollection', collectionName: 'planted' })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await fetch(t.url, { method: 'POST', headers: type ? { 'content-type': type } : {}, body })
      expect(res.status).toBe(415)
      expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM' })
    }
    const preflight = await fetch(t.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect((await t.db.collection('planted').count().catch((e: { code: string }) => e)).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    const sdkLike = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body })
    expect(await sdkLike.json()).not.toHaveProperty('code')
  })
})

it('refuses a PUT without the signature getUploadMetadata issued', async () => {
  const put = await fetch(`${t.origin}/files/sneaky.txt`, { method: 'PUT', body: 'x' })
  expect(put.status).toBe(403)
  expect(await put.text()).toContain('<Code>AccessDenied</Code>')
  const forged = await fetch(`${t.origin}/files/sneaky.txt?sign=9999999999.abc`, { method: 'PUT', body: 'x' })
  expect(forged.status).toBe(403)
  const stored = await t.app.getTempFileURL({ fileList: ['cloud://local.bucket/sneaky.txt'] })
  expect(stored.fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
})

it('refuses cloudPaths a URL cannot carry', async () => {
  await expect(t.app.uploadFile({ cloudPath: '../etc/passwd', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  })
  await expect(t.app.uploadFile({ cloudPath: 'a?b.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  })
})

it('takes at most 50 files per batch call', async () => {
  const many = Array.from({ length: 51 }, (_, i) => `cloud://local.bucket/f${i}.txt`)
  await expect(t.app.getTempFileURL({ fileList: many })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  await expect(t.app.deleteFile({ fileList: many })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
})

describe('mounted in a gateway', () => {
  let server: Server
  let dir: string
  let close: () => Promise<void>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-gateway-'))
    const emulator = await createEmulator({ dataDir: dir })
    server = createServer(async (req, res) => {
      if (await emulator.handle(req, res)) return
      res.writeHead(200, { 'content-type': 'text/plain' }).end('gateway route')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    close = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await emulator.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => close())

  it('serves /admin and /files beside the gateway’s routes, with URLs on the gateway’s host', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await (await fetch(`${origin}/api`)).text()).toBe('gateway route')
    const app = tcb.init({ env: 'local', serviceUrl: `${origin}/admin`, secretId: 'local', secretKey: 'local' })
    const { fileID } = await app.uploadFile({ cloudPath: 'avatars/u1.png', fileContent: Buffer.from('png') })
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] })
    expect(fileList[0].tempFileURL).toMatch(tempUrl(origin, 'avatars/u1.png'))
    expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('png')
  })
})
