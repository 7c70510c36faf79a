import { period, periodsOf, previousOf } from '../../cloudfunctions/api/src/modules/stats/period'

const before = (from: string, to: string) => {
  const p = previousOf(period(from, to))
  return `${p.from} ${p.to}`
}

describe('较上期: the period a statistics page compares with', () => {
  it('a whole month or quarter: the same number of whole months before', () => {
    expect(before('2026-11-01', '2026-11-30')).toBe('2026-10-01 2026-10-31')
    expect(before('2026-10-01', '2026-12-31')).toBe('2026-07-01 2026-09-30')
    expect(before('2026-01-01', '2026-01-31')).toBe('2025-12-01 2025-12-31')
  })

  it('a month so far: the same days of the month before, cut at its end (环比同期), not the days just before', () => {
    expect(before('2026-12-01', '2026-12-01')).toBe('2026-11-01 2026-11-01')
    expect(before('2026-12-01', '2026-12-15')).toBe('2026-11-01 2026-11-15')
    expect(before('2027-03-01', '2027-03-30')).toBe('2027-02-01 2027-02-28')
    expect(before('2026-10-01', '2026-12-01')).toBe('2026-07-01 2026-09-01')
    // 本月 asked for on the 1st: the server's default period too
    expect(periodsOf({}, new Date('2026-11-30T18:40:00Z')).previous).toMatchObject({ from: '2026-11-01', to: '2026-11-01' })
  })

  it('any other span: as many days just before it', () => {
    expect(before('2026-12-05', '2026-12-09')).toBe('2026-11-30 2026-12-04')
  })
})
