/**
 * Who is who across communities: users (one per openid), communities, and a person's
 * memberships in all of them. Handlers that must cross communities — joining,
 * 我的, the street's roll-up, a personal-data export — use this capability; every
 * other handler sees its own community only.
 */
import type { Clock } from './clock'
import { addOnce, type CrossCommunityDb, type Patch, type ScopedDb } from './db'
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

/**
 * A page's mini-program code for posters (modules/share): its short scene key names
 * the community, page and item, so whoever scans it — member or not — is led there.
 */
export interface ShareCodeDoc {
  _id: string
  communityId: string
  page: string
  id: string
  fileID: string
  createdAt: Date
}

/**
 * Community names as this function instance last read them. 我的 and 首页 show the
 * name on every open (me.get), and a name changes about never: one renamed elsewhere
 * shows here within NAMES_TTL_MS (at once on the instance that renamed it).
 */
const NAMES_TTL_MS = 10 * 60_000
const knownNames = new Map<string, { name: string; at: number }>()

export class Directory {
  constructor(
    private readonly cross: CrossCommunityDb,
    private readonly clock: Clock,
  ) {}

  user<T extends UserDoc = UserDoc>(openid: string): Promise<T | null> {
    return this.cross.collection<T>('users').get(openid)
  }

  /** Creates or updates the user's own record (one per openid, whatever races). */
  async rememberUser(openid: string, fields: Partial<UserDoc> & Record<string, unknown>): Promise<void> {
    const users = this.cross.collection<UserDoc>('users')
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    if (await users.update(openid, clean)) return
    const fresh = { _id: openid, nickname: '', avatarUrl: null, createdAt: this.clock.now(), ...clean }
    if ((await addOnce(users, fresh)) === 'exists') await users.update(openid, clean)
  }

  async forgetUser(openid: string): Promise<void> {
    await this.cross.collection('users').remove(openid)
  }

  community(communityId: string): Promise<CommunityDoc | null> {
    return this.cross.collection<CommunityDoc>('communities').get(communityId)
  }

  async communityByInvite(inviteCode: string): Promise<CommunityDoc | null> {
    const [community] = await this.cross.collection<CommunityDoc>('communities').find({ inviteCode }, { limit: 1 })
    return community ?? null
  }

  async updateCommunity(communityId: string, patch: Patch): Promise<void> {
    knownNames.delete(communityId)
    await this.cross.collection('communities').update(communityId, patch)
  }

  /** Names of communities, from this instance's memory while fresh (NAMES_TTL_MS). */
  async communityNames(ids: string[]): Promise<Map<string, string>> {
    const now = this.clock.now().getTime()
    const names = new Map<string, string>()
    for (const id of ids) {
      const known = knownNames.get(id)
      if (known && now >= known.at && now - known.at < NAMES_TTL_MS) names.set(id, known.name)
    }
    const missing = ids.filter((id) => !names.has(id))
    if (missing.length === 0) return names
    const rows = await this.cross.collection<CommunityDoc>('communities').find({ _id: this.cross._.in(missing) }, { fields: { name: true } })
    for (const c of rows) {
      names.set(c._id, c.name)
      knownNames.set(c._id, { name: c.name, at: now })
    }
    return names
  }

  /** Active memberships of one user, oldest first. */
  async membershipsOf(openid: string): Promise<Membership[]> {
    const rows = await this.cross.collection<Membership>('memberships').find({ openid }, { orderBy: [['createdAt', 'asc']], limit: 100 })
    return rows.filter((m) => m.status !== 'left')
  }

  /** The user's membership of one community; null when they never joined, or left. */
  membership(communityId: string, openid: string): Promise<Membership | null> {
    return membershipOf(this.cross, communityId, openid)
  }

  shareCode(key: string): Promise<ShareCodeDoc | null> {
    return this.cross.collection<ShareCodeDoc>('shareCodes').get(key)
  }

  /** Once per key: racing posters of one page made the same file, and either record names it. */
  async rememberShareCode(doc: ShareCodeDoc): Promise<void> {
    await addOnce(this.cross.collection<ShareCodeDoc>('shareCodes'), doc)
  }

  /** Another community's scoped database: the invited community, or one of the caller's own. */
  inCommunity(communityId: string): ScopedDb {
    return this.cross.in(communityId)
  }
}

/**
 * A person's membership of a community, found by their openid (the router's one read
 * per call). A membership that was left no longer carries the openid, so it is never
 * found again: coming back makes a new one.
 */
export async function membershipOf(cross: CrossCommunityDb, communityId: string, openid: string): Promise<Membership | null> {
  const [m] = await cross.collection<Membership>('memberships').find({ openid, communityId }, { limit: 1 })
  return m && m.status !== 'left' ? m : null
}
