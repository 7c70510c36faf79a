/**
 * 活动: community activities from posting to attendance, with a waitlist that stays
 * fair under any race (model.ts says how), check-in through the shared QR check-in
 * (kind `activity`), reminders, and an .xlsx export for the organisers.
 */
import { attendActions } from './attend'
import { organiseActions } from './organise'
import { residentActions } from './signup'
import { activityTimers } from './timers'

export const actions = [...residentActions, ...organiseActions, ...attendActions] as const
export const timers = [...activityTimers] as const
