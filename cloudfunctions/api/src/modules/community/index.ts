import { z } from 'zod'
import { action } from '../../platform/action'
import { addOnce } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { PAGE_PATHS, pageLink } from '../../platform/links'
import { notify } from '../../platform/notify'
import { payOwed, type OwingDoc } from '../../platform/owed'
import { buildingLeadsOf, committeeMembers } from '../../platform/recipients'
import { newMembershipId, type Membership } from '../../platform/roles'
import { settingsPatchSchema, settingsSchema, withDefaults } from '../../platform/settings'
import { RATE } from '../../platform/ratelimit'
import { id, name } from '../../platform/validation'
import { communityByInvite, householdGrid, INVITE_LENGTH, newInviteCode, structureOf, type Building, type Household } from './model'

/** As people type it: any case, in groups separated by spaces or hyphens (normalizeInvite takes them out). */
const inviteCode = z
  .string()
  .trim()
  .min(4)
  .max(24)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, '邀请码只包含字母和数字')

export const lookupCommunity = action({
  name: 'community.lookup',
  summary: '凭邀请码查看社区：名称、街道、楼栋和房号（加入前选择住户）',
  roles: ['user'],
  rateLimit: RATE.communityLookup,
  input: z.strictObject({ inviteCode }),
  async run({ directory, input }) {
    const community = await communityByInvite(directory, input.inviteCode)
    return {
      communityId: community._id,
      name: community.name,
      street: community.street ?? '',
      buildings: await structureOf(directory.inCommunity(community._id)),
    }
  },
})

export const communityStructure = action({
  name: 'community.structure',
  summary: '本社区的楼栋和房号（登记或更换住户时选择）',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ db }) {
    return { buildings: await structureOf(db) }
  },
})

export const joinCommunity = action({
  name: 'community.join',
  summary: '加入社区：凭邀请码（或扫社区码）加入，选择住户，填写昵称；加入后等待居委会或楼栋长认证',
  roles: ['user'],
  rateLimit: RATE.communityJoin,
  input: z.strictObject({
    inviteCode,
    householdId: id,
    nickname: name(20),
  }),
  async run(ctx) {
    const { input, directory, clock } = ctx
    const openid = ctx.caller.openid!
    const community = await communityByInvite(directory, input.inviteCode)
    const db = directory.inCommunity(community._id)
    const household = await db.collection<Household>('households').get(input.householdId)
    if (!household) throw notFound('所选房号不在这个社区，请重新选择')

    const now = clock.now()
    const fresh = {
      _id: newMembershipId(community._id),
      openid,
      status: 'unverified' as const,
      roles: [],
      buildingIds: [],
      householdId: household._id,
      buildingId: household.buildingId,
      nickname: input.nickname,
      avatarUrl: null,
      realName: null,
      phone: null,
      declineReason: null,
      verifiedAt: null,
      raisedIssues: false,
      cosignedIssues: false,
      consents: false,
      createdAt: now,
      // The building's leads hear of a new neighbour to verify, after the insert (platform/owed).
      owes: ['leads'],
    }
    // One membership per person and community, however many joins race: the unique index on (openid, community)
    // refuses the others. Someone who left comes back as a new member: their old membership no longer carries the openid.
    let status: Membership['status'] = 'unverified'
    let alreadyMember = false
    let joined: Membership & OwingDoc = { ...fresh, communityId: community._id }
    if ((await addOnce(db.collection<Membership>('memberships'), fresh)) === 'exists') {
      const existing = await directory.membership(community._id, openid)
      if (!existing) throw conflict('加入社区时出了点状况，请再试一次')
      status = existing.status
      alreadyMember = true
      joined = existing
    }
    await payOwed(db, 'memberships', joined, async (key) => {
      if (key !== 'leads') return
      // No lead for the building yet: the committee verifies instead, so it hears instead.
      const leads = await buildingLeadsOf(db, household.buildingId)
      await notify(ctx, db, leads.length ? leads : await committeeMembers(db), {
        kind: 'member.joined',
        title: '新邻居待认证',
        // No name in the message: it outlives the newcomer's account if they leave (names are read live on the workbench).
        body: `有新邻居登记了${household.label}，请核对后确认或驳回`,
        link: pageLink('adminMembers'),
        key: `joined-${joined._id}`,
      })
    })
    await directory.rememberUser(openid, { nickname: input.nickname, currentCommunityId: community._id })
    return { communityId: community._id, communityName: community.name, status, alreadyMember }
  },
})

export const getSettings = action({
  name: 'community.settings.get',
  summary: '社区信息与设置：名称、街道、附议门槛、满意率底线、星级时长、积分规则、志愿服务记录证明的负责人（未设置的取默认值）',
  roles: ['resident', 'street'],
  input: z.strictObject({}),
  async run({ directory, member }) {
    const community = await directory.community(member.communityId)
    if (!community) throw notFound('社区不存在')
    return {
      communityId: community._id,
      name: community.name,
      street: community.street ?? '',
      settings: withDefaults(community.settings),
    }
  },
})

export const updateSettings = action({
  name: 'community.settings.update',
  summary: '修改社区名称、街道和各项设置（管理员；写入审计日志）',
  roles: ['admin'],
  input: z.strictObject({
    name: name(30).optional(),
    street: name(30).optional(),
    settings: settingsPatchSchema.optional(),
  }),
  async run(ctx) {
    const { input, directory, member, db } = ctx
    if (!input.name && !input.street && !input.settings) throw invalid('没有要修改的内容')
    const before = await directory.community(member.communityId)
    if (!before) throw notFound('社区不存在')
    const settings = input.settings ? withDefaults(input.settings, withDefaults(before.settings)) : undefined
    if (settings) {
      const check = settingsSchema.safeParse(settings)
      if (!check.success) throw invalid(check.error.issues[0]?.message ?? '设置不正确')
    }
    const patch: Record<string, unknown> = {}
    if (input.name) patch.name = input.name
    if (input.street) patch.street = input.street
    if (settings) patch.settings = db._.set(settings)
    await directory.updateCommunity(member.communityId, patch)
    await ctx.audit({
      action: 'community.settings.update',
      target: { collection: 'communities', id: member.communityId },
      before: { name: before.name, street: before.street, settings: withDefaults(before.settings) },
      after: { name: input.name ?? before.name, street: input.street ?? before.street, settings: settings ?? withDefaults(before.settings) },
    })
    return { name: input.name ?? before.name, street: input.street ?? before.street ?? '', settings: settings ?? withDefaults(before.settings) }
  },
})

export const saveBuilding = action({
  name: 'community.building.save',
  summary: '新增或修改楼栋（单元数、层数、每层户数），自动补齐房号；已有住户的房号不会删除（管理员）',
  roles: ['admin'],
  input: z.strictObject({
    buildingId: id.optional(),
    name: name(20),
    units: z.number().int().min(1).max(20),
    floors: z.number().int().min(1).max(60),
    roomsPerFloor: z.number().int().min(1).max(20),
  }),
  async run(ctx) {
    const { input, db } = ctx
    if (input.units * input.floors * input.roomsPerFloor > 1000) throw invalid('一栋楼最多 1000 户，请分成几栋登记')
    const buildings = db.collection<Building>('buildings')
    const before = input.buildingId ? await buildings.get(input.buildingId) : null
    if (input.buildingId && !before) throw notFound('楼栋不存在')
    const buildingId = before?._id ?? `${db.communityId}:b-${ctx.clock.now().getTime().toString(36)}`
    const fields = { name: input.name, units: input.units, floors: input.floors, roomsPerFloor: input.roomsPerFloor }
    if (before) await buildings.update(buildingId, fields)
    else await buildings.add({ _id: buildingId, ...fields, order: ctx.clock.now().getTime() })

    const grid = householdGrid({ _id: buildingId, ...fields })
    const households = db.collection<Household>('households')
    const current = await households.find({ buildingId }, { limit: 1000 })
    const existing = new Set(current.map((h) => h._id))
    if (before && before.name !== input.name) {
      // A renamed building relabels its households (`3号楼1单元101` → `海景楼1单元101`).
      await Promise.all(current.map((h) => households.update(h._id, { label: `${input.name}${h.unit}${h.room}` })))
    }
    const missing = grid.filter((h) => !existing.has(h._id))
    for (let i = 0; i < missing.length; i += 100) {
      await Promise.all(missing.slice(i, i + 100).map((h) => addOnce(households, h)))
    }
    await ctx.audit({
      action: 'community.building.save',
      target: { collection: 'buildings', id: buildingId },
      before: before ? { name: before.name, units: before.units, floors: before.floors, roomsPerFloor: before.roomsPerFloor } : null,
      after: fields,
    })
    return { buildingId, households: grid.length, added: missing.length }
  },
})

export const inviteQr = action({
  name: 'community.inviteQr',
  summary: '社区邀请码和小程序码（居民扫码即可加入）',
  roles: ['committee', 'admin', 'buildingLead'],
  input: z.strictObject({}),
  async run({ directory, wechat, storage, member }) {
    const community = await directory.community(member.communityId)
    if (!community?.inviteCode) throw precondition('社区还没有邀请码，请管理员在这里生成')
    // One code per invite code, made once and kept in storage.
    let fileID = community.inviteQr?.code === community.inviteCode ? community.inviteQr.fileID : null
    if (!fileID) {
      const png = await wechat.getUnlimitedQrCode({ scene: `invite=${community.inviteCode}`, page: PAGE_PATHS.join })
      fileID = await storage.upload(`qr/invite-${community._id}-${community.inviteCode}.png`, png)
      await directory.updateCommunity(community._id, { inviteQr: { code: community.inviteCode, fileID } })
    }
    const urls = await storage.downloadUrls([fileID])
    return { inviteCode: community.inviteCode, fileID, url: urls.get(fileID) ?? '' }
  },
})

export const resetInvite = action({
  name: 'community.invite.reset',
  summary: `更换社区邀请码：生成新的 ${INVITE_LENGTH} 位随机邀请码，旧码和旧的小程序码立即失效（管理员；写入审计日志）`,
  roles: ['admin'],
  input: z.strictObject({}),
  async run(ctx) {
    const { directory, member } = ctx
    const inviteCode = newInviteCode()
    await directory.updateCommunity(member.communityId, { inviteCode, inviteQr: null })
    // The code itself stays out of the log: whoever reads the log need not be able to join.
    await ctx.audit({ action: 'community.invite.reset', target: { collection: 'communities', id: member.communityId } })
    return { inviteCode }
  },
})

export function assertLeadOf(member: { roles: ReadonlySet<string>; membership: Membership }, buildingId: string | null | undefined) {
  if (member.roles.has('committee') || member.roles.has('admin')) return
  if (member.roles.has('buildingLead') && buildingId && member.membership.buildingIds?.includes(buildingId)) return
  throw forbidden('只能处理自己负责楼栋的住户')
}

export const actions = [lookupCommunity, communityStructure, joinCommunity, getSettings, updateSettings, saveBuilding, inviteQr, resetInvite] as const

export type { Building, Community, Household } from './model'
