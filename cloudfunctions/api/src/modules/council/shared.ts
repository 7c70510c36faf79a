/** What the council's actions share: ids, people to tell, and the public view of a person. */
import { randomBytes } from 'node:crypto'
import type { MemberCaller } from '../../platform/action'
import type { FindOptions, Query, ScopedCollection, ScopedDb, StoredDoc } from '../../platform/db'
import { notFound } from '../../platform/errors'
import { maskName } from '../../platform/privacy'
import type { Membership } from '../../platform/roles'
import type { Issue, TimelineEntry } from './model'

export const isCommittee = (m: Pick<MemberCaller, 'roles'>) => m.roles.has('committee') || m.roles.has('admin')

/**
 * Council ids start with their community, so an id of another community is refused
 * before anything is written (a scoped write would otherwise create, then undo).
 */
export function assertOwnId(db: ScopedDb, id: string, message?: string) {
  if (!id.startsWith(`${db.communityId}:`)) throw notFound(message)
}

export const newId = (db: ScopedDb, prefix: string, now: Date) =>
  `${db.communityId}:${prefix}-${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`

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

/**
 * Adds a step to a matter's public timeline, so the person who raised it can follow
 * it from 说事 to 评事. Nothing for work that did not start from a matter.
 */
export async function noteOnIssue(db: ScopedDb, issueId: string | null, step: TimelineEntry) {
  if (!issueId) return
  await db.collection<Issue>('issues').update(issueId, { updatedAt: step.at, timeline: db._.push([step]) })
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** Which of these deterministic ids (`${thing}:${me}`) exist: the caller's co-signs or registrations on one page, in one query. */
export async function existingAmong(db: ScopedDb, collection: string, ids: string[], field: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.collection(collection).find({ _id: db._.in(ids) }, { limit: ids.length, fields: { [field]: true } })
  return new Set(rows.map((r) => String(r[field])))
}

/** A time as residents read it, in China Standard Time: `12月5日 19:30`. */
export function chinaTime(d: Date | string): string {
  const t = new Date(new Date(d).getTime() + 8 * 3_600_000)
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`
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

/** One page of a list, with the cursor (an offset) of the next page or null at the end. */
export async function findPage<T extends StoredDoc>(coll: ScopedCollection<T>, query: Query, orderBy: FindOptions['orderBy'], input: { limit: number; cursor?: string }) {
  const offset = Number(input.cursor ?? 0) || 0
  const rows = await coll.find(query, { orderBy, skip: offset, limit: input.limit + 1 })
  return { page: rows.slice(0, input.limit), nextCursor: rows.length > input.limit ? String(offset + input.limit) : null }
}
