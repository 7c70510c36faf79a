/**
 * Community settings that later areas read, each with a sensible default so a new
 * community works before an admin touches anything.
 */
import { z } from 'zod'
import { name } from './validation'

const perPoints = z.number().int().min(0).max(1000)
const dailyCap = z.number().int().min(1).max(100000)

/** 积分 rules: what taking part earns, and the most each kind earns one member in a day (China time). */
const pointsSchema = z.strictObject({
  /** per hour of volunteer service, counted by the minute between check-in and check-out */
  perServiceHour: perPoints,
  /** per attendance checked in at an activity or a 议事会 */
  perAttendance: perPoints,
  /** per act of deliberation (附议, 发表意见, 投票) */
  perDeliberation: perPoints,
  dailyCap: z.strictObject({ service: dailyCap, attendance: dailyCap, deliberation: dailyCap }),
})

export const settingsSchema = z.strictObject({
  /** co-signs (附议) that turn a matter into a candidate topic */
  cosignThreshold: z.number().int().min(1).max(500),
  /** share of 满意 + 基本满意 below which a finished task reopens */
  satisfactionBar: z.number().min(0.5).max(1),
  /** credited hours for 1–5 stars (national practice 100/300/600/1000/1500) */
  starHours: z
    .array(z.number().int().min(1).max(10000))
    .length(5)
    .refine((h) => h.every((v, i) => i === 0 || v > h[i - 1]), '星级时长须逐级递增'),
  points: pointsSchema,
  /** honour hours (荣誉时长) an organiser may add per volunteer per year */
  honourHoursCapPerYear: z.number().int().min(0).max(1000),
  /** the share of a volunteer shift one must be present for (check-in to check-out) for its hours to count */
  serviceShare: z.number().min(0.1).max(1),
  /** 负责人 printed on the 志愿服务记录证明 (the 居委会's head, as the admin writes it); null: a blank line to sign */
  certificateHead: name(20).nullable(),
})

export type CommunitySettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: CommunitySettings = {
  cosignThreshold: 10,
  satisfactionBar: 0.8,
  starHours: [100, 300, 600, 1000, 1500],
  points: { perServiceHour: 10, perAttendance: 5, perDeliberation: 2, dailyCap: { service: 80, attendance: 20, deliberation: 10 } },
  honourHoursCapPerYear: 20,
  serviceShare: 0.6,
  certificateHead: null,
}

/** What an admin sends to change settings: any field, the points rules field by field too. */
export const settingsPatchSchema = settingsSchema.partial().extend({
  points: pointsSchema.partial().extend({ dailyCap: pointsSchema.shape.dailyCap.partial().optional() }).optional(),
})
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** Stored settings as older versions wrote them: 积分 per attendance was `perActivity`. */
type StoredSettings = Omit<Partial<CommunitySettings>, 'points'> & {
  points?: Partial<Omit<CommunitySettings['points'], 'dailyCap'>> & { perActivity?: number; dailyCap?: Partial<CommunitySettings['points']['dailyCap']> }
}

/** Stored settings (or a change to them) over the defaults, field by field, so new settings get their default. */
export function withDefaults(stored: StoredSettings | undefined, base: CommunitySettings = DEFAULT_SETTINGS): CommunitySettings {
  const { perActivity, dailyCap, ...points } = stored?.points ?? {}
  return {
    ...base,
    ...stored,
    points: {
      ...base.points,
      ...(perActivity !== undefined ? { perAttendance: perActivity } : {}),
      ...points,
      dailyCap: { ...base.points.dailyCap, ...dailyCap },
    },
  }
}
