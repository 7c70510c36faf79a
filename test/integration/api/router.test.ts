import { z } from 'zod'
import { action } from '../../../cloudfunctions/api/src/platform/action'
import { catalogueOf, isCatchUpRun, Router } from '../../../cloudfunctions/api/src/router'
import { CATALOGUE } from '../../../cloudfunctions/api/src/registry'
import { FREQUENT_MS } from '../../../cloudfunctions/api/src/platform/alarms'
import { createServices } from '../../../cloudfunctions/api/src/index'
import { silentLogger } from '../../../cloudfunctions/api/src/platform/log'
import { precondition } from '../../../cloudfunctions/api/src/platform/errors'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { text } from '../../../cloudfunctions/api/src/platform/validation'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { NOW, startTestApi, type TestApi } from '../../helpers/api'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const C = DEMO_COMMUNITY._id

describe('the envelope', () => {
  it('answers system.ping to anyone, with server time', async () => {
    const res = await t.call(null, 'system.ping')
    expect(res).toEqual({ ok: true, data: { pong: true, time: t.clock.now().toISOString(), version: expect.any(String) } })
  })

  it('refuses an unknown action with NOT_FOUND, in a known area or none', async () => {
    // Areas load by the name's first segment: neither an unknown one nor an object's own key may load anything.
    for (const action of ['council.nothing', 'nosucharea.list', 'constructor', '__proto__.x', 'hasOwnProperty.list']) {
      const res = await t.api.handle({ action }, { openid: 'demo-resident' })
      expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `没有「${action}」这个操作` } })
    }
  })

  it('refuses a malformed event, including an openid smuggled into it', async () => {
    for (const event of [null, 'x', { payload: {} }, { action: 'system.ping', openid: 'demo-admin' }]) {
      const res = await t.api.handle(event, { openid: null })
      expect(res.ok).toBe(false)
      if (!res.ok) {
        expect(res.error.code).toBe('INVALID_ARGUMENT')
        expect(res.error.message).toMatch(/^请求格式不对/)
      }
    }
  })

  it('refuses unknown payload keys and wrong types with a Chinese message', async () => {
    expect(await t.call('demo-resident', 'notice.list', { limit: 5, openid: 'x' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '不认识的字段：openid' },
    })
    expect(await t.call('demo-resident', 'notice.list', { limit: 'five' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '「limit」应为数字' },
    })
  })
})

describe('who may call', () => {
  it('asks an anonymous caller to sign in', async () => {
    const res = await t.call(null, 'notice.list', {})
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  it('tells a signed-in visitor to join a community first', async () => {
    const res = await t.call('demo-visitor', 'notice.list', {})
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '你还不是本社区成员，请先加入社区' } })
  })

  it('does not let a caller act in a community they do not belong to', async () => {
    const res = await t.call('demo-resident', 'notice.list', {}, 'c_elsewhere')
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN')
  })

  it('finds the current community from the user record when the client names none', async () => {
    const named = await t.ok('demo-resident', 'notice.list', { limit: 2 }, C)
    const remembered = await t.ok('demo-resident', 'notice.list', { limit: 2 })
    expect(remembered).toEqual(named)
  })
})

describe('notice.list', () => {
  const published = async () => ((await t.db.collection('notices').where({ communityId: C, status: 'published' }).count()) as { total: number }).total

  it('lists published notices newest first, with paging', async () => {
    const first = await t.ok('demo-resident', 'notice.list', { limit: 3 }, C)
    expect(first.items.map((n) => n.title)).toEqual([
      '关于 3 号楼电梯加装的议事结果公示',
      '民生小实事：小区西门照明改造进度',
      '11 月志愿服务积分兑换开放',
    ])
    // Every published notice, page by page, newest first (the seed's areas publish theirs too).
    const all = [...first.items]
    for (let cursor = first.nextCursor; cursor; ) {
      const page = await t.ok('demo-resident', 'notice.list', { limit: 3, cursor }, C)
      expect(page.items.length).toBeGreaterThan(0)
      all.push(...page.items)
      cursor = page.nextCursor
    }
    expect(all).toHaveLength(await published())
    expect(all.map((n) => n.publishedAt)).toEqual([...all.map((n) => n.publishedAt)].sort().reverse())
    expect(first.items[0]).toEqual({
      id: `${C}:notice-n1`,
      title: '关于 3 号楼电梯加装的议事结果公示',
      summary: expect.stringContaining('经 11 月 15 日议事会表决'),
      category: 'decision',
      publishedAt: '2026-11-21T02:00:00.000Z',
      publicUntil: '2026-11-28T02:00:00.000Z',
      publicityOpen: true,
    })
  })

  it('is readable by an unverified resident and by the street account', async () => {
    const total = await published()
    expect(total).toBeGreaterThan(3)
    expect((await t.ok('demo-newcomer', 'notice.list', {}, C)).items).toHaveLength(total)
    expect((await t.ok('demo-street', 'notice.list', {}, C)).items).toHaveLength(total)
  })
})

describe('me.get', () => {
  it('describes a committee member: community, roles, verified', async () => {
    const me = await t.ok('demo-admin', 'me.get')
    expect(me).toEqual({
      user: { nickname: '王海燕', avatarUrl: null, elderMode: null },
      privacy: { currentVersion: '2026-11', consentedVersion: null },
      current: {
        communityId: C,
        communityName: '鹭江社区',
        memberId: expect.stringMatching(/^c_lujiang:m-[0-9a-f]{20}$/),
        roles: ['resident', 'committee', 'admin'],
        buildingIds: [],
        status: 'verified',
        declineReason: null,
        household: { id: `${C}:b5-1-201`, label: '5号楼1单元201' },
        realName: '王海燕',
        phone: null,
      },
      communities: [{ communityId: C, name: '鹭江社区', status: 'verified' }],
    })
  })

  it('tells a visitor they have not joined a community', async () => {
    expect(await t.ok('demo-visitor', 'me.get')).toEqual({
      user: { nickname: '新朋友', avatarUrl: null, elderMode: null },
      privacy: { currentVersion: '2026-11', consentedVersion: null },
      current: null,
      communities: [],
    })
  })

  it('shows an unverified newcomer as unverified', async () => {
    const me = await t.ok('demo-newcomer', 'me.get', {}, C)
    expect(me.current).toMatchObject({ status: 'unverified', roles: ['resident'] })
  })
})

describe('system.describe', () => {
  it('lists every action with its roles and input as JSON Schema', async () => {
    const d = await t.ok(null, 'system.describe')
    const names = d.actions.map((a) => a.name)
    expect(names).toEqual(expect.arrayContaining(['system.ping', 'system.describe', 'me.get', 'notice.list']))
    const list = d.actions.find((a) => a.name === 'notice.list')!
    expect(list.roles).toEqual(['resident', 'street'])
    expect(list.input).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
    })
  })
})

describe('the router around handlers', () => {
  const boom = action({
    name: 'test.boom',
    summary: '测试：抛出意外错误',
    roles: ['resident'],
    input: z.strictObject({}),
    async run() {
      throw new Error('secret stack detail')
    },
  })
  const refuse = action({
    name: 'test.refuse',
    summary: '测试：业务拒绝',
    roles: ['resident'],
    input: z.strictObject({}),
    async run() {
      throw precondition('议题已关闭，不能再附议')
    },
  })
  const audited = action({
    name: 'test.audited',
    summary: '测试：写审计日志',
    roles: ['committee'],
    input: z.strictObject({ title: z.string() }),
    async run({ audit, input }) {
      await audit({ action: 'test.audited', target: { collection: 'notices', id: 'x' }, before: null, after: input })
      return { done: true }
    },
  })
  const moderated = action({
    name: 'test.moderated',
    summary: '测试：内容安全',
    roles: ['resident'],
    // A text a person writes for others (`text()`): the router has WeChat check it before `run`.
    input: z.strictObject({ text: text(100) }),
    async run() {
      return { stored: true }
    },
  })

  function router(errors: unknown[] = []) {
    const log = { ...silentLogger, error: (_msg: string, fields?: Record<string, unknown>) => void errors.push(fields) }
    return new Router(createServices({ app: t.app, clock: t.clock, wechat: t.wechat, log }), catalogueOf([boom, refuse, audited, moderated]))
  }

  it('turns an unexpected error into INTERNAL with a request id, never the stack', async () => {
    const logged: unknown[] = []
    const res = await router(logged).handle({ action: 'test.boom', communityId: C }, { openid: 'demo-resident' })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('INTERNAL')
    expect(res.error.message).toMatch(/^服务开小差了，请稍后再试（编号 [a-z0-9-]+）$/)
    expect(JSON.stringify(res)).not.toContain('secret')
    expect(logged).toEqual([expect.objectContaining({ action: 'test.boom', error: expect.stringContaining('secret stack detail') })])
    expect(res.error.message).toContain((logged[0] as { requestId: string }).requestId)
  })

  it('passes a business refusal through with its code and message', async () => {
    const res = await router().handle({ action: 'test.refuse', communityId: C }, { openid: 'demo-resident' })
    expect(res).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '议题已关闭，不能再附议' } })
  })

  it('writes the audit log with who (by member id, never the openid), what, before and after', async () => {
    const res = await router().handle({ action: 'test.audited', payload: { title: '新公告' }, communityId: C }, { openid: 'demo-committee' })
    expect(res).toEqual({ ok: true, data: { done: true } })
    const log = (await t.app.database().collection('auditLog').where({ communityId: C, action: 'test.audited' }).get()) as { data: unknown[] }
    expect(log.data).toEqual([
      expect.objectContaining({
        communityId: C,
        actor: membershipId(C, 'demo-committee'),
        action: 'test.audited',
        target: { collection: 'notices', id: 'x' },
        before: null,
        after: { title: '新公告' },
        at: t.clock.now(),
        requestId: expect.any(String),
      }),
    ])
  })

  it('refuses a resident where the committee is required, naming the role', async () => {
    const res = await router().handle({ action: 'test.audited', payload: { title: 'x' }, communityId: C }, { openid: 'demo-resident' })
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要居委会身份才能进行这个操作' } })
  })

  it('rejects text the content check flags, before anything is stored', async () => {
    const res = await router().handle({ action: 'test.moderated', payload: { text: '这里有违禁测试词' }, communityId: C }, { openid: 'demo-resident' })
    expect(res).toEqual({ ok: false, error: { code: 'CONTENT_REJECTED', message: '内容含有不适宜发布的信息，请修改后再试' } })
    const passed = await router().handle({ action: 'test.moderated', payload: { text: '楼道灯坏了' }, communityId: C }, { openid: 'demo-resident' })
    expect(passed).toEqual({ ok: true, data: { stored: true } })
  })
})

describe('timers', () => {
  it('closes the 公示 period of notices whose time has passed, once', async () => {
    // Not a catch-up hour: only the alarm the seeded notice's publication armed makes the sweep look.
    t.clock.set('2026-11-29T03:00:00+08:00')
    // Other jobs run beside it (toMatchObject).
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'notice.closePublicity': { closed: 1 } })
    // Answered, the alarm is silent: the next run does not look.
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'notice.closePublicity': { idle: true } })
    // (the other alarmed sweeps run too, and may publish a newer decision notice)
    const { items } = await t.ok('demo-resident', 'notice.list', { limit: 10 }, C)
    expect(items.find((n: { title: string }) => n.title === '关于 3 号楼电梯加装的议事结果公示')).toMatchObject({ publicityOpen: false })
    t.clock.set('2026-11-23T10:00:00+08:00')
  })

  it('an idle run reads the alarm and nothing else, and every job, those that were hourly too, waits on it', async () => {
    // A run to answer whatever the demo left due; the same moment again then finds nothing.
    t.clock.set('2026-11-23T10:31:00+08:00')
    expect(isCatchUpRun(t.clock.now())).toBe(false)
    await t.api.runTimer('frequent')
    t.emulator.resetStats()
    const out = await t.api.runTimer('frequent')
    expect(t.emulator.stats.requests).toBe(1)
    expect(Object.keys(out).sort()).toEqual(CATALOGUE.timers().map((j) => j.name).sort())
    expect(Object.entries(out).filter(([, r]) => !(r as { idle?: boolean }).idle)).toEqual([])
    t.clock.set(NOW)
  })

  it('a 公示 period ends at the first 10-minute run after it, not before, with no catch-up', async () => {
    const { noticeId, publicUntil } = await t.ok('demo-committee', 'notice.publish', { title: '垃圾分类投放点调整公示', body: '3 号楼旁的投放点移至南门，请居民留意。', category: 'decision', publicDays: 1 }, C)
    const open = async () => (await t.db.collection('notices').doc(noticeId).get()).data[0].publicityOpen as boolean
    t.clock.set(new Date(new Date(publicUntil!).getTime() - 60_000))
    await t.api.runTimer('frequent')
    expect(await open()).toBe(true)
    t.clock.set(new Date(new Date(publicUntil!).getTime() + FREQUENT_MS))
    expect(isCatchUpRun(t.clock.now())).toBe(false)
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'notice.closePublicity': { closed: 1 } })
    expect(await open()).toBe(false)
    t.clock.set(NOW)
  })

  it('ignores a trigger no job listens to', async () => {
    expect(await t.api.runTimer('nobody')).toEqual({})
  })
})
