/**
 * The content check fails closed (security issue, item 4). Only a clean pass from
 * WeChat's msgSecCheck publishes a text: a risky or doubtful verdict, an error code
 * (61010, 40003, -1, quota), a timeout, a network failure or an answer that makes no
 * sense refuses it with a Chinese message, after a bounded retry where retrying can
 * help. Texts longer than WeChat's 2,500 characters are checked in parts that each
 * pass. Every text an action stores is checked, and the checks a person can trigger
 * are rate-limited so nobody burns the app's quota. The failures come from the local
 * WeChat port answering as WeChat does, through the production code path.
 */
import { TEXT_CHECK_MAX_CHARS } from '../../../cloudfunctions/api/src/platform/moderation'
import { RATE } from '../../../cloudfunctions/api/src/platform/ratelimit'
import { allActions } from '../../../cloudfunctions/api/src/registry'
import type { Role } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { SEED_TASKS } from '../../../local/seed/decisions'
import type { TextCheckFault } from '../../../local/wechat'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'
import { SAMPLES } from '../../helpers/samples'
import { moderatedFields, withValueAt } from '../../helpers/schema'

const ALL_ACTIONS = allActions()

const C = DEMO_COMMUNITY._id
const CHINESE = /[\u4e00-\u9fa5]/

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const ISSUE = { title: '单元门禁经常失灵', body: '3号楼 1 单元门禁刷卡经常没反应，老人进出不方便。', category: 'facility' }
const raise = (extra: Record<string, unknown> = {}) => t.call('demo-resident', 'council.issue.create', { ...ISSUE, ...extra }, C)
const stored = async () => (await t.ok('demo-resident', 'council.issue.list', { mine: true }, C)).items.filter((i) => i.title === ISSUE.title)
const requestsFor = (needle: string) => t.wechat.textChecks().filter((c) => c.content.includes(needle))

describe('an answer other than a clean pass', () => {
  const cases: Array<[string, TextCheckFault, string]> = [
    ['a risky verdict', 'risky', 'CONTENT_REJECTED'],
    ['a verdict asking for human review', 'review', 'CONTENT_REJECTED'],
    ['61010 (WeChat has not seen the user lately)', 61010, 'FAILED_PRECONDITION'],
    ['40003 (an openid WeChat does not know)', 40003, 'FAILED_PRECONDITION'],
    ['-1 (system error), every time', -1, 'FAILED_PRECONDITION'],
    ['45009 (the app’s quota is used up)', 45009, 'RATE_LIMITED'],
    ['a timeout, every time', 'timeout', 'FAILED_PRECONDITION'],
    ['a network failure, every time', 'network', 'FAILED_PRECONDITION'],
    ['an answer without a verdict', 'malformed', 'FAILED_PRECONDITION'],
    ['a CloudBase error answered instead of WeChat’s', 'cloudbase', 'FAILED_PRECONDITION'],
  ]
  it.each(cases)('refuses the text on %s, telling why in Chinese and storing nothing', async (_what, fault, code) => {
    t.wechat.failTextChecks(fault)
    t.emulator.resetStats()
    const res = await raise()
    expect(res).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(CHINESE) } })
    expect(await stored()).toEqual([])
    expect(dataWrites(t)).toBe(0)
    // Retrying is bounded: a check that keeps failing is asked at most three times.
    expect(requestsFor(ISSUE.body).length).toBeGreaterThanOrEqual(1)
    expect(requestsFor(ISSUE.body).length).toBeLessThanOrEqual(3)
  })

  it('retries what may pass on a second try (a timeout, a system error) and then publishes', async () => {
    t.wechat.failTextChecks('timeout', 1)
    expect(await raise()).toMatchObject({ ok: true })
    expect(requestsFor(ISSUE.body)).toHaveLength(2)

    t.wechat.failTextChecks(-1, 2)
    expect(await t.call('demo-resident', 'council.comment.add', { topicId: `${SEED_ISSUES.squareDance}:topic`, text: '同意，晚上 9 点后请小声些。' }, C)).toMatchObject({ ok: true })
    expect(requestsFor('晚上 9 点后请小声些')).toHaveLength(3)
  })

  it('does not retry what a retry cannot mend (a risky verdict, an unknown user, the quota)', async () => {
    for (const fault of ['risky', 61010, 45009] as const) {
      t.wechat.failTextChecks(fault)
      const before = requestsFor(ISSUE.body).length
      expect(await raise()).toMatchObject({ ok: false })
      expect(requestsFor(ISSUE.body).length - before).toBe(1)
    }
  })
})

describe('a photo WeChat will not take for checking', () => {
  it.each([
    [-1, 'FAILED_PRECONDITION'],
    ['timeout', 'FAILED_PRECONDITION'],
    [45009, 'RATE_LIMITED'],
    [61010, 'FAILED_PRECONDITION'],
  ] as const)('(%s) refuses the post with a Chinese message, not an internal error, and stores nothing', async (fault, code) => {
    const photo = await t.upload('demo-resident', '楼道照片')
    t.wechat.failMediaChecks(fault)
    expect(await raise({ photos: [photo] })).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(CHINESE) } })
    expect(await stored()).toEqual([])
  })
})

describe('a text longer than WeChat takes at once', () => {
  const long = (at: number, word = '') => {
    const filler = '小区自行车棚顶棚改造方案：更换阳光板，加装照明和充电设施，费用由公共收益列支。'
    let s = ''
    while (s.length < 3990) s += filler
    s = s.slice(0, 3990)
    return word ? s.slice(0, at) + word + s.slice(at, 3990 - word.length) : s
  }
  const publish = (body: string) => t.call('demo-committee', 'notice.publish', { title: '自行车棚改造方案公示', body, category: 'decision', publicDays: 3 }, C)

  it('is checked in parts of at most 2,500 characters, each of which must pass', async () => {
    expect(TEXT_CHECK_MAX_CHARS).toBe(2500)
    expect(await publish(long(0))).toMatchObject({ ok: true })
    const parts = t.wechat.textChecks()
    expect(parts.length).toBeGreaterThanOrEqual(2)
    for (const p of parts) expect([...p.content].length).toBeLessThanOrEqual(2500)

    // A risky word past the first 2,500 characters, which WeChat alone would never see.
    expect(await publish(long(3200, '违禁测试词'))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    // …and one that straddles the border between two parts.
    expect(await publish(long(2497, '违禁测试词'))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    const notices = (await t.ok('demo-resident', 'notice.list', { limit: 50 }, C)).items.filter((i) => i.title === '自行车棚改造方案公示')
    expect(notices).toHaveLength(1)
  })
})

/** A member holding the role, for calling an action as someone it admits. */
const PERSONA: Record<Role, string | null> = {
  public: null,
  user: 'demo-visitor',
  resident: 'demo-resident',
  verified: 'demo-resident',
  volunteer: 'demo-volunteer',
  buildingLead: 'demo-lead3',
  committee: 'demo-committee',
  admin: 'demo-admin',
  street: 'demo-street',
}

/** Samples whose optional parts hold checked texts too: those parts in full, so each of their texts can be tried. */
const FULLER: Record<string, unknown> = {
  'wish.create': { ...(SAMPLES['wish.create'] as object), onBehalf: { name: '王伯', buildingId: `${C}:b3`, consent: 'spoken', consentNote: '入户探访时本人同意' } },
}

describe('every stored text', () => {
  it('is checked, in every action: a risky word in any text field is refused', async () => {
    const unchecked: string[] = []
    let fields = 0
    for (const def of ALL_ACTIONS) {
      const caller = def.roles.map((r) => PERSONA[r]).find((p): p is string => !!p)
      if (!caller) continue
      for (const field of moderatedFields(def.input)) {
        fields++
        const risky = `违禁测试词${'好'.repeat(Math.max(0, field.min - 5))}`.slice(0, field.max)
        const payload = withValueAt(FULLER[def.name] ?? SAMPLES[def.name], field.path, risky, field.arrayMin)
        const res = await t.call(caller, def.name as never, payload as never, C)
        if (res.ok || res.error.code !== 'CONTENT_REJECTED') unchecked.push(`${def.name} ${field.path.join('.')}: ${res.ok ? 'ok' : res.error.code}`)
      }
    }
    expect(unchecked).toEqual([])
    // The walk found the texts people write (a guard against a walk that finds nothing).
    expect(fields).toBeGreaterThanOrEqual(30)
  })

  it('includes an approval’s optional reason, not only a refusal’s', async () => {
    const res = await t.call('demo-committee', 'member.verify', { memberId: `${C}:m-nobody`, approve: true, reason: '违禁测试词' }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
  })
})

describe('rate limits on what triggers a check', () => {
  it('refuses a person’s checks past the limit with RATE_LIMITED, without asking WeChat; others are unaffected', async () => {
    const { max, windowMs } = RATE.contentCheck
    const results = await Promise.all(Array.from({ length: max + 40 }, (_, i) => t.call('demo-resident', 'me.updateProfile', { nickname: `小雨${i}` }, C)))
    const passed = results.filter((r) => r.ok).length
    const limited = results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')
    expect(passed).toBe(max)
    expect(limited).toHaveLength(40)
    expect(limited[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(CHINESE) } })
    expect(t.wechat.textChecks().filter((c) => c.content.startsWith('小雨'))).toHaveLength(max)

    expect(await t.call('demo-volunteer', 'me.updateProfile', { nickname: '阿华' }, C)).toMatchObject({ ok: true })
    t.clock.advance(windowMs)
    expect(await t.call('demo-resident', 'me.updateProfile', { nickname: '小雨' }, C)).toMatchObject({ ok: true })
  })

  it('counts photos submitted to the image check too', async () => {
    const photosPerDay = RATE.photoCheck.max
    const photos = await Promise.all(Array.from({ length: 9 }, (_, i) => t.upload('demo-committee', `进度照片${i}`)))
    let refused: unknown = null
    let posts = 0
    while (!refused && posts * 9 <= photosPerDay) {
      // The test clock stands still unless moved; each post is a moment later than the last.
      t.clock.advance(1000)
      const res = await t.call('demo-committee', 'council.task.update', { taskId: SEED_TASKS.westGateLights, text: `第 ${posts + 1} 次进度：路灯安装中`, photos, progress: 60 }, C)
      if (res.ok) posts++
      else refused = res
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(CHINESE) } })
    expect(posts).toBe(Math.floor(photosPerDay / 9))
    expect(t.wechat.mediaChecks().length).toBe(posts * 9)
  })
})
