/** Who hears of something, by member id (platform/notify reads an openid only to push). */
import type { ScopedDb } from './db'
import type { Membership } from './roles'

/** The committee's members, to tell them something needs their decision. */
export async function committeeMembers(db: ScopedDb): Promise<string[]> {
  const rows = await db.collection<Membership>('memberships').find({ roles: 'committee' }, { limit: 100, fields: { status: true } })
  return rows.filter((m) => m.status !== 'left').map((m) => m._id)
}
