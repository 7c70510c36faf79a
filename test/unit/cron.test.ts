import { firesBetween, parseCron } from '../../local/gateway/cron'

describe('timer trigger schedules (7-field CloudBase cron)', () => {
  it('every minute fires at second 0 only', () => {
    const m = parseCron('0 * * * * * *')
    expect(m(new Date(2026, 10, 23, 12, 5, 0))).toBe(true)
    expect(m(new Date(2026, 10, 23, 12, 5, 1))).toBe(false)
  })
  it('hourly fires at minute 0 second 0', () => {
    const m = parseCron('0 0 * * * * *')
    expect(m(new Date(2026, 10, 23, 13, 0, 0))).toBe(true)
    expect(m(new Date(2026, 10, 23, 13, 1, 0))).toBe(false)
  })
  it('supports steps, ranges and lists', () => {
    const m = parseCron('*/15 0 8-10 * * 1,3 *')
    expect(m(new Date(2026, 10, 23, 9, 0, 30))).toBe(true) // a Monday
    expect(m(new Date(2026, 10, 24, 9, 0, 30))).toBe(false) // Tuesday
    expect(m(new Date(2026, 10, 23, 11, 0, 30))).toBe(false)
    expect(m(new Date(2026, 10, 23, 9, 0, 20))).toBe(false)
  })
  it('refuses an expression without 7 fields', () => {
    expect(() => parseCron('* * * * *')).toThrow(/7 fields/)
  })
})

describe('a timer after the clock moved', () => {
  const minutely = parseCron('0 * * * * * *')
  const hourly = parseCron('0 0 * * * * *')
  const at = (h: number, m: number, s: number, day = 23) => new Date(2026, 10, day, h, m, s)

  it('fires when its time falls in the second just passed, and not before', () => {
    expect(firesBetween(minutely, at(12, 4, 59), at(12, 5, 0))).toBe(true)
    expect(firesBetween(minutely, at(12, 5, 0), at(12, 5, 1))).toBe(false)
    expect(firesBetween(hourly, at(12, 5, 0), at(12, 59, 59))).toBe(false)
  })

  it('fires once for a jump of days, whatever it skipped', () => {
    expect(firesBetween(hourly, at(12, 5, 0), at(12, 5, 0, 25))).toBe(true)
    expect(firesBetween(parseCron('0 0 3 * * * *'), at(4, 0, 0), at(2, 0, 0, 29))).toBe(true)
  })

  it('fires nothing when the clock goes back', () => {
    expect(firesBetween(minutely, at(12, 5, 0, 25), at(12, 5, 0))).toBe(false)
  })
})
