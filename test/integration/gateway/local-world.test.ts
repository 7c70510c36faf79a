/**
 * The local gateway as a developer's machine sees it: where it listens, what a web
 * page on another site could make it do (nothing that writes), uploads into the
 * persona's own place, signed file URLs, and the clock /dev/clock moves for the api,
 * the timers and the H5 app.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import * as source from '../../../cloudfunctions/api/src/index'
import { fixedClock } from '../../../cloudfunctions/api/src/platform/clock'
import { uploadPrefix } from '../../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { startEmulator } from '../../../local/emulator'
import { ROOT, startGateway, type Gateway } from '../../../local/gateway'
import { SEED_MOTIONS } from '../../../local/seed/decisions'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { NOW } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const DAY = 24 * 3600 * 1000
let gateway: Gateway
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gateway-'))
  gateway = await startGateway({ port: 0, dataDir, apiModule: source, clock: fixedClock(NOW), timers: true, strictIndexes: true, quiet: true })
})
afterAll(async () => {
  await gateway.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const api = async (openid: string, action: string, payload: unknown = {}) =>
  (await (await fetch(`${gateway.url}/api`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action, payload, communityId: C }) })).json()) as {
    ok: boolean
    data?: Record<string, unknown>
  }

describe('an open door no longer', () => {
  it('listens on 127.0.0.1 unless told otherwise', async () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    if (lan) await expect(fetch(`http://${lan.address}:${gateway.port}/dev/clock`)).rejects.toThrow()
  })

  it('/admin takes only JSON: a form a visited page submits writes nothing', async () => {
    const planted = JSON.stringify({ action: 'database.insertDocument', collectionName: 'users', data: [JSON.stringify({ _id: 'planted' })] })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${gateway.url}/admin?env=local`, { method: 'POST', headers: { 'content-type': type }, body: planted })
      expect(res.status).toBe(415)
    }
    const found = await gateway.app.database().collection('users').doc('planted').get()
    expect(found.data).toEqual([])
  })
})

describe('a database served by another process', () => {
  it('is where the function reads and writes; the gateway then serves no /admin of its own', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'gateway-elsewhere-'))
    const db = await startEmulator({ port: 0, dataDir: join(elsewhere, 'db'), schema: source.SCHEMA, strictIndexes: true })
    const gw = await startGateway({ port: 0, dataDir: elsewhere, apiModule: source, seed: false, quiet: true, emulatorOrigin: db.origin })
    try {
      const me = await fetch(`${gw.url}/api`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': 'someone-new' }, body: JSON.stringify({ action: 'me.get', payload: {} }) })
      expect(((await me.json()) as { ok: boolean }).ok).toBe(true)
      expect(db.emulator.stats.requests).toBeGreaterThan(0)
      const admin = await fetch(`${gw.url}/admin?env=local`, json({ action: 'database.getDocument', collectionName: 'users', query: '{}' }))
      expect(admin.status).toBe(404)
    } finally {
      await gw.close()
      await db.close()
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })
})

describe('/dev/upload', () => {
  const resident = membershipId(C, 'demo-resident')
  const mine = `${uploadPrefix(C, resident)}issues/p1.jpg`
  const upload = (cloudPath: string, openid?: string) =>
    fetch(`${gateway.url}/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...(openid ? { 'X-Dev-Openid': openid } : {}) },
      body: 'jpeg bytes',
    })

  it('takes a persona’s file into their own place', async () => {
    const res = await upload(mine, 'demo-resident')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ fileID: expect.stringMatching(new RegExp(`^cloud://local\\.[^/]+/${mine}$`)) })
  })

  it('needs a persona', async () => {
    const res = await upload(`${uploadPrefix(C, resident)}issues/anon.jpg`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('refuses a neighbour’s place, another community’s, a non-member and paths outside every place', async () => {
    const neighbour = `${uploadPrefix(C, membershipId(C, 'demo-volunteer'))}issues/p.jpg`
    expect((await upload(neighbour, 'demo-resident')).status).toBe(403)
    const otherCommunity = `${uploadPrefix(OTHER_COMMUNITY._id, membershipId(OTHER_COMMUNITY._id, 'demo-resident'))}issues/p.jpg`
    expect((await upload(otherCommunity, 'demo-resident')).status).toBe(403)
    const visitor = `${uploadPrefix(C, membershipId(C, 'demo-visitor'))}avatars/v.jpg`
    expect((await upload(visitor, 'demo-visitor')).status).toBe(403)
    for (const bad of ['uploads/issues/p.jpg', `${uploadPrefix(C, resident)}../x.jpg`, 'avatars/p.jpg', '']) {
      expect((await upload(bad, 'demo-resident')).status).toBe(400)
    }
    const stored = await gateway.app.getTempFileURL({ fileList: [`cloud://local.x/${neighbour}`, `cloud://local.x/${otherCommunity}`] })
    expect(stored.fileList.map((f: { code: string }) => f.code)).toEqual(['STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST'])
  })
})

describe('files', () => {
  it('open in the H5 app through a fresh signed URL, never by their path alone', async () => {
    const { fileID } = (await (await fetch(`${gateway.url}/dev/upload?cloudPath=${encodeURIComponent(`${uploadPrefix(C, membershipId(C, 'demo-resident'))}issues/p2.jpg`)}`, {
      method: 'POST',
      headers: { 'X-Dev-Openid': 'demo-resident' },
      body: 'second photo',
    })).json()) as { fileID: string }
    const redirect = await fetch(`${gateway.url}/dev/file?fileID=${encodeURIComponent(fileID)}`, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    const signed = redirect.headers.get('location')!
    expect(signed).toMatch(/\?sign=[0-9a-f]{64}&t=\d+$/)
    expect(await (await fetch(signed)).text()).toBe('second photo')
    expect((await fetch(signed.split('?')[0])).status).toBe(403)
  })

  it('are not handed to a page on another site', async () => {
    const res = await fetch(`${gateway.url}/dev/file?fileID=${encodeURIComponent('cloud://local.x/uploads/a.jpg')}`, { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } })
    expect(res.status).toBe(403)
  })
})

describe('/dev/clock', () => {
  const clockNow = async () => (await (await fetch(`${gateway.url}/dev/clock`)).json()) as { now: string; offsetMs: number }
  const move = async (body: unknown) => fetch(`${gateway.url}/dev/clock`, json(body))
  afterEach(() => gateway.clock.reset())

  it('tells the local time, and moves it for the api', async () => {
    expect(await clockNow()).toEqual({ now: new Date(NOW).toISOString(), offsetMs: 0 })
    const res = await move({ advanceMs: 2 * DAY })
    expect(await res.json()).toEqual({ now: new Date(Date.parse(NOW) + 2 * DAY).toISOString(), offsetMs: 2 * DAY })
    expect((await api('demo-resident', 'system.ping')).data).toMatchObject({ time: new Date(Date.parse(NOW) + 2 * DAY).toISOString() })

    // Both before the seed's open vote closes (three days on), which the next test watches.
    expect(await (await move({ set: '2026-11-24T19:30:00+08:00' })).json()).toMatchObject({ now: '2026-11-24T11:30:00.000Z' })
    expect((await api('demo-resident', 'system.ping')).data).toMatchObject({ time: '2026-11-24T11:30:00.000Z' })
    expect(await (await move({ reset: true })).json()).toEqual({ now: new Date(NOW).toISOString(), offsetMs: 0 })
  })

  it('refuses anything but one valid change in JSON, and stays where it was', async () => {
    const plain = await fetch(`${gateway.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ advanceMs: DAY }) })
    expect(plain.status).toBe(415)
    for (const bad of [{ advanceMs: '1' }, { advanceMs: 1.5 }, { advanceMs: 400 * DAY }, { set: '2026-12-05' }, { set: 'tomorrow' }, { advanceMs: 1, set: '2026-12-05T19:30:00+08:00' }, { reset: false }, {}, [], { hours: 2 }]) {
      const res = await move(bad)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
    const broken = await fetch(`${gateway.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{advanceMs' })
    expect(broken.status).toBe(400)
    expect(await clockNow()).toEqual({ now: new Date(NOW).toISOString(), offsetMs: 0 })
  })

  it('runs a timer once the clock passes its schedule: a vote closes and its decision is published', async () => {
    const before = await api('demo-resident', 'council.motion.get', { motionId: SEED_MOTIONS.chargers })
    expect(before.data).toMatchObject({ state: 'open', decisionId: null })
    await move({ advanceMs: 4 * DAY })
    let after = before
    for (let i = 0; i < 50 && !after.data?.decisionId; i++) {
      await new Promise((r) => setTimeout(r, 200))
      after = await api('demo-resident', 'council.motion.get', { motionId: SEED_MOTIONS.chargers })
    }
    expect(after.data).toMatchObject({ state: 'closed', decisionId: expect.any(String) })
  })
})

describe('production', () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? sourceFiles(join(dir, name)) : [join(dir, name)]))

  it('has no clock anyone can move: no such route, action or code in the function', async () => {
    for (const file of sourceFiles(join(ROOT, 'cloudfunctions/api/src'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/dev\/clock|offsetMs|advanceMs/)
    }
    expect(source.allActions().map((a) => a.name).filter((name) => /clock|time/i.test(name))).toEqual([])
    // What an HTTP access call to the deployed function would carry for the same request.
    const event = { path: '/dev/clock', httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 2 * DAY }) }
    const context = { request_id: 'test', environment: JSON.stringify({ TCB_CONTEXT_KEYS: 'TCB_SOURCE', TCB_SOURCE: 'wx_http' }) }
    const log = jest.spyOn(console, 'log').mockImplementation(() => {})
    expect(await source.main(event, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    log.mockRestore()
  })
})
