/** Check-in codes: signed, naming the event, good for their 30-second window and the next one only. */
import { checkinSecret, issueToken, signClaim, verifyToken, WINDOW_MS, DEV_CHECKIN_SECRET } from '../../cloudfunctions/api/src/platform/checkin'

const SECRET = 'test-secret'
const T0 = new Date('2026-11-23T02:00:10Z') // 10 s into a window
const event = { t: 'e' as const, c: 'c_lujiang', k: 'meeting', e: 'c_lujiang:meeting-1' }
const later = (ms: number) => new Date(T0.getTime() + ms)
const code = (err: unknown) => (err as { code?: string }).code

describe('check-in tokens', () => {
  it('names the event and is accepted in its window and the next', () => {
    const { token } = issueToken(event, T0, SECRET)
    expect(verifyToken(token, T0, SECRET)).toMatchObject({ ...event })
    expect(verifyToken(token, later(WINDOW_MS), SECRET)).toMatchObject({ e: event.e })
  })

  it('tells the display when to refresh and until when the code is taken', () => {
    const issued = issueToken(event, T0, SECRET)
    expect(issued.refreshInMs).toBe(20_000)
    expect(issued.expiresAt).toBe(new Date(T0.getTime() - 10_000 + 2 * WINDOW_MS).toISOString())
  })

  it('refuses an expired code (two windows on) with a message saying so', () => {
    const { token } = issueToken(event, T0, SECRET)
    expect(() => verifyToken(token, later(2 * WINDOW_MS), SECRET)).toThrow(/已过期/)
    try {
      verifyToken(token, later(2 * WINDOW_MS), SECRET)
    } catch (err) {
      expect(code(err)).toBe('FAILED_PRECONDITION')
    }
  })

  it('refuses a code from the future (a window not yet begun)', () => {
    const token = signClaim({ ...event, w: Math.floor(T0.getTime() / WINDOW_MS) + 1 }, SECRET)
    expect(() => verifyToken(token, T0, SECRET)).toThrow(/无效/)
  })

  it('refuses forged codes: another secret, an edited claim, garbage', () => {
    const { token } = issueToken(event, T0, SECRET)
    expect(() => verifyToken(token, T0, 'another-secret')).toThrow(/篡改/)
    const [, sig] = token.split('.')
    const edited = Buffer.from(JSON.stringify({ ...event, e: 'c_lujiang:meeting-2', w: Math.floor(T0.getTime() / WINDOW_MS) })).toString('base64url')
    expect(() => verifyToken(`${edited}.${sig}`, T0, SECRET)).toThrow(/篡改/)
    expect(() => verifyToken('hello', T0, SECRET)).toThrow(/不是本系统的签到码/)
    expect(() => verifyToken('a.b.c', T0, SECRET)).toThrow(/不是本系统的签到码/)
  })

  it('signs personal codes the same way, distinguishable from event codes', () => {
    const { token } = issueToken({ t: 'p', c: 'c_lujiang', m: 'c_lujiang:m-1' }, T0, SECRET)
    expect(verifyToken(token, T0, SECRET)).toMatchObject({ t: 'p', m: 'c_lujiang:m-1' })
  })

  it('uses CHECKIN_SECRET, the development default only locally, and fails closed in CloudBase without one', () => {
    expect(checkinSecret({ CHECKIN_SECRET: 'a-production-secret-of-32-bytes!' })).toBe('a-production-secret-of-32-bytes!')
    expect(checkinSecret({})).toBe(DEV_CHECKIN_SECRET)
    expect(() => checkinSecret({ TENCENTCLOUD_RUNENV: 'SCF' })).toThrow(/CHECKIN_SECRET/)
  })
})
