/**
 * 志愿服务 hours: only the minutes between scanning the lead's check-in code and
 * check-out code count, capped at the shift's length, and only for a stay of at
 * least the community's share of the shift (default 60 %). Nothing a volunteer
 * can send adds hours: a check-out without a check-in, a code of another shift,
 * an expired or forged code, a second check-in.
 */
import { startTestApi, type TestApi } from '../../helpers/api'
import { C, freshVolunteer, LEAD, MINUTE, shift, teamWithShift } from '../../helpers/volunteer'

jest.setTimeout(120_000)

let t: TestApi
/** a volunteer the demo data gave nothing */
let V: string
let memberId: string
beforeEach(async () => {
  t = await startTestApi()
  ;({ openid: V, memberId } = await freshVolunteer(t))
})
afterEach(() => t.close())

const code = async (shiftId: string, direction: 'in' | 'out' = 'in') => (await t.ok(LEAD, 'checkin.token', { kind: 'shift', eventId: shiftId, direction }, C)).token
const scan = (openid: string, token: string, extra: Record<string, unknown> = {}) => t.call(openid, 'checkin.scan', { token, ...extra }, C)

async function started() {
  const ids = await teamWithShift(t)
  await t.ok(V, 'volunteer.shift.signup', { shiftId: ids.shiftId }, C)
  t.clock.advance(60 * MINUTE)
  return ids
}

it('credits 1.5 h for 90 minutes of a 2-hour shift, with service points, and shows it in 我的志愿', async () => {
  const { shiftId } = await started()
  expect(await scan(V, await code(shiftId))).toMatchObject({ ok: true, data: { status: 'checkedIn', kind: 'shift', label: '志愿服务' } })
  t.clock.advance(90 * MINUTE)
  expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: true, data: { status: 'checkedOut', minutes: 90, creditedMinutes: 90, points: 15 } })
  const mine = await t.ok(V, 'volunteer.record.mine', {}, C)
  expect(mine).toMatchObject({ creditedHours: 1.5, honourHours: 0, star: 0, nextStar: { level: 1, hours: 100 } })
  expect(mine.records).toEqual([
    expect.objectContaining({ shiftId, project: '关爱独居老人', place: '鹭江社区服务中心', content: '上门探访、陪伴聊天', status: 'credited', creditedMinutes: 90, creditedHours: 1.5, final: false }),
  ])
  expect((await t.ok(V, 'points.mine', {}, C)).balance).toBe(15)
})

it('credits nothing for 30 minutes of a 2-hour shift: present for less than 60 %', async () => {
  const { shiftId } = await started()
  await scan(V, await code(shiftId))
  t.clock.advance(30 * MINUTE)
  expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: true, data: { status: 'checkedOut', minutes: 30, creditedMinutes: 0, points: 0 } })
  const mine = await t.ok(V, 'volunteer.record.mine', {}, C)
  expect(mine.creditedHours).toBe(0)
  expect(mine.records).toEqual([expect.objectContaining({ shiftId, status: 'short', minutes: 30, creditedMinutes: 0 })])
  expect((await t.ok(V, 'points.mine', {}, C)).balance).toBe(0)
})

it('follows the community’s share: at 25 % the 30 minutes count', async () => {
  await t.ok('demo-admin', 'community.settings.update', { settings: { serviceShare: 0.25 } }, C)
  const { shiftId } = await started()
  await scan(V, await code(shiftId))
  t.clock.advance(30 * MINUTE)
  expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: true, data: { creditedMinutes: 30 } })
})

it('caps the hours at the shift’s length', async () => {
  const { shiftId } = await started()
  await scan(V, await code(shiftId))
  t.clock.advance(150 * MINUTE)
  expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: true, data: { minutes: 120, creditedMinutes: 120, points: 20 } })
})

describe('what never adds hours', () => {
  it('refuses a check-out without a check-in', async () => {
    const { shiftId } = await started()
    expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('还没有签到') } })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).records).toEqual([])
  })

  it('refuses a code of another shift: checking out there finds no check-in, and a scan from this shift’s page is refused outright', async () => {
    const { shiftId, projectId } = await started()
    const other = await shift(t, projectId, { startInMinutes: 5, place: '3号楼架空层' })
    await scan(V, await code(shiftId))
    t.clock.advance(90 * MINUTE)
    expect(await scan(V, await code(other, 'out'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('还没有签到') } })
    expect(await scan(V, await code(other, 'out'), { expect: { kind: 'shift', eventId: shiftId } })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('另一场') } })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).creditedHours).toBe(0)
  })

  it('refuses an expired code and a forged one', async () => {
    const { shiftId } = await started()
    const old = await code(shiftId)
    t.clock.advance(61_000)
    expect(await scan(V, old)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('过期') } })
    const [payload, sig] = (await code(shiftId)).split('.')
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const forged = `${Buffer.from(JSON.stringify({ ...claim, d: 'out', l: 720 })).toString('base64url')}.${sig}`
    expect(await scan(V, forged)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('无效') } })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).records).toEqual([])
  })

  it('answers a second check-in, before or after the check-out, with 已签到 and no more hours', async () => {
    const { shiftId } = await started()
    await scan(V, await code(shiftId))
    t.clock.advance(20 * MINUTE)
    expect(await scan(V, await code(shiftId))).toMatchObject({ ok: true, data: { status: 'already' } })
    t.clock.advance(70 * MINUTE)
    await scan(V, await code(shiftId, 'out'))
    t.clock.advance(10 * MINUTE)
    expect(await scan(V, await code(shiftId))).toMatchObject({ ok: true, data: { status: 'already' } })
    expect(await scan(V, await code(shiftId, 'out'))).toMatchObject({ ok: true, data: { status: 'already', points: 0 } })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).creditedHours).toBe(1.5)
    expect((await t.ok(V, 'points.mine', {}, C)).balance).toBe(15)
  })

  it('credits one check-in and one check-out when a volunteer’s phone sends 100 scans of each at once', async () => {
    const { shiftId } = await started()
    const inCode = await code(shiftId)
    const ins = await Promise.all(Array.from({ length: 100 }, () => scan(V, inCode)))
    expect(ins.filter((r) => !r.ok)).toEqual([])
    expect(ins.filter((r) => r.ok && r.data.status === 'checkedIn')).toHaveLength(1)
    t.clock.advance(90 * MINUTE)
    const outCode = await code(shiftId, 'out')
    const outs = await Promise.all(Array.from({ length: 100 }, () => scan(V, outCode)))
    expect(outs.filter((r) => !r.ok)).toEqual([])
    expect(outs.filter((r) => r.ok && r.data.status === 'checkedOut')).toHaveLength(1)
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).creditedHours).toBe(1.5)
    expect((await t.ok(V, 'points.mine', {}, C)).entries).toHaveLength(1)
    expect((await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C))).toMatchObject({ attended: 1 })
  })
})

describe('the lead', () => {
  it('is the one who shows the codes: a volunteer or another team’s lead cannot', async () => {
    const { shiftId } = await teamWithShift(t)
    t.clock.advance(60 * MINUTE)
    expect(await t.call(V, 'checkin.token', { kind: 'shift', eventId: shiftId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-lead3', 'checkin.token', { kind: 'shift', eventId: shiftId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-committee', 'checkin.token', { kind: 'shift', eventId: shiftId }, C)).toMatchObject({ ok: true })
  })

  it('marks by hand only with a reason, and the audit log has it', async () => {
    const { shiftId } = await started()
    expect(await t.call(LEAD, 'checkin.mark', { kind: 'shift', eventId: shiftId, memberId }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('原因') } })
    expect(await t.call(LEAD, 'checkin.mark', { kind: 'shift', eventId: shiftId, memberId, reason: '老人手机没电，队长现场登记' }, C)).toMatchObject({ ok: true, data: { status: 'checkedIn' } })
    const audit = await t.db.collection('auditLog').where({ communityId: C, action: 'checkin.mark' }).get()
    expect(audit.data).toEqual([expect.objectContaining({ reason: '老人手机没电，队长现场登记' })])
  })

  it('settles a check-in left without a check-out (audited, with a reason) — never credited by itself', async () => {
    const { shiftId } = await started()
    await scan(V, await code(shiftId))
    const inAt = t.clock.now().getTime()
    t.clock.advance(5 * 60 * MINUTE)
    const roster = await t.ok(LEAD, 'volunteer.shift.roster', { shiftId }, C)
    expect(roster.items).toEqual([expect.objectContaining({ memberId, open: true, creditedMinutes: null })])
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).records).toEqual([expect.objectContaining({ status: 'open', creditedMinutes: 0 })])
    expect(await t.call(V, 'volunteer.record.settle', { shiftId, memberId, leftAt: new Date(inAt + 100 * MINUTE).toISOString(), reason: '我忘了签退' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.ok(LEAD, 'volunteer.record.settle', { shiftId, memberId, leftAt: new Date(inAt + 100 * MINUTE).toISOString(), reason: '服务结束时手机没电，未能签退' }, C)).toMatchObject({ status: 'settled', minutes: 100, creditedMinutes: 100 })
    expect(await t.ok(LEAD, 'volunteer.record.settle', { shiftId, memberId, absent: true, reason: '重复提交' }, C)).toMatchObject({ status: 'already', creditedMinutes: 100 })
    const audit = await t.db.collection('auditLog').where({ communityId: C, action: 'volunteer.record.settle' }).get()
    expect(audit.data).toEqual([expect.objectContaining({ reason: '服务结束时手机没电，未能签退' })])
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).creditedHours).toBeCloseTo(1.67, 2)
  })

  it('settles a no-show as 未计时长', async () => {
    const { shiftId } = await started()
    await scan(V, await code(shiftId))
    t.clock.advance(3 * 60 * MINUTE)
    expect(await t.ok(LEAD, 'volunteer.record.settle', { shiftId, memberId, absent: true, reason: '签到后即离开，未参加服务' }, C)).toMatchObject({ status: 'settled', creditedMinutes: 0 })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).records).toEqual([expect.objectContaining({ status: 'absent', creditedMinutes: 0 })])
  })
})
