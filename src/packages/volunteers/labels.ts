// The 志愿服务 words the server defines (platform/labels), and what only the
// screen adds: tag tones and the options of a picker.
import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  correctionStatusLabel,
  honourStatusLabel,
  recordStatusLabel,
  serviceCategoryLabel,
  volunteerStatusLabel,
  type ServiceCategory,
} from '../../../cloudfunctions/api/src/platform/labels'
import { formatDay } from '../../utils/date'

export { correctionStatusLabel, honourStatusLabel, recordStatusLabel, serviceCategoryLabel, volunteerStatusLabel, type ServiceCategory }

export type Tone = 'brand' | 'warning' | 'danger' | 'neutral'

export const SERVICE_CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((value) => ({ value, label: SERVICE_CATEGORY_LABELS[value], id: `category-${value}` }))

const TONES: Record<string, Tone> = {
  pending: 'warning',
  open: 'warning',
  approved: 'brand',
  credited: 'brand',
  confirmed: 'brand',
  accepted: 'brand',
  declined: 'danger',
  short: 'neutral',
  absent: 'neutral',
}
export const statusTone = (status: string): Tone => TONES[status] ?? 'neutral'

/** Hours as a volunteer reads them: 1.5 小时, 12 小时. */
export const hoursText = (hours: number) => `${Math.round(hours * 100) / 100} 小时`

/** The last day before a shift's records are final: the server names the instant after it (24:00). */
export const finalDay = (finalAt: string) => formatDay(new Date(new Date(finalAt).getTime() - 60_000).toISOString())

/** ★★☆☆☆ for a level out of five. */
export const starGlyphs = (level: number, of = 5) => '★'.repeat(level) + '☆'.repeat(Math.max(0, of - level))
