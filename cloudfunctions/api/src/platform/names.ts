/** How neighbours see people and homes: masked names, household labels. */
import type { ScopedDb, StoredDoc } from './db'
import { maskName } from './privacy'
import type { Membership } from './roles'

interface Household extends StoredDoc {
  label: string
}

/**
 * How neighbours see people, read at display time from the membership so that a
 * new nickname shows at once and someone who left shows as 已离开的居民 (the
 * placeholder their membership now carries), never as a name stored earlier.
 */
export async function publicNames(db: ScopedDb, memberIds: string[]): Promise<(memberId: string) => string> {
  const ids = [...new Set(memberIds)]
  const rows = ids.length ? await db.collection<Membership>('memberships').find({ _id: db._.in(ids) }, { limit: ids.length, fields: { nickname: true, status: true } }) : []
  const names = new Map(rows.map((m) => [m._id, m.status === 'left' ? (m.nickname ?? '已离开的居民') : maskName(m.nickname)]))
  return (memberId) => names.get(memberId) ?? '已离开的居民'
}

/**
 * Where a member's public name is copied beside what they wrote, so that lists of it
 * need not read memberships: the collection, the field naming the member, the copy.
 * Views fall back to publicNames where the copy is missing (older rows) or null.
 */
const NAME_COPIES = [{ collection: 'issues', by: 'authorId', copy: 'authorName' }] as const

/**
 * Sets every copy of a member's public name: `maskName(nickname)`, the placeholder of
 * someone who left, or null (read it from the membership) while a change is under way.
 */
export async function copyPublicName(db: ScopedDb, memberId: string, name: string | null): Promise<void> {
  for (const c of NAME_COPIES) await db.collection(c.collection).updateWhere({ [c.by]: memberId }, { [c.copy]: name })
}

/**
 * Changes how a member is shown: their copies are cleared first and written last, so
 * whenever the server stops in between, views read the name from the membership itself.
 */
export async function renameMember(db: ScopedDb, memberId: string, change: () => Promise<unknown>, shownAs: string): Promise<void> {
  await copyPublicName(db, memberId, null)
  await change()
  await copyPublicName(db, memberId, shownAs)
}

/** Household labels (3号楼2单元301) by id, in one query. */
export async function householdLabels(db: ScopedDb, ids: Array<string | null | undefined>) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (wanted.length === 0) return new Map<string, string>()
  const rows = await db.collection<Household>('households').find({ _id: db._.in(wanted) }, { limit: wanted.length, fields: { label: true } })
  return new Map(rows.map((h) => [h._id, h.label]))
}
