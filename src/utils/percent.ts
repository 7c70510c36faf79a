/**
 * Whole percentages of a total that add up to exactly 100 (largest remainder):
 * 1/1/1 of 3 reads 34 % · 33 % · 33 %, never 33 · 33 · 33, so residents adding up
 * a result see it is complete. Ties in the remainder go to the earlier option. An
 * empty count (nobody voted) is 0 everywhere.
 */
export function percentages(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0)
  if (total <= 0) return counts.map(() => 0)
  const exact = counts.map((n) => (n * 100) / total)
  const shares = exact.map(Math.floor)
  let left = 100 - shares.reduce((sum, n) => sum + n, 0)
  const byRemainder = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of byRemainder) {
    if (left <= 0) break
    shares[i]++
    left--
  }
  return shares
}
