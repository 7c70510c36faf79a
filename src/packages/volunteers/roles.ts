import type { CheckinRoles } from '../../components/Checkin'

/** At a shift the team lead shows the codes and the volunteers who signed up scan them. */
export const SHIFT_ROLES: CheckinRoles = { organiser: '队长', attendee: '志愿者', signUp: '报名' }

const CHINA_MS = 8 * 3_600_000

/** The China date (YYYY-MM-DD) of an instant, whatever the phone's time zone. */
export const chinaDate = (iso: string) => new Date(new Date(iso).getTime() + CHINA_MS).toISOString().slice(0, 10)

/** HH:mm in China time. */
export const chinaClock = (iso: string) => new Date(new Date(iso).getTime() + CHINA_MS).toISOString().slice(11, 16)

/** The instant of `hhmm` (China time) on the China day of `dayOf`, or null for a malformed time. */
export function onChinaDay(dayOf: string, hhmm: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(hhmm.trim())
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null
  return new Date(`${chinaDate(dayOf)}T${m[1].padStart(2, '0')}:${m[2]}:00+08:00`).toISOString()
}
