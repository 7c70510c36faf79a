/**
 * What we deploy is what we test: the esbuild bundle (cloudfunctions/api/index.js,
 * built by npm test) is required as CloudBase would load it and driven through the
 * genuine SDK it carries, pointed at an emulator.
 */
import { join } from 'node:path'
import { SCHEMA } from '../../../cloudfunctions/api/src/platform/schema'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { seedDemo } from '../../../local/seed'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

type Bundle = typeof import('../../../cloudfunctions/api/src/index')
const bundle: Bundle = require(join(__dirname, '../../../cloudfunctions/api/index.js'))

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator({ schema: SCHEMA })
  await seedDemo(emu.app)
})
afterAll(() => emu.close())

it('exports the CloudBase entry and the core the gateway uses', () => {
  expect(typeof bundle.main).toBe('function')
  expect(typeof bundle.createApi).toBe('function')
  expect(typeof bundle.initCloudbase).toBe('function')
})

it('serves actions through its own SDK against the emulator', async () => {
  const app = bundle.initCloudbase({ env: 'local', serviceUrl: emu.url, secretId: 'local', secretKey: 'local' } as never)
  const api = bundle.createApi({ app, log: bundle.silentLogger })
  const res = await api.handle({ action: 'notice.list', payload: { limit: 2 }, communityId: DEMO_COMMUNITY._id }, { openid: 'demo-resident' })
  expect(res).toMatchObject({ ok: true, data: { items: [{ title: '关于 3 号楼电梯加装的议事结果公示' }, expect.any(Object)] } })
  const described = await api.handle({ action: 'system.describe' }, { openid: null })
  expect(described.ok && (described.data as { actions: unknown[] }).actions.length).toBe(bundle.ALL_ACTIONS.length)
})

/** The shape CloudBase passes as `context` (new runtime: `environment` is a JSON string). */
const context = (openid: string) => ({
  request_id: 'test',
  environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx-test' }),
})

it('main takes the caller only from the WeChat context, never from the event', async () => {
  const ctx = context('')
  expect(await bundle.main({ action: 'system.ping' }, ctx)).toMatchObject({ ok: true, data: { pong: true } })
  // No context identity: a member action is refused before any database access.
  expect(await bundle.main({ action: 'notice.list', payload: {} }, ctx)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  // An identity smuggled into the event is refused outright.
  expect(await bundle.main({ action: 'notice.list', payload: {}, openid: 'demo-admin' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect(await bundle.main({ action: 'notice.list', payload: { openid: 'demo-admin' } }, ctx)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

it('main honours a timer or a WeChat push shape only outside a user’s call: from the mini-program it is a refused call', async () => {
  // What CloudBase injects for a mini-program's callFunction: the user's openid and SOURCE wx_client.
  const fromClient = { request_id: 'test', environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'demo-resident', WX_APPID: 'wx-test', TCB_CONTEXT_KEYS: 'TCB_SOURCE', TCB_SOURCE: 'wx_client' }) }
  const push = { ToUserName: 'gh_x', FromUserName: 'demo-resident', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', version: 2, result: { suggest: 'risky', label: '21000' } }
  expect(await bundle.main(push, fromClient)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect(await bundle.main({ Type: 'Timer', TriggerName: 'minutely' }, fromClient)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
})
