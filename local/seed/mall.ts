/**
 * 爱心超市 and 微心愿 as a community finds them after a few weeks: items on the shelf
 * (two sold out, one taken off), orders awaiting hand-over, handed over and cancelled,
 * the points that paid for them in the ledger, and a wish in every state.
 *
 * Points are appended to whatever the seeds before this one credited (an entry per
 * change, the balance the sum of them), as the ledger itself would.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { PNG } from 'pngjs'
import { uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { balanceId, chinaDay, entryId } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const member = (openid: string) => membershipId(C, openid)
const key = (memberId: string) => memberId.slice(C.length + 1)

const item = (k: string) => `${C}:item-seed-${k}`
export const SEED_ITEMS = {
  rice: item('rice'),
  oil: item('oil'),
  detergent: item('detergent'),
  towel: item('towel'),
  haircut: item('haircut'),
  book: item('book'),
  umbrella: item('umbrella'),
}
const orderOf = (itemId: string, openidOrId: string, seq = 1) => `${itemId}:${key(openidOrId.startsWith(`${C}:`) ? openidOrId : member(openidOrId))}:${seq}`

/** A neighbour of 3号楼 (demo-lead3's building) and one of 1号楼, by household. */
const inBuilding = (n: number) => neighbours().filter((p) => p.household.startsWith(`${C}:b${n}-`))

/**
 * The shop's history belongs to demo-lead and demo-lead3: other areas' tests count the
 * points of demo-resident, demo-volunteer and demo-newcomer from zero.
 */
export const SEED_ORDERS = {
  /** demo-lead's 纯棉毛巾, awaiting hand-over */
  towel: orderOf(SEED_ITEMS.towel, 'demo-lead'),
  oil: orderOf(SEED_ITEMS.oil, 'demo-lead'),
  haircut: orderOf(SEED_ITEMS.haircut, 'demo-lead'),
  /** demo-lead3's 东北大米, awaiting hand-over */
  rice: orderOf(SEED_ITEMS.rice, 'demo-lead3'),
}

/** The volunteer (a neighbour) who fulfilled the wish already confirmed, and was credited for it. */
export const SEED_DONE_VOLUNTEER = neighbours()[27].openid

const wish = (k: string) => `${C}:wish-seed-${k}`
export const SEED_WISHES = {
  /** 待审核: posted by demo-lead for an elder of 2号楼 without the app */
  pending: wish('glasses'),
  /** 心愿墙: demo-resident's own */
  open: wish('lamp'),
  /** 心愿墙, 优先: a claim was dropped */
  returned: wish('tap'),
  /** 已认领 by demo-volunteer */
  claimed: wish('clinic'),
  /** 已实现待确认: demo-lead3 posted it for a neighbour of 3号楼; demo-volunteer fulfilled it */
  fulfilled: wish('quilt'),
  done: wish('rack'),
  rejected: wish('phone'),
}

/** The photo demo-volunteer took of the fulfilled wish: in their own place in storage. */
export const SEED_WISH_PHOTO_PATH = `${uploadPrefix(C, member('demo-volunteer'))}wishes/seed-quilt.png`
const itemPhotoPath = (k: string) => `${uploadPrefix(C, member('demo-committee'))}mall/seed-${k}.png`

/** A plain picture of a parcel in the item's colour, drawn here (no binary files in the repository). */
function parcel([r, g, b]: [number, number, number]): Buffer {
  const size = 200
  const png = new PNG({ width: size, height: size })
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4
      const box = x > 40 && x < 160 && y > 55 && y < 165
      const ribbon = box && (Math.abs(x - 100) < 8 || Math.abs(y - 105) < 8)
      const [pr, pg, pb] = ribbon ? [250, 240, 220] : box ? [r, g, b] : [248, 246, 240]
      png.data[i] = pr
      png.data[i + 1] = pg
      png.data[i + 2] = pb
      png.data[i + 3] = 255
    }
  }
  return PNG.sync.write(png)
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function seedMall(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    if (docs.length) await db.collection(collection).add(docs.map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }
  const committee = member('demo-committee')
  const upload = async (cloudPath: string, colour: [number, number, number]) => (await app.uploadFile({ cloudPath, fileContent: parcel(colour) })).fileID as string

  const shelf: Array<{ k: keyof typeof SEED_ITEMS; name: string; description: string; price: number; stock: number; redeemed: number; limit?: number; active?: boolean; colour: [number, number, number] }> = [
    { k: 'rice', name: '东北大米 5 斤', description: '爱心企业捐赠，新米', price: 120, stock: 6, redeemed: 1, colour: [214, 170, 92] },
    { k: 'oil', name: '花生油 1.8 升', description: '压榨一级', price: 150, stock: 3, redeemed: 1, colour: [230, 190, 60] },
    { k: 'detergent', name: '洗衣液 2 千克', description: '下周补货', price: 80, stock: 0, redeemed: 0, colour: [90, 150, 210] },
    { k: 'towel', name: '纯棉毛巾', description: '两条装', price: 30, stock: 19, redeemed: 1, colour: [120, 190, 160] },
    { k: 'haircut', name: '爱心理发券', description: '社区理发志愿队，每周三上午', price: 50, stock: 10, redeemed: 0, limit: 1, colour: [200, 110, 120] },
    { k: 'book', name: '儿童绘本', description: '每户限兑一本', price: 60, stock: 0, redeemed: 1, limit: 1, colour: [240, 140, 80] },
    { k: 'umbrella', name: '折叠雨伞', description: '已下架，等新一批', price: 40, stock: 5, redeemed: 0, active: false, colour: [110, 110, 170] },
  ]
  const photos = await Promise.all(shelf.map((s) => upload(itemPhotoPath(s.k), s.colour)))
  await add(
    'mallItems',
    shelf.map((s, i) => ({
      _id: SEED_ITEMS[s.k],
      name: s.name,
      description: s.description,
      price: s.price,
      stock: s.stock,
      active: s.active ?? true,
      limitPerPerson: s.limit ?? null,
      redeemed: s.redeemed,
      photos: [photos[i]],
      publicPhotos: [photos[i]],
      reviewPhotos: [],
      createdBy: committee,
      createdAt: ago(30),
      updatedAt: ago(30 - i),
    })),
  )

  // Points: earned by service first, then spent and refunded, each an entry after the ones already there.
  const ledger = async (memberId: string, entries: Array<{ amount: number; kind: string; source: string; label: string; at: Date; reason?: string }>) => {
    const res: any = await db.collection('pointBalances').doc(balanceId(memberId)).get()
    const current = res.data?.[0]
    let balance = current?.balance ?? 0
    let seq = current?.entries ?? 0
    const docs = entries.map((e) => {
      balance += e.amount
      seq += 1
      return { _id: entryId(memberId, e.source), memberId, amount: e.amount, kind: e.kind, source: e.source, label: e.label, reason: e.reason ?? null, by: null, at: e.at, seq, balanceAfter: balance }
    })
    await add('pointEntries', docs)
    const last = entries[entries.length - 1].at
    const state = { memberId, balance, entries: seq, day: current?.day ?? chinaDay(last), earned: current?.earned ?? {}, updatedAt: last, communityId: C }
    await db.collection('pointBalances').doc(balanceId(memberId)).set(state)
  }
  const service = (days: number, what: string) => ({ amount: 80, kind: 'service', source: `seed:service:${what}:${days}`, label: `志愿服务：${what}`, at: ago(days) })
  const resident = member('demo-resident')
  const volunteer = member('demo-volunteer')
  const shopper = member('demo-lead')
  const shopper3 = member('demo-lead3')
  const doneBy = member(SEED_DONE_VOLUNTEER)
  const reader = inBuilding(1)[0]
  await ledger(shopper, [
    service(24, '社区环境整治'),
    service(18, '敬老院探访'),
    service(12, '垃圾分类督导'),
    service(8, '防诈骗宣传'),
    { amount: -150, kind: 'redemption', source: `mall:${SEED_ORDERS.oil}`, label: '兑换「花生油 1.8 升」', at: ago(6) },
    { amount: -50, kind: 'redemption', source: `mall:${SEED_ORDERS.haircut}`, label: '兑换「爱心理发券」', at: ago(5) },
    { amount: 50, kind: 'refund', source: `mall:cancel:${SEED_ORDERS.haircut}`, label: '取消兑换「爱心理发券」，退回积分', at: ago(4) },
    { amount: -30, kind: 'redemption', source: `mall:${SEED_ORDERS.towel}`, label: '兑换「纯棉毛巾」', at: ago(1) },
  ])
  await ledger(shopper3, [service(20, '社区环境整治'), service(14, '关爱独居老人'), { amount: -120, kind: 'redemption', source: `mall:${SEED_ORDERS.rice}`, label: '兑换「东北大米 5 斤」', at: ago(2) }])
  await ledger(doneBy, [service(9, '楼道清理'), { amount: 20, kind: 'service', source: `wish:${SEED_WISHES.done}`, label: '实现微心愿「帮忙修理阳台晾衣架」', at: ago(3) }])
  await ledger(member(reader.openid), [service(15, '关爱独居老人'), { amount: -60, kind: 'redemption', source: `mall:${orderOf(SEED_ITEMS.book, reader.openid)}`, label: '兑换「儿童绘本」', at: ago(7) }])

  const order = (itemId: string, memberId: string, name: string, price: number, status: string, at: Date, extra: Record<string, unknown> = {}) => ({
    _id: orderOf(itemId, memberId),
    itemId,
    memberId,
    itemName: name,
    price,
    status,
    createdAt: at,
    handedOverAt: null,
    handedOverBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    ...extra,
  })
  await add('mallOrders', [
    order(SEED_ITEMS.oil, shopper, '花生油 1.8 升', 150, 'handedOver', ago(6), { handedOverAt: ago(5), handedOverBy: committee }),
    order(SEED_ITEMS.haircut, shopper, '爱心理发券', 50, 'cancelled', ago(5), { cancelledAt: ago(4), cancelledBy: shopper, cancelReason: null }),
    order(SEED_ITEMS.towel, shopper, '纯棉毛巾', 30, 'pending', ago(1)),
    order(SEED_ITEMS.rice, shopper3, '东北大米 5 斤', 120, 'pending', ago(2)),
    order(SEED_ITEMS.book, member(reader.openid), '儿童绘本', 60, 'handedOver', ago(7), { handedOverAt: ago(6), handedOverBy: committee }),
  ])
  const hold = (itemId: string, memberId: string, kept: number, pending: boolean, at: Date) => ({
    _id: `${itemId}:${key(memberId)}`,
    itemId,
    memberId,
    seq: 1,
    kept,
    pendingOrderId: pending ? orderOf(itemId, memberId) : null,
    updatedAt: at,
  })
  await add('mallHolds', [
    hold(SEED_ITEMS.oil, shopper, 1, false, ago(5)),
    hold(SEED_ITEMS.haircut, shopper, 0, false, ago(4)),
    hold(SEED_ITEMS.towel, shopper, 1, true, ago(1)),
    hold(SEED_ITEMS.rice, shopper3, 1, true, ago(2)),
    hold(SEED_ITEMS.book, member(reader.openid), 1, false, ago(6)),
  ])

  // 微心愿, one in each state.
  const quiltPhoto = await upload(SEED_WISH_PHOTO_PATH, [180, 70, 70])
  const elder3 = inBuilding(3)[0]
  const asker2 = inBuilding(2)[0]
  const lead = member('demo-lead')
  const lead3 = member('demo-lead3')
  const byDate = (days: number) => new Date(now.getTime() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10)
  const base = {
    priority: 0,
    returns: 0,
    openedAt: null,
    screenedBy: null,
    rejectReason: null,
    claimerId: null,
    claimedAt: null,
    claimDueAt: null,
    droppedBy: [],
    fulfilNote: null,
    fulfilledAt: null,
    hours: null,
    photos: [],
    publicPhotos: [],
    reviewPhotos: [],
    confirmedBy: null,
    confirmedAt: null,
    points: null,
    consent: null,
  }
  const consent = (method: string, by: string, days: number, note: string | null = null) => ({ method, note, recordedBy: by, at: ago(days) })
  const claimedBy = (days: number) => ({ claimerId: volunteer, claimedAt: ago(days), claimDueAt: new Date(ago(days).getTime() + 7 * DAY) })
  await add('wishes', [
    {
      ...base,
      _id: SEED_WISHES.pending,
      title: '想配一副老花镜',
      content: '陈阿婆独居，眼睛花了看不清药盒上的字，想配一副 300 度左右的老花镜。',
      category: 'health',
      byDate: byDate(20),
      beneficiaryId: null,
      beneficiaryName: '陈阿婆',
      buildingId: `${C}:b2`,
      postedBy: lead,
      consent: consent('spoken', lead, 1, '上门探访时本人口头同意'),
      status: 'pending',
      createdAt: ago(1),
      updatedAt: ago(1),
    },
    {
      ...base,
      _id: SEED_WISHES.open,
      title: '想要一盏护眼台灯',
      content: '孙子上小学三年级，家里的台灯坏了，晚上写作业光线不够。',
      category: 'study',
      byDate: byDate(14),
      beneficiaryId: resident,
      beneficiaryName: '林秀华',
      buildingId: `${C}:b1`,
      postedBy: resident,
      status: 'open',
      openedAt: ago(3),
      screenedBy: committee,
      createdAt: ago(4),
      updatedAt: ago(3),
    },
    {
      ...base,
      _id: SEED_WISHES.returned,
      title: '厨房水龙头漏水想换一个',
      content: '王伯家厨房的水龙头一直滴水，老人自己换不了，想请懂水电的志愿者帮忙。',
      category: 'repair',
      byDate: byDate(10),
      beneficiaryId: null,
      beneficiaryName: '王伯',
      buildingId: `${C}:b3`,
      postedBy: lead3,
      consent: consent('written', lead3, 9, '本人签字的同意书交居委会存档'),
      status: 'open',
      priority: 1,
      returns: 1,
      droppedBy: [member(neighbours()[4].openid)],
      openedAt: ago(2),
      screenedBy: committee,
      createdAt: ago(9),
      updatedAt: ago(2),
    },
    {
      ...base,
      _id: SEED_WISHES.claimed,
      title: '想请人陪同去社区医院复诊',
      content: '下周二上午要去社区卫生服务中心复查血压，子女在外地，想有人陪同。',
      category: 'company',
      byDate: byDate(6),
      beneficiaryId: member(asker2.openid),
      beneficiaryName: asker2.name,
      buildingId: `${C}:b2`,
      postedBy: member(asker2.openid),
      status: 'claimed',
      openedAt: ago(4),
      screenedBy: committee,
      ...claimedBy(2),
      createdAt: ago(5),
      updatedAt: ago(2),
    },
    {
      ...base,
      _id: SEED_WISHES.fulfilled,
      title: '想要一床厚棉被过冬',
      content: '家里的棉被用了十几年，已经不保暖了，想要一床厚一点的棉被。',
      category: 'daily',
      byDate: byDate(7),
      beneficiaryId: member(elder3.openid),
      beneficiaryName: elder3.name,
      buildingId: `${C}:b3`,
      postedBy: lead3,
      consent: consent('spoken', lead3, 8),
      status: 'fulfilled',
      openedAt: ago(7),
      screenedBy: committee,
      ...claimedBy(5),
      fulfilNote: '已送去一床 6 斤的棉被，帮老人铺好了。',
      fulfilledAt: ago(1),
      hours: 1.5,
      photos: [quiltPhoto],
      publicPhotos: [quiltPhoto],
      createdAt: ago(8),
      updatedAt: ago(1),
    },
    {
      ...base,
      _id: SEED_WISHES.done,
      title: '帮忙修理阳台晾衣架',
      content: '阳台的升降晾衣架绳子断了，摇不上去。',
      category: 'repair',
      byDate: byDate(-2),
      beneficiaryId: member(reader.openid),
      beneficiaryName: reader.name,
      buildingId: `${C}:b1`,
      postedBy: member(reader.openid),
      status: 'done',
      openedAt: ago(10),
      screenedBy: committee,
      claimerId: doneBy,
      claimedAt: ago(8),
      claimDueAt: new Date(ago(8).getTime() + 7 * DAY),
      fulfilNote: '换了新的钢丝绳，升降正常了。',
      fulfilledAt: ago(4),
      hours: 2,
      confirmedBy: member(reader.openid),
      confirmedAt: ago(3),
      points: 20,
      createdAt: ago(11),
      updatedAt: ago(3),
    },
    {
      ...base,
      _id: SEED_WISHES.rejected,
      title: '想要一部新手机',
      content: '现在的手机太旧了，想换一部新的智能手机。',
      category: 'other',
      byDate: byDate(30),
      beneficiaryId: member(asker2.openid),
      beneficiaryName: asker2.name,
      buildingId: `${C}:b2`,
      postedBy: member(asker2.openid),
      status: 'rejected',
      screenedBy: committee,
      rejectReason: '价值较高，超出微心愿范围，建议向社区申请临时救助',
      createdAt: ago(6),
      updatedAt: ago(5),
    },
  ])
  return documents
}
