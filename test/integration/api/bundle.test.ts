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
  expect(described.ok && (described.data as { actions: unknown[] }).actions.length).toBe(bundle.allActions().length)
})

/**
 * The shapes CloudBase passes as `context`. The new runtime carries the invocation's
 * variables as a JSON string (`environment`); the old one as `k=v;k=v` (`environ`),
 * where a value with a comma (the source chain) becomes an array in the SDK's parse.
 */
function newContext(vars: Record<string, string>) {
  const keys = Object.keys(vars)
  const wx = keys.filter((k) => k.startsWith('WX_')).join(',')
  const tcb = keys.filter((k) => k.startsWith('TCB_')).join(',')
  return { request_id: 'test', environment: JSON.stringify({ ...vars, WX_CONTEXT_KEYS: wx, TCB_CONTEXT_KEYS: tcb }) }
}
function oldContext(vars: Record<string, string>) {
  const keys = Object.keys(vars)
  const environ = Object.entries({ ...vars, WX_CONTEXT_KEYS: keys.filter((k) => k.startsWith('WX_')).join(';'), TCB_CONTEXT_KEYS: keys.filter((k) => k.startsWith('TCB_')).join(';') })
    .map(([k, v]) => `${k}=${v}`)
    .join(';')
  return { request_id: 'test', environ }
}
const fromMiniProgram = (openid: string) => ({ WX_OPENID: openid, WX_APPID: 'wx-test', TCB_SOURCE: 'wx_client' })

/** What WeChat adds to the event of a mini-program's callFunction. */
const injected = (openId: string) => ({ userInfo: { appId: 'wx-test', openId } })

const saved = { ...process.env }
beforeAll(() => {
  // How CloudBase tells the SDK where its API is: main()'s own SDK then reaches the emulator.
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: emu.url })
  process.env.TENCENTCLOUD_SECRETID = 'local'
  process.env.TENCENTCLOUD_SECRETKEY = 'local'
  process.env.TCB_ENV = 'local'
})
afterAll(() => {
  process.env = saved
})

it('main takes the caller only from the WeChat context, never from the event', async () => {
  const ctx = newContext({ WX_OPENID: '' })
  expect(await bundle.main({ action: 'system.ping' }, ctx)).toMatchObject({ ok: true, data: { pong: true } })
  // No context identity: a member action is refused before any database access.
  expect(await bundle.main({ action: 'notice.list', payload: {} }, ctx)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  // An identity smuggled into the event is refused outright.
  expect(await bundle.main({ action: 'notice.list', payload: {}, openid: 'demo-admin' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect(await bundle.main({ action: 'notice.list', payload: { openid: 'demo-admin' } }, ctx)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

describe.each([
  ['new context format', newContext],
  ['old context format', oldContext],
])('a mini-program call as CloudBase delivers it (%s)', (_label, context) => {
  it('is accepted with the injected userInfo, and the caller is the context\'s openid', async () => {
    const res = await bundle.main({ action: 'me.get', payload: {}, ...injected('demo-resident') }, context(fromMiniProgram('demo-resident')))
    expect(res).toMatchObject({ ok: true, data: { user: { nickname: '林秀华' }, current: { roles: ['resident'] } } })
  })

  it('ignores a userInfo.openId that differs from the context: it changes nothing', async () => {
    const asResident = await bundle.main({ action: 'me.get', payload: {}, ...injected('demo-admin') }, context(fromMiniProgram('demo-resident')))
    const resident = await bundle.main({ action: 'me.get', payload: {} }, context(fromMiniProgram('demo-resident')))
    expect(asResident).toEqual(resident)
    // An admin-only action stays refused for the resident whatever userInfo says.
    const grant = await bundle.main(
      { action: 'member.grantRole', payload: { memberId: 'x', role: 'admin' }, ...injected('demo-admin') },
      context(fromMiniProgram('demo-resident')),
    )
    expect(grant).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

const timerEvent = (name: string) => ({ Type: 'Timer', TriggerName: name, Time: '2026-11-30T02:00:00Z', Message: '' })
const pushEvent = { ToUserName: 'gh_x', FromUserName: 'o-someone', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-test', trace_id: 'unknown-trace', version: 2, detect: [], errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20001 } }
const refused = { ok: false, error: { code: 'INVALID_ARGUMENT' } }

describe('timers run only for a genuine timer invocation', () => {
  it.each([
    ['new', newContext],
    ['old', oldContext],
  ])('a trigger of config.json from WeChat\'s timer source runs its jobs (%s context)', async (_f, context) => {
    const out = (await bundle.main(timerEvent('frequent'), context({ TCB_SOURCE: 'wx_trigger' }))) as Record<string, unknown>
    expect(out).not.toHaveProperty('ok')
    expect(Object.keys(out).length).toBeGreaterThan(0)
  })

  it.each([
    ['a mini-program user', { ...fromMiniProgram('demo-resident') }],
    ['an unknown WeChat source', { TCB_SOURCE: 'wx_unknown' }],
    ['WeChat\'s HTTP API', { TCB_SOURCE: 'wx_http' }],
    ['a web client', { TCB_SOURCE: 'web' }],
    ['another cloud function', { TCB_SOURCE: 'wx_trigger,scf' }],
    ['no source at all', {}],
    ['the timer source naming a user', { TCB_SOURCE: 'wx_trigger', WX_OPENID: 'demo-resident' }],
  ])('a timer-shaped event from %s is refused and runs nothing', async (_who, vars) => {
    const runsBefore = emu.emulator.stats.requests
    expect(await bundle.main(timerEvent('frequent'), newContext(vars as Record<string, string>))).toMatchObject(refused)
    expect(emu.emulator.stats.requests).toBe(runsBefore)
  })

  it('a trigger name config.json does not declare is refused even from the timer source', async () => {
    expect(await bundle.main(timerEvent('every-second'), newContext({ TCB_SOURCE: 'wx_trigger' }))).toMatchObject(refused)
  })
})

describe('message pushes are honoured only from the configured push source', () => {
  afterEach(() => {
    delete process.env.WX_PUSH_SOURCES
  })

  it('until a push source is configured, every push is refused', async () => {
    expect(await bundle.main(pushEvent, newContext({ TCB_SOURCE: 'wx_msgpush' }))).toMatchObject(refused)
  })

  it('from the configured source a verdict is handled; from any other it is refused', async () => {
    process.env.WX_PUSH_SOURCES = 'wx_msgpush'
    // The verdict names no check this deployment made: handled (ignored), the invocation succeeds.
    expect(await bundle.main(pushEvent, newContext({ TCB_SOURCE: 'wx_msgpush' }))).toBe('success')
    const others: Array<Record<string, string>> = [fromMiniProgram('demo-resident'), { TCB_SOURCE: 'wx_unknown' }, { TCB_SOURCE: 'wx_http' }, { TCB_SOURCE: 'web' }, {}]
    for (const vars of others) {
      expect(await bundle.main(pushEvent, newContext(vars))).toMatchObject(refused)
    }
  })

  it('a user source can never be configured as a push source', async () => {
    process.env.WX_PUSH_SOURCES = 'wx_client,wx_devtools'
    expect(await bundle.main(pushEvent, newContext(fromMiniProgram('demo-resident')))).toMatchObject(refused)
  })
})

describe('the certificate’s PDF code', () => {
  const dir = join(__dirname, '../../../cloudfunctions/api')
  it('is a file of its own beside the bundle, not parsed at a cold start', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs')
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).not.toContain('PDFDocument')
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toContain('require("./certificate-pdf.js")')
  })

  it('renders a certificate with embedded Chinese on its own', async () => {
    const pdf: typeof import('../../../cloudfunctions/api/src/modules/volunteer/pdf') = require(join(dir, 'certificate-pdf.js'))
    const bytes = await pdf.renderCertificate({
      title: '志愿服务记录证明',
      realName: '黄志明',
      idMasked: '3502**********5678',
      volunteerNumber: 'ZY000001',
      creditedHours: 1.5,
      honourHours: 0,
      records: [{ date: '2026-11-23', project: '关爱独居老人', place: '鹭江社区服务中心', content: '上门探访', hours: 1.5 }],
      organisation: '鹭江社区居民委员会',
      head: '王海燕',
      handler: null,
      number: 'ZM2026000001',
      issuedOn: '2026年11月23日',
      code: 'ABCD-EFGH-JKLM',
      verifyHint: '查验方法：在小程序中输入查验码。',
    })
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    // The font is embedded (a subset), not referenced by name for the reader to find.
    expect(bytes.toString('latin1')).toMatch(/\/FontFile[23]?/)
  })
})
