/**
 * 我的: a person's own profile, households, communities, preferences, consent, data
 * export, leaving a community and deleting the account. Everything here acts on the
 * caller's own records only.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import type { Directory, UserDoc } from '../../platform/directory'
import type { Patch } from '../../platform/db'
import { notFound, precondition } from '../../platform/errors'
import { personalDataSources, PRIVACY_POLICY_VERSION, registerPersonalData } from '../../platform/personal'
import { renameMember } from '../../platform/names'
import { maskName, PHONE_PATTERN } from '../../platform/privacy'
import { adminCount, leftToken, removeAdmin, type Membership, type Role } from '../../platform/roles'
import { id, name, ownFileId } from '../../platform/validation'
import type { Household } from '../community'
import type { Verification } from '../member'

interface User extends UserDoc {
  elderMode?: boolean | null
  privacyConsent?: { version: string; at: Date } | null
}

/** Roles a person sees on their own profile (derived `public`/`user`/`verified` left out). */
export const shownRoles = (m: Membership): Role[] =>
  (m.roles as string[]).includes('street') ? ['street'] : ['resident', ...(m.roles as Role[])]

async function householdLabel(directory: Directory, m: Membership | null) {
  if (!m?.householdId) return null
  const h = await directory.inCommunity(m.communityId).collection<Household>('households').get(m.householdId)
  return h ? { id: h._id, label: h.label } : null
}

/** The caller's own user record and active memberships, read together. */
async function userAndMemberships(directory: Directory, openid: string) {
  const [user, memberships] = await Promise.all([directory.user<User>(openid), directory.membershipsOf(openid)])
  return { user, memberships }
}

export const getMe = action({
  name: 'me.get',
  summary: '我的信息：昵称头像、当前社区、身份与认证状态、住户、已加入的社区、偏好与隐私同意',
  roles: ['user'],
  input: z.strictObject({}),
  // Its list of memberships holds the named community's: the router's read of it would be a second.
  readsOwnMemberships: true,
  async run(ctx) {
    const { directory } = ctx
    const { user, memberships } = await userAndMemberships(directory, ctx.caller.openid!)
    // The current community: the one the client named (if a member), else the remembered one, else the first.
    const current =
      memberships.find((m) => m.communityId === ctx.caller.named) ??
      memberships.find((m) => m.communityId === user?.currentCommunityId) ??
      memberships[0] ??
      null
    const [names, household] = await Promise.all([
      directory.communityNames(memberships.map((m) => m.communityId)),
      householdLabel(directory, current),
    ])
    return {
      user: user ? { nickname: user.nickname ?? '', avatarUrl: user.avatarUrl ?? null, elderMode: user.elderMode ?? null } : null,
      privacy: { currentVersion: PRIVACY_POLICY_VERSION as typeof PRIVACY_POLICY_VERSION, consentedVersion: user?.privacyConsent?.version ?? null },
      current: current
        ? {
            communityId: current.communityId,
            communityName: names.get(current.communityId) ?? '',
            memberId: current._id,
            roles: shownRoles(current),
            buildingIds: current.buildingIds ?? [],
            status: current.status as 'unverified' | 'verified' | 'declined',
            declineReason: current.declineReason ?? null,
            household,
            realName: current.realName ?? null,
            phone: current.phone ?? null,
          }
        : null,
      communities: memberships.map((m) => ({ communityId: m.communityId, name: names.get(m.communityId) ?? '', status: m.status })),
    }
  },
})

export const switchCommunity = action({
  name: 'me.switchCommunity',
  summary: '切换当前社区（只能切换到已加入的社区）',
  roles: ['user'],
  input: z.strictObject({ communityId: id }),
  async run({ caller, directory, input }) {
    const openid = caller.openid!
    const m = await directory.membership(input.communityId, openid)
    if (!m || m.status === 'left') throw notFound('你还没有加入这个社区')
    await directory.rememberUser(openid, { currentCommunityId: input.communityId })
    const names = await directory.communityNames([input.communityId])
    return { communityId: input.communityId, communityName: names.get(input.communityId) ?? '' }
  },
})

export const registerHousehold = action({
  name: 'me.registerHousehold',
  summary: '登记或更换住户（楼栋/单元/房号）；更换后需重新认证',
  roles: ['resident'],
  input: z.strictObject({ householdId: id }),
  async run({ db, member, input }) {
    const household = await db.collection<Household>('households').get(input.householdId)
    if (!household) throw notFound('所选房号不在本社区，请重新选择')
    const m = member.membership
    if (m.householdId === household._id && m.status !== 'declined') return { status: m.status, household: { id: household._id, label: household.label } }
    await db.collection('memberships').update(m._id, {
      householdId: household._id,
      buildingId: household.buildingId,
      status: 'unverified',
      declineReason: null,
      verifiedAt: null,
    })
    return { status: 'unverified' as const, household: { id: household._id, label: household.label } }
  },
})

export const setContact = action({
  name: 'me.setContact',
  summary: '填写或清除真实姓名、手机号（可选；仅居委会可见，用于认证住户和联系）',
  roles: ['resident'],
  input: z.strictObject({
    realName: name(20).nullable(),
    phone: z.string().regex(PHONE_PATTERN, '请填写 11 位手机号').nullable(),
  }),
  async run(ctx) {
    await ctx.db.collection('memberships').update(ctx.member.membership._id, { realName: ctx.input.realName, phone: ctx.input.phone })
    return { realName: ctx.input.realName, phone: ctx.input.phone }
  },
})

export const updateProfile = action({
  name: 'me.updateProfile',
  summary: '修改昵称和头像（头像先上传到云存储）',
  roles: ['user'],
  input: z
    .strictObject({ nickname: name(20).optional(), avatarUrl: ownFileId.nullable().optional() })
    .refine((v) => v.nickname !== undefined || v.avatarUrl !== undefined, { message: '没有要修改的内容' }),
  async run(ctx) {
    const { input, caller, directory } = ctx
    const openid = caller.openid!
    const fields = { nickname: input.nickname, avatarUrl: input.avatarUrl }
    await directory.rememberUser(openid, fields)
    // Neighbours see the name on the membership of each community, and its masked copy beside their matters.
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    for (const m of await directory.membershipsOf(openid)) {
      const db = directory.inCommunity(m.communityId)
      const change = () => db.collection('memberships').update(m._id, clean)
      if (input.nickname === undefined) await change()
      else await renameMember(db, m._id, change, maskName(input.nickname))
    }
    return clean
  },
})

export const setPreferences = action({
  name: 'me.setPreferences',
  summary: '保存偏好：长辈模式',
  roles: ['user'],
  input: z.strictObject({ elderMode: z.boolean() }),
  async run({ caller, directory, input }) {
    await directory.rememberUser(caller.openid!, { elderMode: input.elderMode })
    return { elderMode: input.elderMode }
  },
})

export const consent = action({
  name: 'me.consent',
  summary: '同意《隐私保护指引》（记录版本和时间）',
  roles: ['user'],
  input: z.strictObject({ version: z.literal(PRIVACY_POLICY_VERSION) }),
  async run({ caller, directory, input, clock }) {
    const at = clock.now()
    await directory.rememberUser(caller.openid!, { privacyConsent: { version: input.version, at } })
    return { version: input.version, at: at.toISOString() }
  },
})

registerPersonalData({
  name: 'membership',
  async export(_db, m) {
    return {
      memberId: m._id,
      status: m.status,
      roles: m.roles,
      nickname: m.nickname ?? '',
      realName: m.realName ?? null,
      phone: m.phone ?? null,
      householdId: m.householdId ?? null,
      joinedAt: m.createdAt,
    }
  },
})

registerPersonalData({
  name: 'verifications',
  async export(db, m) {
    const rows = await db.collection<Verification>('verifications').find({ memberId: m._id }, { orderBy: [['at', 'desc']], limit: 100 })
    return rows.map((v) => ({ householdId: v.householdId, decision: v.decision, reason: v.reason, at: v.at }))
  },
  // Which household the member was confirmed for would tie the anonymous membership to a flat, and so to a family.
  async forget(db, m) {
    await db.collection('verifications').removeWhere({ memberId: m._id })
  },
})

export const exportData = action({
  name: 'me.export',
  summary: '导出我的数据（JSON）：个人资料、各社区的成员信息与记录',
  roles: ['user'],
  input: z.strictObject({}),
  async run(ctx) {
    const { directory } = ctx
    const { user, memberships } = await userAndMemberships(directory, ctx.caller.openid!)
    const names = await directory.communityNames(memberships.map((m) => m.communityId))
    const communities = []
    for (const m of memberships) {
      const sections: Record<string, unknown> = {}
      const db = directory.inCommunity(m.communityId)
      for (const source of personalDataSources()) if (source.export) sections[source.name] = await source.export(db, m)
      communities.push({ communityId: m.communityId, communityName: names.get(m.communityId) ?? '', ...sections })
    }
    return {
      exportedAt: ctx.clock.now().toISOString(),
      profile: user
        ? { nickname: user.nickname ?? '', avatarUrl: user.avatarUrl ?? null, elderMode: user.elderMode ?? null, privacyConsent: user.privacyConsent ?? null, createdAt: user.createdAt ?? null }
        : null,
      communities,
    }
  },
})

const LAST_ADMIN = '你是这个社区唯一的管理员，请先任命新的管理员再离开'
const STREET_STAYS = '街道账号联系的社区由街道统一设置，不能在这里退出；如需调整请联系街道管理员'

/** A friendly early refusal, for every community before anything changes; `removeAdmin` decides under races. */
async function assertNotLastAdmin(directory: Directory, m: Membership) {
  if (!(m.roles as string[]).includes('admin')) return
  if ((await adminCount(directory.inCommunity(m.communityId))) <= 1) throw precondition(LAST_ADMIN)
}

/**
 * Forgets a person in one community. Each area first erases what would still point at
 * them (platform/personal: a check-in's place, the household they registered, messages);
 * then the membership keeps only what their contributions need — an anonymous name —
 * and loses the openid, so nothing leads from their WeChat account back to it and
 * coming back makes a new membership. An admin goes only while another admin stays.
 */
async function leaveMembership(directory: Directory, m: Membership, nickname: string, at: Date) {
  const db = directory.inCommunity(m.communityId)
  const _ = db._
  for (const source of personalDataSources()) await source.forget?.(db, m)
  const anonymous: Patch = {
    status: 'left',
    openid: leftToken(),
    nickname,
    avatarUrl: null,
    realName: null,
    phone: null,
    householdId: null,
    buildingId: null,
    declineReason: null,
    verifiedAt: null,
    roles: _.set([]),
    buildingIds: _.set([]),
  }
  const memberships = db.collection('memberships')
  // Their matters show the anonymous name; an admin who may not go yet keeps theirs (read from the membership).
  await renameMember(
    db,
    m._id,
    async () => {
      if (await memberships.update(m._id, anonymous, { status: _.neq('left'), roles: _.neq('admin') })) return
      const outcome = await removeAdmin(db, m._id, anonymous, at)
      if (outcome === 'lastAdmin') throw precondition(LAST_ADMIN)
      if (outcome === 'notAdmin') await memberships.update(m._id, anonymous, { status: _.neq('left') })
    },
    nickname,
  )
}

export const leaveCommunity = action({
  name: 'me.leave',
  summary: '退出社区：清除在该社区的姓名、电话和住户信息，已发表的内容以「已离开的居民」保留',
  roles: ['user'],
  input: z.strictObject({ communityId: id }),
  async run(ctx) {
    const { directory } = ctx
    const openid = ctx.caller.openid!
    const memberships = await directory.membershipsOf(openid)
    const m = memberships.find((x) => x.communityId === ctx.input.communityId)
    if (!m) throw notFound('你没有加入这个社区')
    // A 街道 account oversees the communities its deployment assigned it; leaving one here
    // would silently end that oversight. Deleting the account (me.delete) stays possible.
    if ((m.roles as string[]).includes('street')) throw precondition(STREET_STAYS)
    await assertNotLastAdmin(directory, m)
    await leaveMembership(directory, m, '已离开的居民', ctx.clock.now())
    const next = memberships.find((x) => x.communityId !== m.communityId)?.communityId ?? null
    const user = await directory.user<User>(openid)
    if (user && user.currentCommunityId === m.communityId) await directory.rememberUser(openid, { currentCommunityId: next })
    return { left: m.communityId, currentCommunityId: user?.currentCommunityId === m.communityId ? next : (user?.currentCommunityId ?? next) }
  },
})

export const deleteAccount = action({
  name: 'me.delete',
  summary: '注销账号：删除个人资料，退出所有社区；已发表的内容以「已注销用户」匿名保留',
  roles: ['user'],
  input: z.strictObject({ confirm: z.literal('注销') }),
  async run(ctx) {
    const { directory } = ctx
    const openid = ctx.caller.openid!
    const memberships = await directory.membershipsOf(openid)
    for (const m of memberships) await assertNotLastAdmin(directory, m)
    for (const m of memberships) await leaveMembership(directory, m, '已注销用户', ctx.clock.now())
    await directory.forgetUser(openid)
    return { deleted: true, communitiesLeft: memberships.length }
  },
})

export const actions = [
  getMe,
  switchCommunity,
  registerHousehold,
  setContact,
  updateProfile,
  setPreferences,
  consent,
  exportData,
  leaveCommunity,
  deleteAccount,
] as const
