/**
 * A person's data, wherever it lives: each area that stores personal data registers a
 * source here, so "export my data" and "delete my account" cover every area without
 * the `me` module knowing them all.
 */
import type { ScopedDb } from './db'
import type { Membership } from './roles'

export interface PersonalDataSource {
  /** the key of this section in the export */
  name: string
  /** the person's own records in one community (`db`, that community's), as they may read them */
  export(db: ScopedDb, membership: Membership): Promise<unknown>
}

const sources: PersonalDataSource[] = []

export function registerPersonalData(source: PersonalDataSource) {
  if (!sources.some((s) => s.name === source.name)) sources.push(source)
}

export function personalDataSources(): readonly PersonalDataSource[] {
  return sources
}

export const PRIVACY_POLICY_VERSION = '2026-11' as const
