/**
 * Records after the scan: star levels by credited hours under the community's
 * thresholds (awarded in order, never lowered by spending points); honour hours
 * added by a lead, capped at the shift's length, confirmed by a second person and
 * never counted as credited hours; records final 10 working days after the shift,
 * with leads reminded to settle open check-ins before then, and changed afterwards
 * only by a correction the organiser accepts.
 */
import { startTestApi, type TestApi } from '../../helpers/api'
import { C, freshVolunteer, HOUR, LEAD, MINUTE, shift, teamWithShift } from '../../helpers/volunteer'

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

/** Serves `minutes` of a shift that starts now-ish: check in at its start, out after. */
async function serve(shiftId: string, minutes: number) {
  const s = await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C)
  t.clock.set(s.startAt)
  await t.ok(V, 'checkin.scan', { token: await code(shiftId) }, C)
  t.clock.advance(minutes * MINUTE)
  return t.ok(V, 'checkin.scan', { token: await code(shiftId, 'out') }, C)
}

describe('star levels', () => {
  it('awards stars in order under the small-community preset, and spending points lowers neither hours nor stars', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { starHours: [1, 2, 3, 4, 5] } }, C)
    const { projectId, shiftId } = await teamWithShift(t, { lengthMinutes: 180 })
    await serve(shiftId, 150)
    let mine = await t.ok(V, 'volunteer.record.mine', {}, C)
    expect(mine).toMatchObject({ creditedHours: 2.5, star: 2, nextStar: { level: 3, hours: 3 }, thresholds: [1, 2, 3, 4, 5] })
    expect(mine.starAwards.map((a) => a.level)).toEqual([1, 2])
    const second = await shift(t, projectId, { startInMinutes: 24 * 60, lengthMinutes: 120 })
    await serve(second, 120)
    mine = await t.ok(V, 'volunteer.record.mine', {}, C)
    expect(mine).toMatchObject({ creditedHours: 4.5, star: 4, nextStar: { level: 5, hours: 5 } })
    expect(mine.starAwards.map((a) => a.level)).toEqual([1, 2, 3, 4])
    const balance = (await t.ok(V, 'points.mine', {}, C)).balance
    expect(balance).toBe(45)
    await t.ok('demo-admin', 'points.adjust', { memberId: memberId, amount: -balance, reason: '兑换爱心超市物品' }, C)
    expect(await t.ok(V, 'volunteer.record.mine', {}, C)).toMatchObject({ creditedHours: 4.5, star: 4 })
  })

  it('uses the national thresholds by default', async () => {
    const { shiftId } = await teamWithShift(t)
    await serve(shiftId, 120)
    expect(await t.ok(V, 'volunteer.record.mine', {}, C)).toMatchObject({ creditedHours: 2, star: 0, nextStar: { level: 1, hours: 100 }, thresholds: [100, 300, 600, 1000, 1500] })
  })
})

describe('honour hours', () => {
  it('are added by a lead within the shift’s length, confirmed by a second person, and kept apart from credited hours and stars', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { starHours: [1, 2, 3, 4, 5] } }, C)
    const { shiftId } = await teamWithShift(t)
    t.clock.advance(3 * HOUR)
    expect(await t.call(LEAD, 'volunteer.honour.add', { shiftId, memberId, minutes: 121, reason: '协助老人就医，无法扫码' }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('不能超过') } })
    expect(await t.call(V, 'volunteer.honour.add', { shiftId, memberId, minutes: 60, reason: '我自己加' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const { honourId } = await t.ok(LEAD, 'volunteer.honour.add', { shiftId, memberId, minutes: 90, reason: '协助老人就医，无法扫码' }, C)
    expect(await t.call(LEAD, 'volunteer.honour.add', { shiftId, memberId, minutes: 30, reason: '再加一次' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    // Not yet confirmed: nothing counts.
    expect(await t.ok(V, 'volunteer.record.mine', {}, C)).toMatchObject({ honourHours: 0, creditedHours: 0 })
    const pending = await t.ok('demo-committee', 'volunteer.honour.pending', {}, C)
    expect(pending.items.filter((h) => h.honourId === honourId)).toEqual([expect.objectContaining({ minutes: 90, name: '黄*明', canConfirm: true })])
    expect(await t.ok('demo-committee', 'volunteer.honour.confirm', { honourId, approve: true }, C)).toMatchObject({ status: 'confirmed' })
    expect(await t.ok(V, 'volunteer.record.mine', {}, C)).toMatchObject({ honourHours: 1.5, creditedHours: 0, star: 0 })
    expect((await t.ok(V, 'points.mine', {}, C)).balance).toBe(0)
    const audit = await t.db.collection('auditLog').where({ communityId: C, action: t.db.command.in(['volunteer.honour.add', 'volunteer.honour.confirm']) }).get()
    expect(audit.data).toHaveLength(2)
  })

  it('cannot be confirmed by the person who added them', async () => {
    const { shiftId } = await teamWithShift(t)
    t.clock.advance(3 * HOUR)
    const { honourId } = await t.ok('demo-committee', 'volunteer.honour.add', { shiftId, memberId: memberId, minutes: 60, reason: '活动现场无网络' }, C)
    expect((await t.ok('demo-committee', 'volunteer.honour.pending', {}, C)).items.filter((h) => h.honourId === honourId)).toEqual([expect.objectContaining({ canConfirm: false })])
    expect(await t.call('demo-committee', 'volunteer.honour.confirm', { honourId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('另一位') } })
    expect(await t.call(LEAD, 'volunteer.honour.confirm', { honourId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.ok('demo-admin', 'volunteer.honour.confirm', { honourId, approve: false, reason: '请补充现场照片' }, C)).toMatchObject({ status: 'declined' })
    expect(await t.ok(V, 'volunteer.record.mine', {}, C)).toMatchObject({ honourHours: 0 })
  })

  it('stop at the community’s yearly cap', async () => {
    await t.ok('demo-admin', 'community.settings.update', { settings: { honourHoursCapPerYear: 2 } }, C)
    const { projectId, shiftId } = await teamWithShift(t)
    const second = await shift(t, projectId, { startInMinutes: 61 })
    t.clock.advance(4 * HOUR)
    const a = await t.ok(LEAD, 'volunteer.honour.add', { shiftId, memberId, minutes: 90, reason: '协助就医' }, C)
    const b = await t.ok(LEAD, 'volunteer.honour.add', { shiftId: second, memberId, minutes: 60, reason: '协助就医' }, C)
    await t.ok('demo-committee', 'volunteer.honour.confirm', { honourId: a.honourId, approve: true }, C)
    expect(await t.call('demo-committee', 'volunteer.honour.confirm', { honourId: b.honourId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('上限') } })
  })
})

describe('final records and corrections', () => {
  it('reminds the lead of an open check-in 7 working days on, refuses settling after 10, and corrects only through a request the organiser answers', async () => {
    const { shiftId } = await teamWithShift(t)
    const s = await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C)
    t.clock.set(s.startAt)
    await t.ok(V, 'checkin.scan', { token: await code(shiftId) }, C)
    // The shift is on Monday 11-23: once its 7th working day after (Wednesday 12-02) is over, three remain.
    t.clock.set('2026-12-03T09:00:00+08:00')
    const reminders = async () => (await t.ok(LEAD, 'message.list', {}, C)).items.filter((m) => m.kind === 'volunteer.settle' && m.id.endsWith(shiftId))
    await t.api.runTimer('frequent')
    expect(await reminders()).toEqual([expect.objectContaining({ title: '有志愿者签到后未签退', body: expect.stringContaining('1 人未签退，请在 12月8日 00:00 记录定稿前结算') })])
    await t.api.runTimer('frequent')
    expect(await reminders()).toHaveLength(1)
    // The 10th working day after Monday 11-23 is Monday 12-07; from 12-08 00:00 the records are final.
    t.clock.set('2026-12-08T00:00:01+08:00')
    expect(await t.call(LEAD, 'volunteer.record.settle', { shiftId, memberId, leftAt: new Date(new Date(s.startAt).getTime() + 100 * MINUTE).toISOString(), reason: '补结算' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('定稿') } })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).records).toEqual([expect.objectContaining({ status: 'open', final: true, creditedMinutes: 0 })])

    const { correctionId } = await t.ok(V, 'volunteer.record.correct', { shiftId, request: '那天服务了 100 分钟，忘记签退了' }, C)
    expect(await t.call(V, 'volunteer.record.correct', { shiftId, request: '再问一次可以吗' }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect((await t.ok(LEAD, 'volunteer.record.corrections', {}, C)).items.filter((c) => c.shiftId === shiftId)).toEqual([expect.objectContaining({ correctionId, minutesBefore: 0, maxMinutes: 120 })])
    expect((await t.ok('demo-lead3', 'volunteer.record.corrections', {}, C)).items).toEqual([])
    expect(await t.call(V, 'volunteer.record.answer', { correctionId, accept: true, minutes: 120, answer: '同意' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call(LEAD, 'volunteer.record.answer', { correctionId, accept: true, minutes: 121, answer: '同意' }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.ok(LEAD, 'volunteer.record.answer', { correctionId, accept: true, minutes: 100, answer: '核对签到表，确认服务 100 分钟' }, C)).toMatchObject({ status: 'accepted' })
    const mine = await t.ok(V, 'volunteer.record.mine', {}, C)
    expect(mine).toMatchObject({ creditedHours: 1.67 })
    expect(mine.records).toEqual([expect.objectContaining({ status: 'credited', creditedMinutes: 100, correction: expect.objectContaining({ status: 'accepted' }) })])
    const points = await t.ok(V, 'points.mine', {}, C)
    expect(points).toMatchObject({ balance: 16, entries: [expect.objectContaining({ kind: 'correction', amount: 16 })] })
    expect((await t.ok(V, 'message.list', {}, C)).items[0]).toMatchObject({ title: '服务记录已更正' })
    // Answered once: a second answer changes nothing.
    expect(await t.ok(LEAD, 'volunteer.record.answer', { correctionId, accept: true, minutes: 120, answer: '再改' }, C)).toMatchObject({ status: 'accepted' })
    expect((await t.ok(V, 'volunteer.record.mine', {}, C)).creditedHours).toBe(1.67)
  })
})
