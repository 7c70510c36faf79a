/**
 * Community settings that later areas read, each with a sensible default so a new
 * community works before an admin touches anything.
 */
import { z } from 'zod'

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
  points: z.strictObject({
    perServiceHour: z.number().int().min(0).max(1000),
    perActivity: z.number().int().min(0).max(1000),
    perDeliberation: z.number().int().min(0).max(1000),
  }),
  /** honour hours (荣誉时长) an organiser may add per volunteer per year */
  honourHoursCapPerYear: z.number().int().min(0).max(1000),
})

export type CommunitySettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: CommunitySettings = {
  cosignThreshold: 10,
  satisfactionBar: 0.8,
  starHours: [100, 300, 600, 1000, 1500],
  points: { perServiceHour: 10, perActivity: 5, perDeliberation: 2 },
  honourHoursCapPerYear: 20,
}

/** Stored settings over the defaults, field by field, so new settings get their default. */
export function withDefaults(stored: Partial<CommunitySettings> | undefined): CommunitySettings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    points: { ...DEFAULT_SETTINGS.points, ...stored?.points },
  }
}
