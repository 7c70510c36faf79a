/**
 * 首页 and 我参与的: what waits for a person today (home.today) and everything they
 * have taken part in, kind by kind (home.participation, sources.ts). Both read the
 * caller's own records only and write nothing.
 */
import { participation } from './participation'
import { today } from './today'

export const actions = [today, participation] as const
export const timers = [] as const
