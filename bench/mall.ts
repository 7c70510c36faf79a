/**
 * 爱心超市 and 微心愿: database round trips per call, counted at the emulator, beside
 * floors measured in the same run: points.mine (the reads a screen with a balance
 * costs) and a credited check-in (the house's shortest transaction that moves points). A redemption reads the item, the person's hold
 * and balance first (so a refusal writes nothing), then writes item, balance, entry,
 * hold and order in one transaction.
 *
 *   tsx bench/mall.ts
 */
import { buildApi } from '../cloudfunctions/api/build'
import { SEED_MEETINGS } from '../local/seed/council'
import { SEED_ITEMS, SEED_ORDERS, SEED_WISHES } from '../local/seed/mall'
import { DEMO_COMMUNITY } from '../local/seed/data'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { roundTrips } from './api'

type Call = (openid: string, action: string, payload?: unknown) => Promise<unknown>
/** The demo resident holds a few points, not a bag of rice: the admin grants them first (not counted). */
const withPoints = (payload: unknown) => async (call: Call) => {
  await call('demo-admin', 'points.adjust', { memberId: membershipId(DEMO_COMMUNITY._id, 'demo-resident'), amount: 200, reason: '压测：兑换前补足积分' })
  return payload
}
const meetingCode = async (call: Call) => ({ token: ((await call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.upcoming })) as { token: string }).token })

export async function benchMall(): Promise<Record<string, number>> {
  await buildApi({ quiet: true })
  return roundTrips([
    { label: 'floor: points.mine', openid: 'demo-resident', action: 'points.mine' },
    // The house's credited check-in: one transaction writing attendance, counter, entry and balance.
    {
      label: 'floor: checkin.scan, credited',
      openid: 'demo-resident',
      action: 'checkin.scan',
      payload: meetingCode,
    },
    { label: 'mall.items', openid: 'demo-resident', action: 'mall.items' },
    { label: 'mall.redeem, redeemed', openid: 'demo-resident', action: 'mall.redeem', payload: withPoints({ itemId: SEED_ITEMS.rice }) },
    { label: 'mall.redeem, repeated tap', openid: 'demo-resident', action: 'mall.redeem', payload: { itemId: SEED_ITEMS.rice } },
    { label: 'mall.order.handover', openid: 'demo-committee', action: 'mall.order.handover', payload: { orderId: SEED_ORDERS.rice } },
    { label: 'mall.order.cancel (refund)', openid: 'demo-lead', action: 'mall.order.cancel', payload: { orderId: SEED_ORDERS.towel } },
    { label: 'wish.wall', openid: 'demo-volunteer', action: 'wish.wall' },
    { label: 'wish.claim', openid: 'demo-volunteer', action: 'wish.claim', payload: { wishId: SEED_WISHES.open } },
    { label: 'wish.confirm (credit)', openid: 'demo-lead3', action: 'wish.confirm', payload: { wishId: SEED_WISHES.fulfilled } },
  ])
}

if (require.main === module) {
  benchMall().then((r) => console.table(r))
}
