/**
 * 统计: how the community is doing, for a period against the one before it. The
 * committee and the admin see their community; a 街道 account sees each of its
 * communities side by side. Counts only (privacy.ts); the monthly report (report.ts)
 * puts the same figures in a workbook.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { communityFigures, type CommunityFigures } from './figures'
import { periodsOf, type Periods } from './period'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export interface CommunityStats {
  communityId: string
  name: string
  figures: CommunityFigures
}

/**
 * The communities the caller may see figures of: their own for the committee and
 * the admin; for a 街道 account every community it is attached to.
 */
export async function visibleCommunities(ctx: Pick<ActionContext<unknown>, 'member' | 'directory'>): Promise<Array<{ communityId: string; name: string }>> {
  const { member, directory } = ctx
  const ids = member.roles.has('committee') || member.roles.has('admin')
    ? [member.communityId]
    : (await directory.membershipsOf(member.openid)).filter((m) => (m.roles as string[]).includes('street')).map((m) => m.communityId)
  const names = await directory.communityNames(ids)
  return ids.map((communityId) => ({ communityId, name: names.get(communityId) ?? '' }))
}

export async function statsFor(ctx: Pick<ActionContext<unknown>, 'member' | 'directory' | 'clock'>, periods: Periods): Promise<CommunityStats[]> {
  const now = ctx.clock.now()
  const communities = await visibleCommunities(ctx)
  return Promise.all(communities.map(async (c) => ({ ...c, figures: await communityFigures(ctx.directory.inCommunity(c.communityId), periods, now) })))
}

export const overview = action({
  name: 'stats.overview',
  summary: '统计：一个时段（默认本月至今）与上期相比的各项数字（整月比上月，月初至今比上月同期，其他时段比之前同样天数），附近几个月的趋势；居委会与管理员看本社区，街道看辖区各社区（只有计数，不足 5 人的显示「<5」）',
  roles: ['committee', 'admin', 'street'],
  input: z.strictObject({ from: day.optional(), to: day.optional() }),
  async run(ctx) {
    const periods = periodsOf(ctx.input, ctx.clock.now())
    const { current, previous, months } = periods
    return {
      period: { from: current.from, to: current.to, days: current.days },
      previous: { from: previous.from, to: previous.to },
      months,
      communities: await statsFor(ctx, periods),
    }
  },
})

export const actions = [overview] as const
export const timers = [] as const
