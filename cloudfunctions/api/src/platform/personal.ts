/**
 * A person's data, wherever it lives: each area that stores personal data registers a
 * source here, so "export my data", leaving a community and deleting the account cover
 * every area without the `me` module knowing them all.
 */
import { loadingAreaRank, needEveryArea } from './areas'
import type { ScopedDb } from './db'
import type { Membership } from './roles'

export interface PersonalDataSource {
  /** the key of this section in the export */
  name: string
  /** the person's own records in one community (`db`, that community's), as they may read them */
  export?(db: ScopedDb, membership: Membership): Promise<unknown>
  /**
   * Erases what of this area would still identify the person once they leave (a place,
   * a household, what was said to them); what they contributed stays, under the
   * anonymous membership. Runs before the membership is anonymised, so a leave
   * interrupted half-way is finished by trying again: it must be safe to repeat.
   */
  forget?(db: ScopedDb, membership: Membership): Promise<void>
}

const sources: Array<{ source: PersonalDataSource; rank: number }> = []

export function registerPersonalData(source: PersonalDataSource) {
  if (!sources.some((s) => s.source.name === source.name)) sources.push({ source, rank: loadingAreaRank() })
}

/** Every area's source, in the registry's order of the areas (every area is loaded first). */
export function personalDataSources(): readonly PersonalDataSource[] {
  needEveryArea()
  return [...sources].sort((a, b) => a.rank - b.rank).map((s) => s.source)
}

export const PRIVACY_POLICY_VERSION = '2026-11' as const
