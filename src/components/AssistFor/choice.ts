import type { AssistMethod } from '../../../cloudfunctions/api/src/platform/labels'
import { now } from '../../api/clock'

const DAY = 86_400_000

/** Whom a building lead acts for, and how and when that resident agreed (platform/assist.ts records it). */
export interface AssistChoice {
  memberId: string | null
  name: string | null
  method: AssistMethod | null
  /** when the resident agreed (ISO); now by default, up to 30 days back */
  at: string
  note: string
}

export const emptyChoice = (): AssistChoice => ({ memberId: null, name: null, method: null, at: new Date(now()).toISOString(), note: '' })

/** What is still missing before the lead may act, in words; null when nothing is. The server checks the same again. */
export function assistProblem(c: AssistChoice): string | null {
  if (!c.memberId) return '请先选择为哪位居民代办'
  if (!c.method) return '请选择本人如何同意'
  const at = new Date(c.at).getTime()
  if (at > now() + 60_000) return '同意的时间不能晚于现在'
  if (at < now() - 30 * DAY) return '本人的同意已超过 30 天，请重新征得同意'
  return null
}

/** The `memberId` and `consent` every 代办 action takes (a time picked a minute ahead counts as now). */
export function assistInput(c: AssistChoice) {
  return {
    memberId: c.memberId!,
    consent: { method: c.method!, at: new Date(Math.min(new Date(c.at).getTime(), now())).toISOString(), ...(c.note.trim() ? { note: c.note.trim() } : {}) },
  }
}
