import type { ActionOutput } from '../../api/types'
import { fromChina, inChina } from '../../utils/date'

export type Overview = ActionOutput<'stats.overview'>
export type CommunityStats = Overview['communities'][number]
export type Figure = number | '<5' | null
export interface Compared {
  value: Figure
  previous: Figure
}

/** A figure as it reads: 「<5」 for a group too small to show, 「—」 for nothing to measure. */
export function showFigure(f: Figure, unit = ''): string {
  if (f === null) return '—'
  if (f === '<5') return '<5'
  return `${f}${unit}`
}

/** 较上期: the change, in the figure's own unit (a rate's change is in points, 个百分点). */
export function showChange(c: Compared, unit = ''): string | null {
  if (typeof c.value !== 'number' || typeof c.previous !== 'number') return null
  const d = Math.round((c.value - c.previous) * 10) / 10
  if (d === 0) return '与上期持平'
  return `较上期 ${d > 0 ? '+' : ''}${d}${unit === '%' ? ' 个百分点' : unit}`
}

/** A figure for a chart: a group too small to show is a gap, not a zero. */
export const plot = (f: Figure) => (typeof f === 'number' ? f : null)

export type PeriodChoice = 'month' | 'lastMonth' | 'quarter' | 'custom'

/** The China-time days of a period choice, for stats.overview. */
export function periodRange(choice: Exclude<PeriodChoice, 'custom'>, nowMs: number): { from: string; to: string } {
  const today = inChina(nowMs)
  if (choice === 'month') return { from: today.startOf('month').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
  if (choice === 'lastMonth') {
    const last = fromChina(today.startOf('month').format('YYYY-MM-DD')).subtract(1, 'day')
    return { from: last.startOf('month').format('YYYY-MM-DD'), to: last.format('YYYY-MM-DD') }
  }
  const q = Math.floor(today.month() / 3) * 3
  const start = today.month(q).startOf('month')
  return { from: start.format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
}

/** 11月 — a trend's month as an axis label. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`
