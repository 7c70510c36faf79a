import type { CheckinRoles } from '../../components/Checkin'
import { fromChina, inChina } from '../../utils/date'

/** At a shift the team lead shows the codes and the volunteers who signed up scan them. */
export const SHIFT_ROLES: CheckinRoles = { organiser: '队长', attendee: '志愿者', signUp: '报名' }

/** The instant of `hhmm` (China time) on the China day of `dayOf`, or null for a malformed time. */
export function onChinaDay(dayOf: string, hhmm: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(hhmm.trim())
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null
  return fromChina(inChina(dayOf).format('YYYY-MM-DD'), `${m[1].padStart(2, '0')}:${m[2]}`).toISOString()
}
