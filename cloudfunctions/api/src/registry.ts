/**
 * Every action and timer job the `api` function serves: each module's own lists,
 * concatenated. A new area exports `actions` (and `timers`) from its index.ts and
 * is added here once.
 */
import * as system from './modules/system'
import * as me from './modules/me'
import * as community from './modules/community'
import * as member from './modules/member'
import * as street from './modules/street'
import * as notice from './modules/notice'
import * as message from './modules/message'
import * as subscription from './modules/subscription'
// Before council: the order of imports is the order of the sections in a person's data export.
import * as checkin from './modules/checkin'
import * as council from './modules/council'
import * as points from './modules/points'
import * as volunteer from './modules/volunteer'
import * as mall from './modules/mall'
import * as wish from './modules/wish'
import * as award from './modules/award'
import * as activity from './modules/activity'
import * as audit from './modules/audit'
import * as exporting from './modules/export'
import * as home from './modules/home'
import * as stats from './modules/stats'
import * as share from './modules/share'

export const ALL_ACTIONS = [
  ...system.actions,
  ...me.actions,
  ...community.actions,
  ...member.actions,
  ...street.actions,
  ...notice.actions,
  ...message.actions,
  ...subscription.actions,
  ...council.actions,
  ...checkin.actions,
  ...points.actions,
  ...volunteer.actions,
  ...mall.actions,
  ...wish.actions,
  ...award.actions,
  ...activity.actions,
  ...audit.actions,
  ...exporting.actions,
  ...home.actions,
  ...stats.actions,
  ...share.actions,
] as const

export const TIMER_JOBS = [...notice.timers, ...checkin.timers, ...council.timers, ...volunteer.timers, ...wish.timers, ...award.timers, ...activity.timers] as const
