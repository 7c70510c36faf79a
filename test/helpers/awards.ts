/**
 * A 最美邻里 campaign already in voting, made through the actions as the committee
 * makes one: created, nominated, approved, published, the clock moved past the
 * candidates' 公示 and the first look that opens voting taken.
 */
import type { ActionInput, ActionName, ActionOutput } from '../../cloudfunctions/api/src/contract'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../local/seed/data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const NAMES = ['王秀英', '李建华', '张桂兰', '刘德明', '陈玉珍']

interface Driver {
  ok<A extends ActionName>(openid: string | null, action: A, payload?: ActionInput<A> | Record<string, unknown>, communityId?: string): Promise<ActionOutput<A>>
  clock: { now(): Date; set(d: Date | string): void; advance(ms: number): void }
}

export interface VotingOptions extends Record<string, unknown> {
  /** named nominees beside the members; 5 by default */
  candidates?: number
  /** members nominated first (their openids) */
  nominees?: string[]
  /** when voting opens; a week from now by default */
  opensAt?: string
}

export async function campaignInVoting(t: Driver, { candidates = 5, nominees = [], opensAt, ...rules }: VotingOptions = {}) {
  const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString()
  const start = opensAt ? new Date(opensAt) : new Date(t.clock.now().getTime() + 7 * DAY)
  const { campaignId } = await t.ok(
    'demo-committee',
    'award.campaign.create',
    {
      title: '2026 年度最美邻里',
      description: '寻找身边热心助人、孝老爱亲的好厝边，由居民提名、投票，评审共同评出。',
      nominationEndAt: inDays(1),
      votingStartAt: start.toISOString(),
      votingEndAt: new Date(start.getTime() + 7 * DAY).toISOString(),
      coRecommendations: 0,
      votesPerDay: 3,
      showRanking: 'live',
      ...rules,
    },
    C,
  )
  const ids: string[] = []
  for (const [i, openid] of nominees.entries()) {
    const story = `第 ${i + 1} 位：多年义务为邻居修理家电，从不收钱，还教老人用手机。`
    ids.push((await t.ok('demo-committee', 'award.nominate', { campaignId, nomineeMemberId: membershipId(C, openid), story }, C)).nominationId)
    t.clock.advance(1000)
  }
  for (let i = 0; ids.length < candidates; i++) {
    const story = `${NAMES[i]}：每天清晨打扫楼道，帮独居老人买菜送药，十年如一日。`
    ids.push((await t.ok('demo-committee', 'award.nominate', { campaignId, nomineeName: NAMES[i], story }, C)).nominationId)
    t.clock.advance(1000)
  }
  t.clock.set(inDays(1.01))
  for (const nominationId of ids) await t.ok('demo-committee', 'award.nomination.review', { nominationId, approve: true }, C)
  await t.ok('demo-committee', 'award.candidates.publish', { campaignId }, C)
  t.clock.set(new Date(start.getTime() + 60_000))
  // The first look at or after the start opens voting (a recorded transition).
  const { phase } = await t.ok('demo-resident', 'award.campaign.get', { campaignId }, C)
  if (phase !== 'voting') throw new Error(`campaign not in voting: ${phase}`)
  return { campaignId, cand: ids.map((_, i) => `${campaignId}:c${i + 1}`) }
}
