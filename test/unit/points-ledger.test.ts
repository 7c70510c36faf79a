/** The ledger's arithmetic: balances never below zero, earning capped per China day, an expiry takes what is there. */
import { chinaDay, entryId, servicePoints, settle, type BalanceState, type DailyCaps } from '../../cloudfunctions/api/src/platform/points'

const CAPS: DailyCaps = { service: 80, attendance: 20, deliberation: 10 }
const AT = new Date('2026-11-23T02:00:00Z') // 10:00 in China
const state = (balance: number, earned: BalanceState['earned'] = {}, day = '2026-11-23'): BalanceState => ({ balance, entries: 3, day, earned })

describe('settle', () => {
  it('credits into an empty ledger and counts what the kind earned today', () => {
    expect(settle(null, { amount: 5, kind: 'attendance', at: AT }, CAPS)).toEqual({
      ok: true,
      amount: 5,
      capped: false,
      next: { balance: 5, entries: 1, day: '2026-11-23', earned: { attendance: 5 } },
    })
  })

  it('grants what is left of a daily cap, then nothing, and starts afresh the next China day', () => {
    expect(settle(state(40, { deliberation: 8 }), { amount: 5, kind: 'deliberation', at: AT }, CAPS)).toMatchObject({ ok: true, amount: 2, capped: true, next: { balance: 42, earned: { deliberation: 10 } } })
    expect(settle(state(40, { deliberation: 10 }), { amount: 5, kind: 'deliberation', at: AT }, CAPS)).toMatchObject({ ok: true, amount: 0, capped: true, next: { balance: 40, entries: 3 } })
    // 2026-11-24 00:30 in China: a new day, though still the 23rd in UTC.
    const nextDay = new Date('2026-11-23T16:30:00Z')
    expect(settle(state(40, { deliberation: 10 }), { amount: 5, kind: 'deliberation', at: nextDay }, CAPS)).toMatchObject({ ok: true, amount: 5, capped: false, next: { day: '2026-11-24', earned: { deliberation: 5 } } })
  })

  it('caps each earning kind on its own, and never caps a correction', () => {
    expect(settle(state(0, { attendance: 20 }), { amount: 30, kind: 'service', at: AT }, CAPS)).toMatchObject({ amount: 30, next: { earned: { attendance: 20, service: 30 } } })
    expect(settle(state(0, { attendance: 20 }), { amount: 500, kind: 'correction', at: AT }, CAPS)).toMatchObject({ amount: 500, capped: false, next: { balance: 500, earned: { attendance: 20 } } })
  })

  it('refuses a spend or a negative correction that would go below zero, and allows one to exactly zero', () => {
    expect(settle(state(10), { amount: -11, kind: 'redemption', at: AT }, CAPS)).toEqual({ ok: false, balance: 10 })
    expect(settle(null, { amount: -1, kind: 'correction', at: AT }, CAPS)).toEqual({ ok: false, balance: 0 })
    expect(settle(state(10), { amount: -10, kind: 'redemption', at: AT }, CAPS)).toMatchObject({ ok: true, amount: -10, next: { balance: 0, entries: 4 } })
  })

  it('lets an expiry take at most the balance', () => {
    expect(settle(state(7), { amount: -20, kind: 'expiry', at: AT }, CAPS)).toMatchObject({ ok: true, amount: -7, capped: true, next: { balance: 0 } })
  })

  it('rejects amounts no caller may post: zero, fractions, negative earnings, positive redemptions', () => {
    expect(() => settle(null, { amount: 0, kind: 'correction', at: AT }, CAPS)).toThrow()
    expect(() => settle(null, { amount: 1.5, kind: 'correction', at: AT }, CAPS)).toThrow()
    expect(() => settle(null, { amount: -5, kind: 'attendance', at: AT }, CAPS)).toThrow()
    expect(() => settle(null, { amount: 5, kind: 'redemption', at: AT }, CAPS)).toThrow()
  })
})

describe('sources and days', () => {
  it('derives one entry id per source and member, inside the member’s community', () => {
    const m = 'c_lujiang:m-1'
    expect(entryId(m, 'checkin:meeting:x')).toBe(entryId(m, 'checkin:meeting:x'))
    expect(entryId(m, 'checkin:meeting:x')).not.toBe(entryId(m, 'checkin:meeting:y'))
    expect(entryId(m, 'checkin:meeting:x')).not.toBe(entryId('c_lujiang:m-2', 'checkin:meeting:x'))
    expect(entryId(m, 'x'.repeat(500)).startsWith('c_lujiang:m-1:pt-')).toBe(true)
    expect(entryId(m, 'x'.repeat(500)).length).toBeLessThan(64)
  })

  it('counts days in China Standard Time', () => {
    expect(chinaDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23')
    expect(chinaDay(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24')
  })

  it('pays service by the minute served, rounded down to a whole point', () => {
    expect(servicePoints(60, 10)).toBe(10)
    expect(servicePoints(95, 10)).toBe(15)
    expect(servicePoints(5, 10)).toBe(0)
    expect(servicePoints(-3, 10)).toBe(0)
  })
})
