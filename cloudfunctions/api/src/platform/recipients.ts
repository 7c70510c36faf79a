/** Who hears of something, by member id (platform/notify reads an openid only to push). */
import type { ScopedDb } from './db'
import type { Membership } from './roles'

/** The committee's members, to tell them something needs their decision. */
export async function committeeMembers(db: ScopedDb): Promise<string[]> {
  const rows = await db.collection<Membership>('memberships').find({ roles: 'committee' }, { limit: 100, fields: { status: true } })
  return rows.filter((m) => m.status !== 'left').map((m) => m._id)
}

/** The building leads who look after `buildingId`, to tell them of a new neighbour waiting to be verified. */
export async function buildingLeadsOf(db: ScopedDb, buildingId: string): Promise<string[]> {
  const rows = await db.collection<Membership>('memberships').find({ roles: 'buildingLead' }, { limit: 200, fields: { status: true, buildingIds: true } })
  return rows.filter((m) => m.status !== 'left' && (m.buildingIds ?? []).includes(buildingId)).map((m) => m._id)
}
