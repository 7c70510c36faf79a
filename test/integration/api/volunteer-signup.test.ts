/**
 * A shift's seats: one conditional update takes a seat and records its holder, so
 * hundreds of volunteers signing up and cancelling at once never take more seats
 * than the shift has, nobody holds two, and the seats taken are exactly the
 * holders listed. Cancelling closes at the shift's cut-off; only volunteers sign up.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { neighbours } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { C, HOUR, LEAD, MINUTE, teamWithShift } from '../../helpers/volunteer'

jest.setTimeout(180_000)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const VOLUNTEERS = neighbours().map((n) => n.openid)

async function makeVolunteers() {
  for (const openid of VOLUNTEERS) await t.ok('demo-admin', 'member.grantRole', { memberId: membershipId(C, openid), role: 'volunteer' }, C)
}

it('gives exactly 5 seats, to 5 different volunteers, when every volunteer fires 10 sign-ups at once', async () => {
  await makeVolunteers()
  const { shiftId } = await teamWithShift(t, { capacity: 5, startInMinutes: 24 * 60 })
  const calls = VOLUNTEERS.flatMap((v) => Array.from({ length: 10 }, () => () => t.call(v, 'volunteer.shift.signup', { shiftId }, C)))
  expect(calls.length).toBeGreaterThanOrEqual(250)
  const answers = await Promise.all(calls.map((c) => c()))
  const outcomes = new Set(answers.map((a) => (a.ok ? a.data.status : `${a.error.code}:${a.error.message}`)))
  expect(outcomes).toEqual(new Set(['signedUp', 'already', 'FAILED_PRECONDITION:名额已满']))
  const signedUp = answers.filter((a) => a.ok && a.data.status === 'signedUp')
  expect(signedUp).toHaveLength(5)
  const s = await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C)
  expect(s).toMatchObject({ capacity: 5, seatsLeft: 0, signedUp: 5 })
  const roster = await t.ok(LEAD, 'volunteer.shift.roster', { shiftId }, C)
  expect(new Set(roster.items.map((i) => i.memberId)).size).toBe(5)
})

it('keeps seats equal to holders while volunteers sign up and cancel at once, round after round', async () => {
  await makeVolunteers()
  const { shiftId } = await teamWithShift(t, { capacity: 3, startInMinutes: 24 * 60 })
  for (let round = 0; round < 3; round++) {
    const calls = VOLUNTEERS.flatMap((v) => [0, 1, 2].flatMap(() => [() => t.call(v, 'volunteer.shift.signup', { shiftId }, C), () => t.call(v, 'volunteer.shift.cancelSignup', { shiftId }, C)]))
    const answers = await Promise.all(calls.map((c) => c()))
    for (const a of answers) expect(a.ok || a.error.message === '名额已满').toBe(true)
    const s = await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C)
    const roster = await t.ok(LEAD, 'volunteer.shift.roster', { shiftId }, C)
    const holders = roster.items.filter((i) => i.signedUp).length
    expect({ round, taken: s.capacity - s.seatsLeft, signedUp: s.signedUp }).toEqual({ round, taken: holders, signedUp: holders })
    expect(holders).toBeLessThanOrEqual(3)
  }
})

it('lets a volunteer cancel before the cut-off only, and refuses sign-ups after the start and by non-volunteers', async () => {
  const { shiftId } = await teamWithShift(t, { capacity: 2, startInMinutes: 3 * 60 })
  expect(await t.call('demo-resident', 'volunteer.shift.signup', { shiftId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await t.ok('demo-volunteer', 'volunteer.shift.signup', { shiftId }, C)).toMatchObject({ status: 'signedUp' })
  expect(await t.ok('demo-volunteer', 'volunteer.shift.signup', { shiftId }, C)).toMatchObject({ status: 'already' })
  expect(await t.ok('demo-volunteer', 'volunteer.shift.cancelSignup', { shiftId }, C)).toMatchObject({ status: 'cancelled' })
  await t.ok('demo-volunteer', 'volunteer.shift.signup', { shiftId }, C)
  t.clock.advance(HOUR + MINUTE)
  expect(await t.call('demo-volunteer', 'volunteer.shift.cancelSignup', { shiftId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('截止') } })
  expect((await t.ok('demo-volunteer', 'volunteer.shift.mine', {}, C)).items).toEqual(expect.arrayContaining([expect.objectContaining({ id: shiftId, signedUpByMe: true })]))
  t.clock.advance(2 * HOUR)
  await t.ok('demo-admin', 'member.grantRole', { memberId: membershipId(C, 'demo-resident'), role: 'volunteer' }, C)
  expect(await t.call('demo-resident', 'volunteer.shift.signup', { shiftId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已开始') } })
})
