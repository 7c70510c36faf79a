/**
 * Small-number privacy: a figure about fewer than five people could point at one of
 * them (the one volunteer of a project, the two raters of a month), so no figure
 * describes a group of one to four people. A count of such a group shows 「<5」, and
 * so does a sum or a rate taken over it; a breakdown folds its small groups into
 * 「其他」, which shows 「<5」 itself when even together they stay fewer than five.
 * Zero names nobody and stays zero.
 */
export const FEW = 5
export const SMALL = '<5' as const

/** A figure about people: a number, 「<5」 when its group is too small, null when there is nothing to measure. */
export type Figure = number | typeof SMALL | null

/** A count of people. */
export const people = (n: number): Figure => (n > 0 && n < FEW ? SMALL : n)

/** A value measured over `group` people (a sum, a rate): shown only for five or more. */
export const over = (group: number, value: number | null): Figure => (group > 0 && group < FEW ? SMALL : value)

export interface Part {
  label: string
  /** distinct people in it */
  people: number
  value: number
}

export interface ShownPart {
  label: string
  people: Figure
  value: Figure
}

export const OTHER = '其他'

/**
 * A breakdown, largest first, with every group of fewer than five people folded into
 * 「其他」. `union` counts the distinct people of the folded groups together (one
 * person may be in several), which decides whether 「其他」 itself may show.
 */
export function foldSmall(parts: readonly Part[], union: (labels: string[]) => number): ShownPart[] {
  const big = parts.filter((p) => p.people >= FEW).sort((a, b) => b.value - a.value)
  const small = parts.filter((p) => p.people > 0 && p.people < FEW)
  const shown: ShownPart[] = big.map((p) => ({ label: p.label, people: p.people, value: p.value }))
  if (small.length > 0) {
    const n = union(small.map((p) => p.label))
    shown.push({ label: OTHER, people: people(n), value: over(n, round1(small.reduce((s, p) => s + p.value, 0))) })
  }
  return shown
}

export const round1 = (x: number) => Math.round(x * 10) / 10
/** A share in percent with one decimal; null for nothing to divide by. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? round1((part * 100) / whole) : null)
