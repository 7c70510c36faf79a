/**
 * Per-user allowances (platform/ratelimit): exact under parallel callers, reset by the
 * next window, one person's use never spends another's, and declared on actions so the
 * router refuses before anything runs.
 */
import { CrossCommunityDb } from '../../../cloudfunctions/api/src/platform/db'
import { RATE, takeRate, type RateRule } from '../../../cloudfunctions/api/src/platform/ratelimit'
import { startTestApi, type TestApi } from '../../helpers/api'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const rule: RateRule = { bucket: 'test', max: 50, windowMs: 3_600_000, message: '太频繁了' }

async function burst(subject: string, n: number) {
  const settled = await Promise.allSettled(Array.from({ length: n }, () => takeRate(new CrossCommunityDb(t.db), rule, subject, t.clock.now())))
  const passed = settled.filter((s) => s.status === 'fulfilled').length
  const refused = settled.filter((s) => s.status === 'rejected' && (s.reason as { code?: string }).code === 'RATE_LIMITED').length
  return { passed, refused, other: n - passed - refused }
}

test('300 parallel calls against an allowance of 50 pass exactly 50; the next window allows 50 again', async () => {
  expect(await burst('alice', 300)).toEqual({ passed: 50, refused: 250, other: 0 })
  // Another person's allowance is their own.
  expect(await burst('bob', 60)).toEqual({ passed: 50, refused: 10, other: 0 })
  t.clock.advance(rule.windowMs)
  expect(await burst('alice', 120)).toEqual({ passed: 50, refused: 70, other: 0 })
})

test('community.lookup: guessing invite codes stops at the hourly allowance with a Chinese message', async () => {
  const guesser = 'rate-guesser'
  const max = RATE.communityLookup.max
  for (let i = 0; i < max; i++) {
    const res = await t.call(guesser, 'community.lookup', { inviteCode: `ZZ${String(i).padStart(4, '0')}` })
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND')
  }
  const refused = await t.call(guesser, 'community.lookup', { inviteCode: 'LJ2026' })
  expect(refused).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: RATE.communityLookup.message } })
  // Other people are unaffected, and the next window allows again.
  expect((await t.call('rate-someone-else', 'community.lookup', { inviteCode: 'LJ2026' })).ok).toBe(true)
  t.clock.advance(RATE.communityLookup.windowMs)
  expect((await t.call(guesser, 'community.lookup', { inviteCode: 'LJ2026' })).ok).toBe(true)
})

test('invalid input is not counted against the allowance', async () => {
  const caller = 'rate-typo'
  for (let i = 0; i < RATE.communityLookup.max + 5; i++) {
    const res = await t.call(caller, 'community.lookup', { inviteCode: '' })
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_ARGUMENT')
  }
  expect((await t.call(caller, 'community.lookup', { inviteCode: 'LJ2026' })).ok).toBe(true)
})
