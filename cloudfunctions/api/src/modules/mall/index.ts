/**
 * 爱心超市: the committee stocks items priced in points; a resident redeems one and
 * collects it, the committee hands it over and confirms.
 *
 * A redemption is one short transaction over documents by id: the item (its stock),
 * the person's hold on the item (orders kept, the one awaiting hand-over), the
 * person's point balance and entry (platform/points), and the order. Every redemption
 * of one item writes the item document, so two of them conflict and the retry reads
 * the stock the other left: stock and balance change together and neither goes below
 * zero. Every redemption by one person of one item writes their hold, so a double tap
 * or a retry after a crash finds the order already waiting instead of making another.
 *
 * A cancelled order is never removed: the refund is a new ledger entry and the stock
 * comes back. Points come only from taking part (no action sells or cashes them), and
 * spending them touches nothing but the ledger: hours and stars live elsewhere.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { action } from '../../platform/action'
import { payOwedCredits } from '../../platform/checkin'
import type { ScopedDb, StoredDoc } from '../../platform/db'
import { forbidden, notFound, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { POINTS_NOT_MONEY, orderStatusLabel, type OrderStatus } from '../../platform/labels'
import { pageLink } from '../../platform/links'
import { photosFor, unpublishedPhotos, type PhotoHolder } from '../../platform/media'
import { householdLabels, publicNames } from '../../platform/names'
import { notify } from '../../platform/notify'
import { findPage } from '../../platform/paging'
import { balanceOf, postEntry } from '../../platform/points'
import { registerPersonalData } from '../../platform/personal'
import { committeeMembers } from '../../platform/recipients'
import { isCommittee, type Membership } from '../../platform/roles'
import { iso } from '../../platform/time'
import { cursor, id, limit, name, ownFileId, text } from '../../platform/validation'

export const ITEMS = 'mallItems'
export const ORDERS = 'mallOrders'
export const HOLDS = 'mallHolds'

export interface MallItem extends StoredDoc, PhotoHolder {
  name: string
  description: string
  /** points per item */
  price: number
  stock: number
  /** on the shelf; an inactive item is kept (orders name it) but nobody can redeem it */
  active: boolean
  /** the most one person may hold at once (orders not cancelled); null: no limit */
  limitPerPerson: number | null
  /** orders not cancelled */
  redeemed: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** One person's redemptions of one item: `_id` from both, written by every redemption and cancellation of theirs. */
export interface MallHold extends StoredDoc {
  itemId: string
  memberId: string
  /** orders ever made (numbers the next one) */
  seq: number
  /** orders not cancelled, against the item's limit */
  kept: number
  /** the order awaiting hand-over, if any: one at a time, so a retried redemption finds it */
  pendingOrderId: string | null
  updatedAt: Date
}

export interface MallOrder extends StoredDoc {
  itemId: string
  memberId: string
  /** as at redemption: a later rename or new price does not rewrite what was paid */
  itemName: string
  price: number
  status: OrderStatus
  createdAt: Date
  handedOverAt: Date | null
  handedOverBy: string | null
  cancelledAt: Date | null
  cancelledBy: string | null
  cancelReason: string | null
}

const holdId = (db: ScopedDb, itemId: string, memberId: string) => `${itemId}:${memberId.slice(db.communityId.length + 1)}`

/** Four digits the resident shows at the counter, so the committee hands the item to the right person. */
export const pickupCode = (orderId: string) => String(parseInt(createHash('sha256').update(`pickup:${orderId}`).digest('hex').slice(0, 8), 16) % 10000).padStart(4, '0')

const shopLink = () => pageLink('shop')
const ordersLink = () => pageLink('orders')

const itemFields = {
  name: name(30, 2),
  description: text(300).default(''),
  price: z.number().int('积分须为整数').min(1).max(100000),
  photo: ownFileId.nullable().default(null),
  limitPerPerson: z.number().int().min(1).max(100).nullable().default(null),
}

function itemView(item: MallItem, reader: { memberId: string; committee: boolean }) {
  const { photos, pendingPhotos } = photosFor(item, item.createdBy, reader)
  return {
    id: item._id,
    name: item.name,
    description: item.description,
    price: item.price,
    stock: item.stock,
    active: item.active,
    limitPerPerson: item.limitPerPerson,
    redeemed: item.redeemed,
    photo: photos[0] ?? null,
    photoPending: pendingPhotos.length > 0,
    updatedAt: iso(item.updatedAt)!,
  }
}

/** Whether this person may redeem the item now, and if not, why (for the button). */
function redeemable(item: MallItem, hold: MallHold | undefined, balance: number): { canRedeem: boolean; why: string | null } {
  const why = !item.active
    ? '已下架'
    : hold?.pendingOrderId
      ? '你有一件待领取，领取后才能再兑换'
      : item.limitPerPerson !== null && (hold?.kept ?? 0) >= item.limitPerPerson
        ? `每人限兑 ${item.limitPerPerson} 件，你已兑换过`
        : item.stock <= 0
          ? '已兑完，等待补货'
          : balance < item.price
            ? `积分不足（还差 ${item.price - balance} 分）`
            : null
  return { canRedeem: why === null, why }
}

export const listItems = action({
  name: 'mall.items',
  summary: '爱心超市的物品（居民看上架的，居委会加 all 看全部），附我的积分余额和每件能否兑换',
  roles: ['resident'],
  input: z.strictObject({ all: z.boolean().default(false), cursor, limit: limit(50, 20) }),
  async run({ db, input, caller, member }) {
    const me = member.membership._id
    const committee = isCommittee(caller)
    if (input.all && !committee) throw forbidden('只有居委会可以查看已下架的物品')
    const query = input.all ? {} : { active: true }
    const [{ page, nextCursor }, balance] = await Promise.all([findPage(db.collection<MallItem>(ITEMS), query, [['updatedAt', 'desc']], input), balanceOf(db, me)])
    const holds = page.length
      ? await db.collection<MallHold>(HOLDS).find({ _id: db._.in(page.map((i) => holdId(db, i._id, me))) }, { limit: page.length })
      : []
    const holdOf = new Map(holds.map((h) => [h.itemId, h]))
    const reader = { memberId: me, committee }
    return {
      balance,
      notice: POINTS_NOT_MONEY,
      items: page.map((item) => ({ ...itemView(item, reader), ...redeemable(item, holdOf.get(item._id), balance) })),
      nextCursor,
      canManage: committee,
    }
  },
})

export const createItem = action({
  name: 'mall.item.create',
  summary: '上架一件爱心超市物品：名称、所需积分、库存、图片、每人限兑（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ ...itemFields, stock: z.number().int().min(0).max(10000), active: z.boolean().default(true) }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const now = clock.now()
    const me = member.membership._id
    const photos = input.photo ? [input.photo] : []
    const submitted = await ctx.photos.submit(photos, 3)
    const itemId = newId(db, 'item', now)
    await db.collection<MallItem>(ITEMS).add({
      _id: itemId,
      name: input.name,
      description: input.description,
      price: input.price,
      stock: input.stock,
      active: input.active,
      limitPerPerson: input.limitPerPerson,
      redeemed: 0,
      ...unpublishedPhotos(photos),
      createdBy: me,
      createdAt: now,
      updatedAt: now,
    })
    await ctx.photos.record({ collection: ITEMS, docId: itemId, field: 'photos', authorId: me, label: `爱心超市物品「${input.name}」`, link: shopLink() }, submitted)
    await ctx.audit({ action: 'mall.item.create', target: { collection: ITEMS, id: itemId }, after: { name: input.name, price: input.price, stock: input.stock } })
    return { itemId }
  },
})

export const updateItem = action({
  name: 'mall.item.update',
  summary: '修改物品（名称、说明、积分、图片、限兑、上下架）或补货/减少库存；已兑换的订单按当时的积分（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({
    itemId: id,
    name: itemFields.name.optional(),
    description: text(300).optional(),
    price: itemFields.price.optional(),
    photo: ownFileId.nullable().optional(),
    limitPerPerson: z.number().int().min(1).max(100).nullable().optional(),
    active: z.boolean().optional(),
    /** stock to add (補货) or, negative, to take off the shelf; never below zero */
    restock: z.number().int().min(-10000).max(10000).optional(),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.itemId, '没有这件物品')
    const now = clock.now()
    const me = member.membership._id
    const newPhoto = input.photo ? [input.photo] : []
    const submitted = await ctx.photos.submit(newPhoto, 3)
    const { itemId, restock, photo, ...fields } = input
    // A transaction, as every redemption writes the item: a restock never overwrites a redemption's stock.
    const { before, after } = await db.transaction(async (tx) => {
      const item = await tx.get<MallItem>(ITEMS, itemId)
      if (!item) throw notFound('没有这件物品')
      const stock = item.stock + (restock ?? 0)
      if (stock < 0) throw precondition(`库存只剩 ${item.stock} 件，不能减少 ${-restock!} 件`)
      const patch: Record<string, unknown> = { ...fields, stock, updatedAt: now }
      if (photo !== undefined) Object.assign(patch, unpublishedPhotos(newPhoto))
      await tx.update(ITEMS, itemId, patch)
      return { before: item, after: { ...item, ...patch } as MallItem }
    })
    if (submitted.length) {
      await ctx.photos.record({ collection: ITEMS, docId: itemId, field: 'photos', authorId: me, label: `爱心超市物品「${after.name}」`, link: shopLink() }, submitted)
    }
    const summary = (i: MallItem) => ({ name: i.name, price: i.price, stock: i.stock, active: i.active, limitPerPerson: i.limitPerPerson })
    await ctx.audit({ action: 'mall.item.update', target: { collection: ITEMS, id: itemId }, before: summary(before), after: summary(after) })
    return itemView(after, { memberId: me, committee: true })
  },
})

export const redeem = action({
  name: 'mall.redeem',
  summary: '用积分兑换一件物品：扣积分和减库存同时完成；一件待领取时再点不会重复兑换（居民）',
  roles: ['resident'],
  input: z.strictObject({ itemId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.itemId, '没有这件物品')
    const me = member.membership._id
    const now = clock.now()
    const hid = holdId(db, input.itemId, me)
    // A refusal the person can act on is found before any write (the transaction checks again under the race).
    const [seen, seenHold, seenBalance] = await Promise.all([db.collection<MallItem>(ITEMS).get(input.itemId), db.collection<MallHold>(HOLDS).get(hid), balanceOf(db, me)])
    if (!seen) throw notFound('没有这件物品')
    if (!seenHold?.pendingOrderId) {
      let balance = seenBalance
      // Points a scan just earned may still be owed (platform/checkin): paid first, before saying there are too few.
      if (redeemable(seen, seenHold ?? undefined, balance).why && (await payOwedCredits(db, { memberId: me }, () => ctx.settings))) balance = await balanceOf(db, me)
      const why = redeemable(seen, seenHold ?? undefined, balance).why
      if (why) throw precondition(why)
    }
    const outcome = await db.transaction(async (tx) => {
      const item = await tx.get<MallItem>(ITEMS, input.itemId)
      if (!item) throw notFound('没有这件物品')
      const hold = await tx.get<MallHold>(HOLDS, hid)
      if (hold?.pendingOrderId) return { status: 'already' as const, orderId: hold.pendingOrderId, item, balance: null }
      const why = redeemable(item, hold ?? undefined, Infinity).why
      if (why) throw precondition(why)
      const seq = (hold?.seq ?? 0) + 1
      const orderId = `${hid}:${seq}`
      // The item first: of redemptions racing for the last stock, the losers learn so before writing more.
      await tx.update(ITEMS, item._id, { stock: item.stock - 1, redeemed: item.redeemed + 1 })
      const spent = await postEntry(tx, { memberId: me, amount: -item.price, kind: 'redemption', source: `mall:${orderId}`, label: `兑换「${item.name}」`, by: me, at: now }, null)
      await tx.set(HOLDS, hid, { itemId: item._id, memberId: me, seq, kept: (hold?.kept ?? 0) + 1, pendingOrderId: orderId, updatedAt: now })
      const order: Omit<MallOrder, 'communityId'> = {
        _id: orderId,
        itemId: item._id,
        memberId: me,
        itemName: item.name,
        price: item.price,
        status: 'pending',
        createdAt: now,
        handedOverAt: null,
        handedOverBy: null,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
      }
      await tx.add(ORDERS, order)
      return { status: 'redeemed' as const, orderId, item, balance: spent.balance }
    })
    if (outcome.status === 'redeemed') {
      await notify(ctx, db, [me], {
        kind: 'mall.redeemed',
        title: '兑换成功，请到社区领取',
        body: `「${outcome.item.name}」已兑换，扣 ${outcome.item.price} 积分。领取码 ${pickupCode(outcome.orderId)}，请到居委会领取`,
        link: ordersLink(),
        key: `mall-redeemed-${outcome.orderId}`,
      })
    }
    return { status: outcome.status, orderId: outcome.orderId, pickupCode: pickupCode(outcome.orderId), balance: outcome.balance ?? (await balanceOf(db, me)) }
  },
})

async function orderViews(db: ScopedDb, orders: MallOrder[], withOwner: boolean) {
  const owners = withOwner && orders.length ? await db.collection<Membership>('memberships').find({ _id: db._.in([...new Set(orders.map((o) => o.memberId))]) }, { limit: orders.length, fields: { householdId: true } }) : []
  const [names, households] = withOwner && orders.length ? await Promise.all([publicNames(db, orders.map((o) => o.memberId)), householdLabels(db, owners.map((m) => m.householdId))]) : [null, null]
  const householdOf = new Map(owners.map((m) => [m._id, m.householdId ? (households?.get(m.householdId) ?? null) : null]))
  return orders.map((o) => ({
    id: o._id,
    itemId: o.itemId,
    itemName: o.itemName,
    price: o.price,
    status: o.status,
    statusLabel: orderStatusLabel(o.status),
    pickupCode: pickupCode(o._id),
    createdAt: iso(o.createdAt)!,
    handedOverAt: iso(o.handedOverAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    ...(withOwner ? { memberId: o.memberId, name: names!(o.memberId), household: householdOf.get(o.memberId) ?? null } : {}),
  }))
}

export const myOrders = action({
  name: 'mall.order.mine',
  summary: '我的兑换记录（最新的在前）：待领取的附领取码',
  roles: ['resident'],
  input: z.strictObject({ cursor, limit: limit(50, 20) }),
  async run({ db, input, member }) {
    const { page, nextCursor } = await findPage(db.collection<MallOrder>(ORDERS), { memberId: member.membership._id }, [['createdAt', 'desc']], input)
    return { items: await orderViews(db, page, false), nextCursor }
  },
})

export const listOrders = action({
  name: 'mall.order.list',
  summary: '兑换订单（居委会）：按状态列出，待领取的用来核对领取码和交付',
  roles: ['committee', 'admin'],
  input: z.strictObject({ status: z.enum(['pending', 'handedOver', 'cancelled']).default('pending'), cursor, limit: limit(50, 20) }),
  async run({ db, input }) {
    const { page, nextCursor } = await findPage(db.collection<MallOrder>(ORDERS), { status: input.status }, [['createdAt', input.status === 'pending' ? 'asc' : 'desc']], input)
    return { items: await orderViews(db, page, true), nextCursor }
  },
})

export const handOver = action({
  name: 'mall.order.handover',
  summary: '交付物品并确认领取（居委会；订单变为已领取，写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ orderId: id }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.orderId, '没有这个订单')
    const me = member.membership._id
    const now = clock.now()
    const order = await db.transaction(async (tx) => {
      const o = await tx.get<MallOrder>(ORDERS, input.orderId)
      if (!o) throw notFound('没有这个订单')
      if (o.status === 'handedOver') return { ...o, already: true }
      if (o.status !== 'pending') throw precondition('这个订单已取消，不能交付')
      const hid = holdId(db, o.itemId, o.memberId)
      const hold = await tx.get<MallHold>(HOLDS, hid)
      await tx.update(ORDERS, o._id, { status: 'handedOver', handedOverAt: now, handedOverBy: me })
      if (hold?.pendingOrderId === o._id) await tx.update(HOLDS, hid, { pendingOrderId: null, updatedAt: now })
      return { ...o, already: false }
    })
    if (!order.already) {
      await ctx.audit({ action: 'mall.order.handover', target: { collection: ORDERS, id: order._id }, before: { status: 'pending' }, after: { status: 'handedOver' } })
      await notify(ctx, db, [order.memberId], {
        kind: 'mall.handedOver',
        title: '物品已领取',
        body: `你兑换的「${order.itemName}」已领取，感谢参与社区服务`,
        link: ordersLink(),
        key: `mall-handed-${order._id}`,
      })
    }
    return { orderId: order._id, status: 'handedOver' as const }
  },
})

export const cancelOrder = action({
  name: 'mall.order.cancel',
  summary: '取消待领取的兑换：居民本人可取消，居委会取消须写明原因；积分以新的退回记录返还，库存恢复',
  roles: ['resident'],
  input: z.strictObject({ orderId: id, reason: text(200, 2).optional() }),
  async run(ctx) {
    const { db, input, member, caller, clock } = ctx
    assertOwnId(db, input.orderId, '没有这个订单')
    const me = member.membership._id
    const committee = isCommittee(caller)
    const now = clock.now()
    const outcome = await db.transaction(async (tx) => {
      const o = await tx.get<MallOrder>(ORDERS, input.orderId)
      if (!o) throw notFound('没有这个订单')
      const own = o.memberId === me
      if (!own && !committee) throw forbidden('只能取消自己的兑换')
      if (!own && !input.reason) throw precondition('居委会取消订单须写明原因')
      if (o.status === 'cancelled') return { order: o, already: true, balance: null }
      if (o.status !== 'pending') throw precondition('物品已领取，不能取消')
      const hid = holdId(db, o.itemId, o.memberId)
      const item = await tx.get<MallItem>(ITEMS, o.itemId)
      const hold = await tx.get<MallHold>(HOLDS, hid)
      await tx.update(ORDERS, o._id, { status: 'cancelled', cancelledAt: now, cancelledBy: me, cancelReason: input.reason ?? null })
      if (item) await tx.update(ITEMS, item._id, { stock: item.stock + 1, redeemed: Math.max(0, item.redeemed - 1) })
      if (hold) await tx.update(HOLDS, hid, { kept: Math.max(0, hold.kept - 1), pendingOrderId: hold.pendingOrderId === o._id ? null : hold.pendingOrderId, updatedAt: now })
      const back = await postEntry(
        tx,
        { memberId: o.memberId, amount: o.price, kind: 'refund', source: `mall:cancel:${o._id}`, label: `取消兑换「${o.itemName}」，退回积分`, reason: input.reason ?? null, by: me, at: now },
        null,
      )
      return { order: o, already: false, balance: back.balance }
    })
    const { order } = outcome
    if (!outcome.already) {
      if (order.memberId !== me) {
        await ctx.audit({ action: 'mall.order.cancel', target: { collection: ORDERS, id: order._id }, before: { status: 'pending' }, after: { status: 'cancelled', refund: order.price }, reason: input.reason })
        await notify(ctx, db, [order.memberId], {
          kind: 'mall.cancelled',
          title: '兑换已被居委会取消',
          body: `「${order.itemName}」的兑换已取消，${order.price} 积分已退回。原因：${(input.reason ?? '').slice(0, 40)}`,
          link: ordersLink(),
          key: `mall-cancelled-${order._id}`,
        })
      } else {
        await notify(ctx, db, await committeeMembers(db), {
          kind: 'mall.cancelled',
          title: '居民取消了一笔兑换',
          body: `「${order.itemName}」的待领取订单已由居民取消，库存已恢复`,
          link: pageLink('shopAdmin'),
          key: `mall-cancelled-${order._id}`,
        })
      }
    }
    return { orderId: order._id, status: 'cancelled' as const, balance: outcome.balance ?? (await balanceOf(db, order.memberId === me ? me : order.memberId)) }
  },
})

registerPersonalData({
  name: 'mall',
  async export(db, m) {
    const orders = await db.collection<MallOrder>(ORDERS).find({ memberId: m._id }, { orderBy: [['createdAt', 'desc']], limit: 1000 })
    return { orders: await orderViews(db, orders, false) }
  },
})

export const actions = [listItems, createItem, updateItem, redeem, myOrders, listOrders, handOver, cancelOrder] as const

