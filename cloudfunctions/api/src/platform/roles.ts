import { createHash, randomBytes } from 'node:crypto'
import type { Patch, ScopedDb, StoredDoc } from './db'
import { cloudbaseCode, conflict, notFound } from './errors'
import type { GrantableRole, Role } from './labels'

/**
 * Who may call an action. Roles live on the membership (user × community); the
 * router computes the caller's effective roles and checks them before the handler runs.
 *
 * - `public`: anyone, even without an identity (health checks, the catalogue).
 * - `user`: any signed-in WeChat user, member of a community or not (joining one).
 * - `resident`: any member of the current community, verified or not.
 * - `verified`: a member whose household the committee or building lead confirmed.
 * - `volunteer`, `buildingLead`, `committee`, `admin`: granted roles.
 * - `street`: a 街道 account attached to the community, read-only statistics.
 */
export { GRANTABLE_ROLES, ROLES, ROLE_LABELS, type GrantableRole, type Role } from './labels'

/** unverified → verified, or declined (with a reason the resident sees) until they register again; left is final until they rejoin */
export type MembershipStatus = 'unverified' | 'verified' | 'declined' | 'left'

export interface Membership extends StoredDoc {
  openid: string
  status: MembershipStatus
  /** granted roles; `resident` is implied by membership itself */
  roles: GrantableRole[] | ['street']
  /** for building leads: the buildings they look after */
  buildingIds?: string[]
  householdId?: string | null
  /** the household's building, kept beside it so lists can filter by building */
  buildingId?: string | null
  nickname?: string
  avatarUrl?: string | null
  /** optional, asked only where a feature needs it; shown to the committee only */
  realName?: string | null
  phone?: string | null
  declineReason?: string | null
  verifiedAt?: Date | null
  /**
   * Whether they may have raised a matter: false from joining until just before their
   * first, absent on memberships older than the field (then 首页 looks, as for true).
   */
  raisedIssues?: boolean
  /**
   * Whether they may have co-signed a matter (or been carried into one's co-signers by a
   * merge): false from joining until just before their first, absent on memberships older
   * than the field (then the 说事 list looks, as for true).
   */
  cosignedIssues?: boolean
  /**
   * Whether they may hold subscribe-message consents: false from joining until just before
   * their first is recorded, absent on memberships older than the field (then notify tries
   * to use one, as for true). A member who never granted one costs notify no write.
   */
  consents?: boolean
  createdAt: Date
}

/**
 * A membership's id, given when someone joins: random, so that nothing computed from
 * their WeChat account finds what they wrote, and someone who left and comes back is
 * a new member rather than the old one again. The account finds its membership by
 * the openid stored on it (one per community: a unique index), which leaving replaces
 * with a random token.
 */
export const newMembershipId = (communityId: string) => `${communityId}:m-${randomBytes(10).toString('hex')}`

/**
 * The ids the demo seed gives its personas, derived from community and openid so that
 * tests and screenshots can name them. The function never derives an id this way.
 */
export const membershipId = (communityId: string, openid: string) =>
  `${communityId}:m-${createHash('sha256').update(`${communityId}\n${openid}`).digest('hex').slice(0, 20)}`

/** What replaces the openid of a membership that was left: it names nobody and collides with nothing. */
export const leftToken = () => `left:${randomBytes(16).toString('hex')}`

/** The caller's effective roles in a community, given their membership (or none). */
export function effectiveRoles(membership: Membership | null, signedIn: boolean): Set<Role> {
  const roles = new Set<Role>(['public'])
  if (!signedIn) return roles
  roles.add('user')
  if (!membership || membership.status === 'left') return roles
  if ((membership.roles as string[]).includes('street')) {
    roles.add('street')
    return roles
  }
  roles.add('resident')
  if (membership.status === 'verified') roles.add('verified')
  for (const r of membership.roles) roles.add(r)
  return roles
}

/** The committee decides for the community; an admin may do whatever the committee may. */
export const isCommittee = (m: { roles: ReadonlySet<Role> }) => m.roles.has('committee') || m.roles.has('admin')

/** How many admins the community has: a friendly early answer; `removeAdmin` is what decides under races. */
export async function adminCount(db: ScopedDb): Promise<number> {
  const admins = await db.collection<Membership>('memberships').find({ roles: 'admin' }, { limit: 100, fields: { status: true } })
  return admins.filter((m) => m.status !== 'left').length
}

/**
 * Notes that a member may now be among a matter's co-signers, before they are: a crash
 * between leaves the mark without a co-sign (the list just looks), never the reverse.
 * One write in a member's life; `known` is their membership as already read, if it was.
 */
export async function markCosigner(db: ScopedDb, memberId: string, known?: Pick<Membership, 'cosignedIssues'>): Promise<void> {
  if (known && known.cosignedIssues !== false) return
  await db.collection<Membership>('memberships').update(memberId, { cosignedIssues: true }, { cosignedIssues: false })
}

/** A resident of this community by member id (not a 街道 account, not someone who left), or NOT_FOUND. */
export async function residentById(db: ScopedDb, memberId: string): Promise<Membership> {
  const m = await db.collection<Membership>('memberships').get(memberId)
  if (!m || m.status === 'left' || (m.roles as string[]).includes('street')) throw notFound('没有这位居民')
  return m
}

export type AdminRemoval = 'removed' | 'lastAdmin' | 'notAdmin' | 'actorNotAdmin'

/**
 * Takes a member out of the admins — their role revoked, or their membership left —
 * applying `change` to their membership, unless no admin would remain. Counting the
 * admins and the change are one transaction that also writes the first other admin's
 * membership. Of two removals at once, each writes the first admin or is the first
 * admin, so they always write a document in common: one conflicts and, retried, counts
 * again. (Counting first and writing after would let both see two admins and both go;
 * a transaction that only reads the others would too, under snapshot isolation.)
 * `actorId`, when given, must still be an admin when the change lands.
 */
export async function removeAdmin(db: ScopedDb, memberId: string, change: Patch, now: Date, actorId?: string): Promise<AdminRemoval> {
  const listed = await db.collection<Membership>('memberships').find({ roles: 'admin' }, { limit: 100, fields: { _id: true } })
  const ids = [...new Set([memberId, ...(actorId ? [actorId] : []), ...listed.map((m) => m._id)])]
  try {
    return await db.transaction(async (tx) => {
      const rows = await Promise.all(ids.map((id) => tx.get<Membership>('memberships', id)))
      const admins = rows.filter((m): m is Membership => !!m && m.status !== 'left' && (m.roles as string[]).includes('admin'))
      const isAdmin = (id: string) => admins.some((m) => m._id === id)
      if (actorId && !isAdmin(actorId)) return 'actorNotAdmin'
      if (!isAdmin(memberId)) return 'notAdmin'
      if (admins.length < 2) return 'lastAdmin'
      // The first other admin (by id) is written too: any two removals write a document in common, so they conflict.
      // The write must change the document: an update that changes nothing writes nothing and conflicts with
      // nothing (two removals stamped with the same instant did both go through), so it counts.
      const keeper = admins.map((m) => m._id).filter((id) => id !== memberId).sort()[0]
      await tx.update('memberships', keeper, { adminChecks: tx._.inc(1), adminsCheckedAt: now })
      await tx.update('memberships', memberId, change)
      return 'removed'
    })
  } catch (err) {
    if (cloudbaseCode(err) === 'DATABASE_TRANSACTION_CONFLICT') throw conflict('管理员正在变动，请稍后再试')
    throw err
  }
}
