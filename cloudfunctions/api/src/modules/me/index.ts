import { z } from 'zod'
import { action } from '../../platform/action'
import { communityNames, membershipsOf, type UserDoc } from '../../platform/identity'
import type { Role } from '../../platform/roles'

/** Roles a person sees on their own profile (derived `public`/`user` left out). */
const shownRoles = (roles: ReadonlySet<Role>): Role[] =>
  [...roles].filter((r) => r !== 'public' && r !== 'user' && r !== 'verified')

export const getMe = action({
  name: 'me.get',
  summary: '我的信息：昵称头像、当前社区与身份、已加入的社区',
  roles: ['user'],
  input: z.strictObject({}),
  async run(ctx) {
    const openid = ctx.caller.openid!
    const [user, memberships] = await Promise.all([
      ctx.global.get<UserDoc>('users', openid),
      membershipsOf(ctx, openid),
    ])
    const names = await communityNames(
      ctx,
      memberships.map((m) => m.communityId),
    )
    // The current community: the one the client named (if a member), else the remembered one, else the first.
    const currentId =
      ctx.caller.communityId ??
      memberships.find((m) => m.communityId === user?.currentCommunityId)?.communityId ??
      memberships[0]?.communityId ??
      null
    const currentMembership = memberships.find((m) => m.communityId === currentId) ?? null
    const roles = currentMembership
      ? shownRoles(ctx.caller.membership ? ctx.caller.roles : new Set<Role>(['resident', ...(currentMembership.roles as Role[])]))
      : []
    return {
      user: user ? { nickname: user.nickname ?? '', avatarUrl: user.avatarUrl ?? null } : null,
      current: currentMembership
        ? {
            communityId: currentMembership.communityId,
            communityName: names.get(currentMembership.communityId) ?? '',
            roles,
            status: currentMembership.status === 'verified' ? ('verified' as const) : ('unverified' as const),
          }
        : null,
      communities: memberships.map((m) => ({ communityId: m.communityId, name: names.get(m.communityId) ?? '' })),
    }
  },
})
