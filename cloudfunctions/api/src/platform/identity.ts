/**
 * Reading who a user is across communities. Only platform code and the `me` module
 * use these: they reach past the community scope, for the caller's own records only.
 */
import type { Services } from './action'
import type { GlobalDb } from './db'
import { isDuplicateWrite } from './errors'
import type { Membership } from './roles'
import type { CommunitySettings } from './settings'

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
  district?: string
  inviteQr?: { code: string; fileID: string }
  settings?: Partial<CommunitySettings>
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

/** Creates or updates the user's own record (one per openid, whatever races). */
export async function rememberUser(global: GlobalDb, openid: string, fields: Partial<UserDoc>, now: Date) {
  const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  if (await global.update('users', openid, clean)) return
  try {
    await global.add('users', { _id: openid, nickname: '', avatarUrl: null, createdAt: now, ...clean })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    await global.update('users', openid, clean)
  }
}
