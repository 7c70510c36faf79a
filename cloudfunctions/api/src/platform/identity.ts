/**
 * Reading who a user is across communities. Only platform code and the `me` module
 * use these: they reach past the community scope, for the caller's own records only.
 */
import type { Services } from './action'
import type { Membership } from './roles'

export interface UserDoc {
  _id: string
  nickname?: string
  avatarUrl?: string | null
  currentCommunityId?: string | null
  createdAt?: Date
}

export interface CommunityDoc {
  _id: string
  name: string
  street?: string
  inviteCode?: string
}

/** Active memberships of one user, oldest first. */
export async function membershipsOf(services: Pick<Services, 'raw' | 'global'>, openid: string): Promise<Membership[]> {
  const res = (await services.raw
    .collection('memberships')
    .where({ openid })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get()) as { data: Membership[] }
  return res.data.filter((m) => m.status !== 'left')
}

export async function communityNames(services: Pick<Services, 'raw'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const _ = services.raw.command
  const res = (await services.raw
    .collection('communities')
    .where({ _id: _.in(ids) })
    .field({ name: true })
    .get()) as { data: CommunityDoc[] }
  return new Map(res.data.map((c) => [c._id, c.name]))
}
