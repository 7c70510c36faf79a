/**
 * 爱心超市: a redemption moves stock and points together and never below zero; a
 * double tap or a crowd gets no more than the stock and no one more than one order
 * at a time; the committee hands over or cancels, a cancel refunds with a new entry
 * and puts the item back; and every balance is the sum of its entries throughout.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, HOUSEHOLDS, OTHER_COMMUNITY } from '../../../local/seed/data'
import { SEED_ITEMS, SEED_ORDERS } from '../../../local/seed/mall'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const balance = async (openid: string) => (await t.ok(openid, 'points.mine', {}, C)).balance
/** Every entry of a member, read from the database itself: the oracle a balance must match. */
async function ledgerSum(memberId: string) {
  const res = (await t.db.collection('pointEntries').where({ communityId: C, memberId }).limit(1000).get()) as { data: Array<{ amount: number }> }
  return { entries: res.data.length, sum: res.data.reduce((n, e) => n + e.amount, 0) }
}
async function storedBalance(memberId: string) {
  const res = (await t.db.collection('pointBalances').doc(`${memberId}:points`).get()) as { data: Array<{ balance: number }> }
  return res.data[0]?.balance ?? 0
}
const itemOf = async (itemId: string) => (await t.ok('demo-committee', 'mall.items', { all: true, limit: 50 }, C)).items.find((i) => i.id === itemId)!

async function newItem(fields: { name: string; price: number; stock: number; limitPerPerson?: number | null }) {
  return (await t.ok('demo-committee', 'mall.item.create', fields, C)).itemId
}

describe('redeeming', () => {
  it('takes the points and one from the stock together, and a second tap finds the same order', async () => {
    const before = await balance('demo-lead')
    const rice = await itemOf(SEED_ITEMS.rice)
    const first = await t.ok('demo-lead', 'mall.redeem', { itemId: SEED_ITEMS.rice }, C)
    expect(first).toMatchObject({ status: 'redeemed', balance: before - 120, pickupCode: expect.stringMatching(/^\d{4}$/) })
    expect(await t.ok('demo-lead', 'mall.redeem', { itemId: SEED_ITEMS.rice }, C)).toMatchObject({ status: 'already', orderId: first.orderId, balance: before - 120 })
    expect((await itemOf(SEED_ITEMS.rice)).stock).toBe(rice.stock - 1)
    const points = await t.ok('demo-lead', 'points.mine', {}, C)
    expect(points.entries[0]).toMatchObject({ amount: -120, kind: 'redemption', label: '兑换「东北大米 5 斤」', balanceAfter: before - 120 })
    const orders = await t.ok('demo-lead', 'mall.order.mine', {}, C)
    expect(orders.items[0]).toMatchObject({ id: first.orderId, status: 'pending', statusLabel: '待领取', price: 120, pickupCode: first.pickupCode })
    const { items } = await t.ok('demo-lead', 'message.list', { limit: 10 }, C)
    expect(items.find((m) => m.kind === 'mall.redeemed')).toMatchObject({ title: '兑换成功，请到社区领取', body: expect.stringContaining(first.pickupCode) })
    const me = membershipId(C, 'demo-lead')
    expect((await ledgerSum(me)).sum).toBe(await storedBalance(me))
  })

  it('writes only the shop and the ledger: hours, attendance and roles are untouched by spending', async () => {
    t.emulator.resetStats()
    await t.ok('demo-lead3', 'mall.redeem', { itemId: SEED_ITEMS.towel }, C)
    const touched = Object.entries(t.emulator.stats.writes)
      .filter(([coll, n]) => n > 0 && coll !== '(transaction)')
      .map(([coll]) => coll)
      .sort()
    expect(touched).toEqual(['mallHolds', 'mallItems', 'mallOrders', 'messages', 'pointBalances', 'pointEntries'])
  })

  it('says why not, and changes nothing: too few points, sold out, off the shelf, over the limit, another community', async () => {
    const refusals: Array<[string, string, RegExp]> = [
      ['demo-newcomer', SEED_ITEMS.towel, /积分不足/],
      ['demo-lead', SEED_ITEMS.detergent, /已兑完/],
      ['demo-lead', SEED_ITEMS.umbrella, /已下架/],
      ['demo-lead', `${OTHER_COMMUNITY._id}:item-x`, /没有这件物品/],
    ]
    for (const [who, itemId, message] of refusals) {
      t.emulator.resetStats()
      const res = await t.call(who, 'mall.redeem', { itemId }, C)
      expect({ who, itemId, res }).toEqual({ who, itemId, res: expect.objectContaining({ ok: false, error: expect.objectContaining({ message: expect.stringMatching(message) }) }) })
      expect(dataWrites(t)).toBe(0)
    }
    // The list says the same before anyone taps.
    const shop = await t.ok('demo-newcomer', 'mall.items', {}, C)
    expect(shop.items.find((i) => i.id === SEED_ITEMS.towel)).toMatchObject({ canRedeem: false, why: expect.stringMatching(/积分不足/) })
    expect(shop.items.some((i) => i.id === SEED_ITEMS.umbrella)).toBe(false)
    expect(shop.notice).toMatch(/不能购买.*不能兑换现金/)
  })

  it('holds a one-per-person item to one, even after it was handed over', async () => {
    const itemId = await newItem({ name: '春联礼包', price: 5, stock: 10, limitPerPerson: 1 })
    await t.ok('demo-admin', 'points.adjust', { memberId: membershipId(C, 'demo-resident'), amount: 20, reason: '补记楼道清理服务' }, C)
    const { orderId } = await t.ok('demo-resident', 'mall.redeem', { itemId }, C)
    await t.ok('demo-committee', 'mall.order.handover', { orderId }, C)
    t.emulator.resetStats()
    expect(await t.call('demo-resident', 'mall.redeem', { itemId }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '每人限兑 1 件，你已兑换过' } })
    expect(dataWrites(t)).toBe(0)
  })

  it('refuses bad input and changes nothing', async () => {
    for (const payload of [{}, { itemId: '' }, { itemId: SEED_ITEMS.rice, count: 2 }, { itemId: 42 }]) {
      t.emulator.resetStats()
      expect(await t.call('demo-resident', 'mall.redeem', payload, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
      expect(dataWrites(t)).toBe(0)
    }
    for (const payload of [{ name: '大米', price: 0, stock: 1 }, { name: '大米', price: 1.5, stock: 1 }, { name: '大米', price: 10, stock: -1 }, { name: '', price: 10, stock: 1 }]) {
      t.emulator.resetStats()
      expect(await t.call('demo-committee', 'mall.item.create', payload, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      expect(dataWrites(t)).toBe(0)
    }
  })
})

describe('hand-over and cancellation', () => {
  it('the committee hands over once; a handed-over order cannot be cancelled', async () => {
    const pending = await t.ok('demo-committee', 'mall.order.list', { status: 'pending' }, C)
    const rice = pending.items.find((o) => o.id === SEED_ORDERS.rice)!
    // The committee sees whose it is (masked) and where they live, to hand it to the right person.
    expect(rice).toMatchObject({ name: expect.stringMatching(/\*/), household: expect.stringMatching(/号楼/), pickupCode: expect.stringMatching(/^\d{4}$/) })
    expect(JSON.stringify(rice)).not.toMatch(/demo-lead3/)
    expect(await t.ok('demo-committee', 'mall.order.handover', { orderId: SEED_ORDERS.rice }, C)).toEqual({ orderId: SEED_ORDERS.rice, status: 'handedOver' })
    expect(await t.ok('demo-admin', 'mall.order.handover', { orderId: SEED_ORDERS.rice }, C)).toEqual({ orderId: SEED_ORDERS.rice, status: 'handedOver' })
    const told = (await t.ok('demo-lead3', 'message.list', { limit: 20 }, C)).items.filter((m) => m.kind === 'mall.handedOver')
    expect(told).toHaveLength(1)
    expect(await t.call('demo-lead3', 'mall.order.cancel', { orderId: SEED_ORDERS.rice }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '物品已领取，不能取消' } })
    expect(await t.call('demo-volunteer', 'mall.order.handover', { orderId: SEED_ORDERS.rice }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a cancel refunds with a new entry and puts the item back; no entry is removed', async () => {
    const me = membershipId(C, 'demo-lead')
    const before = { balance: await balance('demo-lead'), entries: (await ledgerSum(me)).entries, stock: (await itemOf(SEED_ITEMS.towel)).stock }
    expect(await t.call('demo-resident', 'mall.order.cancel', { orderId: SEED_ORDERS.towel }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-committee', 'mall.order.cancel', { orderId: SEED_ORDERS.towel }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '居委会取消订单须写明原因' } })
    expect(await t.ok('demo-committee', 'mall.order.cancel', { orderId: SEED_ORDERS.towel, reason: '毛巾受潮，无法交付' }, C)).toMatchObject({ status: 'cancelled', balance: before.balance + 30 })
    // Again (a retry): nothing more.
    expect(await t.ok('demo-committee', 'mall.order.cancel', { orderId: SEED_ORDERS.towel, reason: '毛巾受潮，无法交付' }, C)).toMatchObject({ status: 'cancelled', balance: before.balance + 30 })
    const ledger = await ledgerSum(me)
    expect(ledger.entries).toBe(before.entries + 1)
    expect(ledger.sum).toBe(await storedBalance(me))
    expect((await itemOf(SEED_ITEMS.towel)).stock).toBe(before.stock + 1)
    const points = await t.ok('demo-lead', 'points.mine', {}, C)
    expect(points.entries[0]).toMatchObject({ amount: 30, kind: 'refund', reason: '毛巾受潮，无法交付' })
    expect(points.entries.some((e) => e.amount === -30 && e.kind === 'redemption')).toBe(true)
    const message = (await t.ok('demo-lead', 'message.list', { limit: 20 }, C)).items.find((m) => m.kind === 'mall.cancelled')
    expect(message).toMatchObject({ body: expect.stringContaining('毛巾受潮') })
    // The towel can be redeemed again: the hold no longer counts the cancelled order.
    expect(await t.ok('demo-lead', 'mall.redeem', { itemId: SEED_ITEMS.towel }, C)).toMatchObject({ status: 'redeemed' })
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'mall.order.cancel' }).get()) as { data: unknown[] }
    expect(audit.data).toHaveLength(1)
  })

  it('the committee restocks and edits under the same rule as redemptions, never below zero', async () => {
    const stock = (await itemOf(SEED_ITEMS.oil)).stock
    expect(await t.ok('demo-committee', 'mall.item.update', { itemId: SEED_ITEMS.oil, restock: 4, price: 140 }, C)).toMatchObject({ stock: stock + 4, price: 140 })
    t.emulator.resetStats()
    expect(await t.call('demo-committee', 'mall.item.update', { itemId: SEED_ITEMS.oil, restock: -(stock + 5) }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(dataWrites(t)).toBe(0)
    expect(await t.call('demo-resident', 'mall.item.update', { itemId: SEED_ITEMS.oil, restock: 4 }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-resident', 'mall.items', { all: true }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('a crowd at the last items', () => {
  it('60 residents who can each afford one, each tapping twice, get exactly the 5 in stock', async () => {
    const people = Array.from({ length: 60 }, (_, i) => `shop-crowd-${String(i).padStart(2, '0')}`)
    const ids = new Map<string, string>()
    for (const [i, openid] of people.entries()) {
      await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: HOUSEHOLDS[i % HOUSEHOLDS.length]._id, nickname: `邻居${i}` })
      const res = (await t.db.collection('memberships').where({ communityId: C, openid }).get()) as { data: Array<{ _id: string }> }
      ids.set(openid, res.data[0]._id)
    }
    // Each gets what one item costs; corrections are checked texts, so the admin's allowance is spread over hours.
    for (const [i, openid] of people.entries()) {
      if (i % 30 === 0) t.clock.advance(HOUR)
      await t.ok('demo-admin', 'points.adjust', { memberId: ids.get(openid)!, amount: 10, reason: '参加社区清洁日' }, C)
    }
    const itemId = await newItem({ name: '爱心年货包', price: 10, stock: 5 })
    // A CONFLICT (the crowd outlasted the transaction's retries) is retried, as the app's button would be pressed again.
    const redeem = async (openid: string) => {
      for (;;) {
        const res = await t.call(openid, 'mall.redeem', { itemId }, C)
        if (res.ok || res.error.code !== 'CONFLICT') return { openid, res }
      }
    }
    const answers = await Promise.all(people.flatMap((openid) => [0, 1].map(() => redeem(openid))))
    const codes = answers.map(({ res }) => (res.ok ? res.data.status : `${res.error.code}:${res.error.message}`))
    for (const code of codes) expect(code).toMatch(/^(redeemed|already)$|^FAILED_PRECONDITION:(已兑完，等待补货|积分不足.*)$/)
    const winners = new Set(answers.filter(({ res }) => res.ok).map(({ openid }) => openid))
    expect(winners.size).toBe(5)
    expect(codes.filter((c) => c === 'redeemed')).toHaveLength(5)
    expect((await itemOf(itemId)).stock).toBe(0)
    const pending = await t.ok('demo-committee', 'mall.order.list', { status: 'pending', limit: 50 }, C)
    const orders = pending.items.filter((o) => o.itemId === itemId)
    expect(orders).toHaveLength(5)
    expect(new Set(orders.map((o) => o.memberId)).size).toBe(5)
    for (const openid of people) {
      const id = ids.get(openid)!
      const { sum, entries } = await ledgerSum(id)
      expect({ openid, balance: await storedBalance(id), sum, entries }).toEqual({ openid, balance: sum, sum: winners.has(openid) ? 0 : 10, entries: winners.has(openid) ? 2 : 1 })
    }
  })
})
