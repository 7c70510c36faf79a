/**
 * Redemptions survive kill -9: a burst of residents redeeming the last items of three
 * shelves while the database dies three times, every call retried until it answers.
 * Whatever the moment of each crash, the stock left plus the orders made is what was
 * stocked, nobody holds two orders of one item, and every balance is the sum of its
 * entries, 30 points for each order its owner holds.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { crashBurst, startCrashableApi, type CrashableApi } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000
const PEOPLE = neighbours()
  .slice(0, 24)
  .map((n) => n.openid)
const STOCK = 6
const PRICE = 30
const GRANT = 100

let t: CrashableApi
beforeAll(async () => {
  t = await startCrashableApi()
})
afterAll(() => t?.close())

it('keeps stock, orders and balances together through repeated kill -9 during a burst of redemptions', async () => {
  for (const [i, openid] of PEOPLE.entries()) {
    if (i % 30 === 0) t.clock.advance(HOUR)
    await t.ok('demo-admin', 'points.adjust', { memberId: membershipId(C, openid), amount: GRANT, reason: '参加社区清洁日' })
  }
  const items: string[] = []
  const names = ['爱心年货包', '暖冬围巾', '保温饭盒']
  for (const name of names) items.push((await t.ok('demo-committee', 'mall.item.create', { name, price: PRICE, stock: STOCK })).itemId)

  // Everyone taps every item twice: more wanted than stocked, and double taps on top.
  // A CONFLICT (the crowd outlasted the transaction's retries) is sent again, as a person would tap again.
  const send = async (openid: string, itemId: string): Promise<Envelope> => {
    for (;;) {
      const res = (await t.call(openid, 'mall.redeem', { itemId })) as Envelope
      if (res.ok || res.error.code !== 'CONFLICT') return res
    }
  }
  const jobs = PEOPLE.flatMap((openid) => items.flatMap((itemId) => [0, 1].map(() => ({ openid, itemId, send: () => send(openid, itemId) }))))
  const burst = crashBurst(t.server, { calls: jobs.map((j) => j.send), kills: 3 })
  const result = await burst
  console.log(`mall crash burst: ${jobs.length} calls, ${result.kills} kills, ${result.retried} retried, ${result.ms} ms`)
  expect(result.kills).toBe(3)
  expect(result.retried).toBeGreaterThan(0)
  for (const a of result.answers) {
    const code = a.answer.ok ? (a.answer.data as { status: string }).status : `${a.answer.error.code}:${a.answer.error.message}`
    expect(code).toMatch(/^(redeemed|already)$|^FAILED_PRECONDITION:(已兑完，等待补货|积分不足.*)$/)
  }

  const shelf = await t.ok('demo-committee', 'mall.items', { all: true, limit: 50 })
  const orders = (await t.ok('demo-committee', 'mall.order.list', { status: 'pending', limit: 50 })).items.filter((o) => items.includes(o.itemId))
  for (const itemId of items) {
    const mine = orders.filter((o) => o.itemId === itemId)
    const item = shelf.items.find((i) => i.id === itemId)!
    expect({ itemId, stockLeft: item.stock, redeemed: item.redeemed, orders: mine.length }).toEqual({ itemId, stockLeft: STOCK - mine.length, redeemed: mine.length, orders: mine.length })
    expect(new Set(mine.map((o) => o.memberId)).size).toBe(mine.length)
  }
  // The crowd wanted more than the stock: the shelves emptied (unless points ran out first, which 100 for 3 × 30 cannot).
  expect(orders).toHaveLength(STOCK * items.length)

  for (const openid of PEOPLE) {
    const memberId = membershipId(C, openid)
    const held = orders.filter((o) => o.memberId === memberId).length
    const entries = (await t.db.collection('pointEntries').where({ communityId: C, memberId }).limit(1000).get()) as { data: Array<{ amount: number; kind: string; label: string }> }
    const sum = entries.data.reduce((n, e) => n + e.amount, 0)
    // Redemptions of the burst's items (the demo seed has its own before them).
    const spent = entries.data.filter((e) => e.kind === 'redemption' && names.some((n) => e.label.includes(n))).length
    const { balance } = await t.ok(openid, 'points.mine', {})
    expect({ openid, balance, sum, spent }).toEqual({ openid, balance: sum, sum, spent: held })
    const before = entries.data.filter((e) => !names.some((n) => e.label.includes(n))).reduce((n, e) => n + e.amount, 0)
    expect({ openid, sum }).toEqual({ openid, sum: before - PRICE * held })
  }
})
