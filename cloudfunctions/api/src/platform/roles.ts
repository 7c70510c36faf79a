import { createHash } from 'node:crypto'
import type { ScopedDb, StoredDoc } from './db'
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
  createdAt: Date
}

/**
 * A membership's id is derived from community and openid (so joining twice cannot
 * create two) without containing the openid: lists may show it to neighbours, and
 * an openid must never reach another person.
 */
export const membershipId = (communityId: string, openid: string) =>
  `${communityId}:m-${createHash('sha256').update(`${communityId}\n${openid}`).digest('hex').slice(0, 20)}`

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

/** A community must keep an admin; both revoking the role and leaving ask this first. */
export async function adminCount(db: ScopedDb): Promise<number> {
  const admins = await db.collection<Membership>('memberships').find({ roles: 'admin' }, { limit: 100, fields: { status: true } })
  return admins.filter((m) => m.status !== 'left').length
}
