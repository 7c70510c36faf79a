import type { ActionOutput } from '../../api'
import type { CheckinRoles } from '../../components/Checkin'

export type ActivityDetail = ActionOutput<'activity.get'>
export type CustomField = ActivityDetail['fields'][number]
export type RegistrationList = ActionOutput<'activity.registrations'>
export type RegistrationRow = RegistrationList['registered'][number]

/** Who is who at an activity's check-in: its organiser shows the code, residents who signed up come. */
export const ACTIVITY_ROLES: CheckinRoles = { organiser: '组织者', attendee: '居民', signUp: '报名' }

export const activityEvent = (activityId: string) => ({ kind: 'activity', eventId: activityId })
