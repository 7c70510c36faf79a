import { percentages } from './percent'

describe('percentages that add up to 100', () => {
  it('gives the leftover points to the largest remainders', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33])
    expect(percentages([2, 1])).toEqual([67, 33])
    expect(percentages([6, 1, 1])).toEqual([75, 13, 12])
    expect(percentages([1, 2, 3, 4, 5, 6, 7])).toEqual([4, 7, 11, 14, 18, 21, 25])
  })

  it('keeps exact shares, zeros and an empty count as they are', () => {
    expect(percentages([1, 1])).toEqual([50, 50])
    expect(percentages([0, 5, 0])).toEqual([0, 100, 0])
    expect(percentages([0, 0])).toEqual([0, 0])
    expect(percentages([])).toEqual([])
  })

  it('always sums to 100 when anyone voted', () => {
    for (let seed = 1; seed < 500; seed++) {
      const counts = Array.from({ length: (seed % 6) + 2 }, (_, i) => (seed * (i + 7) * 31) % 97)
      if (counts.every((n) => n === 0)) continue
      const shares = percentages(counts)
      expect(shares.reduce((a, b) => a + b, 0)).toBe(100)
      shares.forEach((s, i) => expect(Math.abs(s - (counts[i] * 100) / counts.reduce((a, b) => a + b, 0))).toBeLessThan(1))
    }
  })
})
