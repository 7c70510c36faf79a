/** Who hears of something: members by id, the committee. */
import type { ScopedDb } from './db'
import type { Membership } from './roles'

/** The openids behind member ids, for notify(); never returned to a client. */
export async function openidsOf(db: ScopedDb, memberIds: string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)]
  if (ids.length === 0) return []
  const rows = await db.collection<Membership>('memberships').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { openid: true, status: true } })
  return rows.filter((m) => m.status !== 'left').map((m) => m.openid)
}

export async function committeeOpenids(db: ScopedDb): Promise<string[]> {
  const rows = await db.collection<Membership>('memberships').find({ roles: 'committee' }, { limit: 100, fields: { openid: true, status: true } })
  return rows.filter((m) => m.status !== 'left').map((m) => m.openid)
}
