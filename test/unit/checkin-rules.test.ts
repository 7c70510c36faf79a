/** What a check-in code says about direction, and how minutes of attendance are counted. */
import { attendedMinutes, issueToken, verifyToken } from '../../cloudfunctions/api/src/platform/checkin'

const SECRET = 'test-secret'
const T0 = new Date('2026-11-23T02:00:10Z')
const event = { t: 'e' as const, c: 'c_lujiang', k: 'drill', e: 'c_lujiang:drill-1' }

describe('direction', () => {
  it('is carried, signed, by the organiser’s code: in unless it says out', () => {
    expect(verifyToken(issueToken(event, T0, SECRET).token, T0, SECRET)).toMatchObject({ t: 'e', d: 'in' })
    expect(verifyToken(issueToken({ ...event, d: 'out', l: 120 }, T0, SECRET).token, T0, SECRET)).toMatchObject({ d: 'out', l: 120 })
  })

  it('cannot be flipped without breaking the signature', () => {
    const { token } = issueToken({ ...event, d: 'out', l: 120 }, T0, SECRET)
    const [payload, sig] = token.split('.')
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const flipped = Buffer.from(JSON.stringify({ ...claim, d: 'in' })).toString('base64url')
    expect(() => verifyToken(`${flipped}.${sig}`, T0, SECRET)).toThrow(/篡改/)
  })
})

describe('attended minutes', () => {
  const at = (min: number) => new Date(T0.getTime() + min * 60_000)
  it('are whole minutes between check-in and check-out', () => {
    expect(attendedMinutes(T0, at(95.9), 120)).toBe(95)
  })
  it('are capped at the event’s length', () => {
    expect(attendedMinutes(T0, at(500), 120)).toBe(120)
  })
  it('are never negative', () => {
    expect(attendedMinutes(at(5), T0, 120)).toBe(0)
  })
})
