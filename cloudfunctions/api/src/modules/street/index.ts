/**
 * 街道: read-only counts of the communities a street account is attached to.
 * Counts only — never a name, a household or any personal record.
 */
import { z } from 'zod'
import { action } from '../../platform/action'

const DAY = 86_400_000

export const streetOverview = action({
  name: 'street.overview',
  summary: '街道看板：辖区各社区的成员数、已认证户数、待认证人数和近 30 天公告数（只读，无个人信息）',
  roles: ['street'],
  input: z.strictObject({}),
  async run(ctx) {
    const { directory } = ctx
    const mine = (await directory.membershipsOf(ctx.caller.openid!)).filter((m) => (m.roles as string[]).includes('street'))
    const names = await directory.communityNames(mine.map((m) => m.communityId))
    const since = new Date(ctx.clock.now().getTime() - 30 * DAY)
    const communities = await Promise.all(
      mine.map(async ({ communityId }) => {
        const db = directory.inCommunity(communityId)
        const _ = db._
        const members = db.collection('memberships')
        const [pending, households, notices] = await Promise.all([
          members.count({ status: 'unverified' }),
          members.find({ status: 'verified' }, { fields: { householdId: true }, limit: 1000 }),
          db.collection('notices').count({ status: 'published', publishedAt: _.gte(since) }),
        ])
        // Street accounts are members too, but not residents.
        const residents = households.filter((h) => typeof h.householdId === 'string')
        return {
          communityId,
          name: names.get(communityId) ?? '',
          members: residents.length + pending,
          verifiedMembers: residents.length,
          verifiedHouseholds: new Set(residents.map((h) => h.householdId)).size,
          pendingVerifications: pending,
          noticesLast30Days: notices,
        }
      }),
    )
    return { communities }
  },
})

export const actions = [streetOverview] as const
