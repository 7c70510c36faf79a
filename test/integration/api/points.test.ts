/**
 * 积分: one ledger for every area. A member reads their balance and entries; an
 * admin corrects with a reason (audited, never below zero); the committee reads a
 * member's ledger; a 议事会 check-in credits the community's points per attendance
 * once, to verified residents only; and under a burst of credits and spends at one
 * member the balance stays the sum of the entries and never goes below zero.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES, SEED_MEETINGS } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(120_000)

const C = DEMO_COMMUNITY._id
const RESIDENT = membershipId(C, 'demo-resident')
const M = SEED_MEETINGS.upcoming

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const mine = (openid = 'demo-resident') => t.ok(openid, 'points.mine', {}, C)
const adjust = (amount: number, reason: string, memberId = RESIDENT) => t.call('demo-admin', 'points.adjust', { memberId, amount, reason }, C)
const scanMeeting = async (openid: string, meetingId = M) => {
  const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'meeting', eventId: meetingId }, C)
  return t.ok(openid, 'checkin.scan', { token }, C)
}
/** Every entry of a member, read from the database itself: the oracle the balance must match. */
async function storedEntries(memberId: string) {
  const res = (await t.db.collection('pointEntries').where({ communityId: C, memberId }).limit(1000).get()) as { data: Array<{ amount: number }> }
  return res.data
}

describe('my points', () => {
  it('start at zero with no entries', async () => {
    expect(await mine('demo-newcomer')).toMatchObject({ balance: 0, entries: [] })
  })

  it('refuse input beyond a cursor', async () => {
    expect(await t.call('demo-resident', 'points.mine', { memberId: membershipId(C, 'demo-admin') }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('corrections by an admin', () => {
  it('add and take away with a reason, newest first, audited', async () => {
    expect(await adjust(30, '协助社区消防演练，补记积分')).toMatchObject({ ok: true, data: { status: 'credited', balance: 30 } })
    expect(await adjust(-12, '重复记录，冲正')).toMatchObject({ ok: true, data: { status: 'credited', balance: 18 } })
    const points = await mine()
    expect(points.balance).toBe(18)
    expect(points.entries).toEqual([
      expect.objectContaining({ amount: -12, kind: 'correction', reason: '重复记录，冲正', balanceAfter: 18 }),
      expect.objectContaining({ amount: 30, kind: 'correction', reason: '协助社区消防演练，补记积分', balanceAfter: 30 }),
    ])
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'points.adjust' }).get()) as { data: Array<{ reason?: string; after: { balance: number } }> }
    expect(audit.data.map((a) => [a.reason, a.after.balance]).sort()).toEqual([
      ['协助社区消防演练，补记积分', 30],
      ['重复记录，冲正', 18],
    ])
  })

  it('count a resubmitted correction (same member, amount and reason, same day) once', async () => {
    await adjust(10, '帮忙搬运防汛物资')
    expect(await adjust(10, '帮忙搬运防汛物资')).toMatchObject({ ok: true, data: { status: 'already', balance: 10 } })
    expect((await mine()).entries).toHaveLength(1)
  })

  it('never take the balance below zero, and say how much there is', async () => {
    await adjust(5, '补记上周服务')
    expect(await adjust(-6, '扣减测试')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/积分不足.*5 分/) } })
    expect((await mine()).balance).toBe(5)
  })

  it('need a reason, a whole non-zero amount, an admin, and a member of this community', async () => {
    expect(await t.call('demo-admin', 'points.adjust', { memberId: RESIDENT, amount: 5 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await adjust(5, '')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await adjust(0, '没有变化')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await adjust(1.5, '半分')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call('demo-committee', 'points.adjust', { memberId: RESIDENT, amount: 5, reason: '委员想加分' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await adjust(5, '别的社区的居民', membershipId(OTHER_COMMUNITY._id, 'demo-other'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await adjust(5, '街道账号', membershipId(C, 'demo-street'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await storedEntries(RESIDENT)).toEqual([])
  })
})

describe("the committee's view of a member's ledger", () => {
  it('shows the balance and entries, to the committee only', async () => {
    await adjust(8, '清理楼道杂物')
    const ledger = await t.ok('demo-committee', 'points.ledger', { memberId: RESIDENT }, C)
    expect(ledger).toMatchObject({ memberId: RESIDENT, balance: 8, entries: [expect.objectContaining({ amount: 8, reason: '清理楼道杂物', by: membershipId(C, 'demo-admin') })] })
    expect(ledger.name).toContain('*')
    expect(JSON.stringify(ledger)).not.toMatch(/openid|demo-resident|demo-admin"/)
    expect(await t.call('demo-volunteer', 'points.ledger', { memberId: RESIDENT }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('议事会 attendance', () => {
  it('credits the configured points once to a verified resident who checks in', async () => {
    expect(await scanMeeting('demo-resident')).toMatchObject({ status: 'credited', points: 5 })
    expect(await scanMeeting('demo-resident')).toMatchObject({ status: 'already', points: 0 })
    const points = await mine()
    expect(points.balance).toBe(5)
    expect(points.entries).toEqual([expect.objectContaining({ amount: 5, kind: 'attendance', label: expect.stringContaining('议事会') })])
  })

  it('credits what the admin configured', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { points: { perAttendance: 12 } } }, C)
    await scanMeeting('demo-volunteer')
    expect((await mine('demo-volunteer')).balance).toBe(12)
  })

  it('records an unverified walk-in as such: present, listed for the committee, not counted or credited', async () => {
    expect(await scanMeeting('demo-newcomer')).toMatchObject({ status: 'walkIn', points: 0 })
    expect(await mine('demo-newcomer')).toMatchObject({ balance: 0, entries: [] })
    expect((await t.ok('demo-resident', 'council.meeting.get', { meetingId: M }, C)).attended).toBe(0)
    const list = await t.ok('demo-committee', 'checkin.attendees', { kind: 'meeting', eventId: M }, C)
    expect(list.items).toEqual([expect.objectContaining({ memberId: membershipId(C, 'demo-newcomer'), walkIn: true })])
    // The organiser scanning or marking the walk-in by hand does not credit them either.
    const personal = await t.ok('demo-newcomer', 'checkin.personalCode', {}, C)
    expect(await t.ok('demo-committee', 'checkin.scanAttendee', { kind: 'meeting', eventId: M, token: personal.token }, C)).toMatchObject({ status: 'already' })
    expect(await storedEntries(membershipId(C, 'demo-newcomer'))).toEqual([])
  })

  it('credits a resident the organiser marks by hand, once', async () => {
    const memberId = membershipId(C, 'demo-neighbour-05')
    const before = (await t.ok('demo-committee', 'points.ledger', { memberId }, C)).balance
    await t.ok('demo-committee', 'checkin.mark', { kind: 'meeting', eventId: M, memberId }, C)
    await t.ok('demo-admin', 'checkin.mark', { kind: 'meeting', eventId: M, memberId }, C)
    expect((await t.ok('demo-committee', 'points.ledger', { memberId }, C)).balance).toBe(before + 5)
  })

  it('stops crediting attendance at the daily cap', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { points: { perAttendance: 5, dailyCap: { attendance: 8 } } } }, C)
    const second = await t.ok('demo-committee', 'council.meeting.schedule', {
      title: '临时议事会',
      startAt: '2026-11-23T11:00:00+08:00',
      endAt: '2026-11-23T12:00:00+08:00',
      place: '社区活动室',
      capacity: 10,
      topicIds: [`${SEED_ISSUES.bikeShed}:topic`],
    }, C)
    expect(await scanMeeting('demo-resident')).toMatchObject({ status: 'credited', points: 5 })
    // The scan tells what the rule gives; the cap is applied when the credit is paid, and 我的积分 shows what landed.
    expect(await scanMeeting('demo-resident', second.meetingId)).toMatchObject({ status: 'credited', points: 5 })
    const points = await mine()
    expect(points.balance).toBe(8)
    expect(points.entries.map((e) => e.amount)).toEqual([3, 5])
  })
})

it('keeps balance = sum of entries ≥ 0 under 200 parallel credits and spends at one member', async () => {
  await adjust(50, '初始积分')
  // Ten admins at once, each within the hourly allowance of texts a person may send for checking, retries included.
  const admins = ['demo-admin', ...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `demo-neighbour-${n}`)]
  for (const openid of admins.slice(1)) await t.ok('demo-admin', 'member.grantRole', { memberId: membershipId(C, openid), role: 'admin' }, C)
  // A transaction that keeps losing the race gives up after its time budget with a retryable CONFLICT
  // (「请稍后再试」); the admin sends the same correction again, which is still one entry.
  const as = async (i: number, amount: number, reason: string) => {
    for (let attempt = 1; ; attempt++) {
      const res = await t.call(admins[i % admins.length], 'points.adjust', { memberId: RESIDENT, amount, reason }, C)
      if (res.ok || res.error.code !== 'CONFLICT' || attempt === 10) return res
    }
  }
  const calls = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? as(i, 7, `补记服务 ${i}`) : as(i, -9, `兑换物品 ${i}`)))
  const results = await Promise.all(calls)
  const failures = results.filter((r) => !r.ok)
  for (const f of failures) expect(f).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('积分不足') } })
  const entries = await storedEntries(RESIDENT)
  const sum = entries.reduce((s, e) => s + e.amount, 0)
  expect(entries).toHaveLength(1 + results.filter((r) => r.ok).length)
  const { balance } = await mine()
  expect(balance).toBe(sum)
  expect(balance).toBeGreaterThanOrEqual(0)
  const credits = results.filter((r, i) => r.ok && i % 2 === 0).length
  expect(credits).toBe(100)
  // Two hundred transactions at one document retry until each lands: slow on a busy shared machine, so a longer allowance.
}, 300_000)
