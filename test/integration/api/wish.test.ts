/**
 * 微心愿: posted (by the person, or for them with their consent), screened before the
 * wall shows it, claimed by one volunteer however many try at once, fulfilled with a
 * photo, confirmed by the beneficiary (or their building lead), and the volunteer's
 * points credited once. Dropped or lapsed claims return to the wall ahead of the rest.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_WISHES } from '../../../local/seed/mall'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(240_000)

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const post = (openid: string, extra: Record<string, unknown> = {}) =>
  t.ok(openid, 'wish.create', { title: '想要一个保温水壶', content: '家里的水壶坏了，冬天想喝口热水。', category: 'daily', byDate: '2026-12-10', ...extra }, C)
const messages = async (openid: string, kind: string) => (await t.ok(openid, 'message.list', { limit: 50 }, C)).items.filter((m) => m.kind === kind)

describe('a wish from posting to confirmation', () => {
  it('goes through screening, one claim among 20 volunteers, a photo, and a confirmation that credits points once', async () => {
    const { wishId, status } = await post('demo-resident')
    expect(status).toBe('pending')
    // Not on the wall before the committee screens it; a neighbour cannot open it.
    expect((await t.ok('demo-volunteer', 'wish.wall', {}, C)).items.some((w) => w.id === wishId)).toBe(false)
    expect(await t.call('demo-volunteer', 'wish.get', { wishId }, C)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await messages('demo-committee', 'wish.pending')).toEqual(expect.arrayContaining([expect.objectContaining({ link: expect.stringContaining(encodeURIComponent(wishId)) })]))
    const queue = await t.ok('demo-committee', 'wish.queue', { status: 'pending' }, C)
    expect(queue.items.find((w) => w.id === wishId)).toMatchObject({ beneficiary: '林秀华', onBehalf: false })

    await t.ok('demo-committee', 'wish.review', { wishId, approve: true }, C)
    expect(await t.call('demo-admin', 'wish.review', { wishId, approve: true }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const onWall = (await t.ok('demo-volunteer', 'wish.wall', { limit: 50 }, C)).items.find((w) => w.id === wishId)
    expect(onWall).toMatchObject({ beneficiary: '林*华', status: 'open', statusLabel: '心愿墙' })
    expect(JSON.stringify(onWall)).not.toContain('林秀华')

    // Twenty volunteers at once: one claim lands.
    const crowd = neighbours().slice(0, 20).map((n) => n.openid)
    for (const openid of crowd) await t.ok('demo-admin', 'member.grantRole', { memberId: membershipId(C, openid), role: 'volunteer' }, C)
    const claims = await Promise.all(crowd.map((openid) => t.call(openid, 'wish.claim', { wishId }, C).then((res) => ({ openid, res }))))
    const won = claims.filter((c) => c.res.ok)
    expect(won).toHaveLength(1)
    for (const c of claims.filter((x) => !x.res.ok)) expect(c.res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '这个心愿已被其他志愿者认领' } })
    const claimer = won[0].openid
    const detail = await t.ok(claimer, 'wish.get', { wishId }, C)
    expect(detail).toMatchObject({ status: 'claimed', claimedByMe: true, can: { fulfil: true, drop: true, confirm: false, claim: false } })
    expect((await t.ok(crowd.find((o) => o !== claimer)!, 'wish.get', { wishId }, C)).can).toMatchObject({ claim: false, fulfil: false })
    expect(await messages('demo-resident', 'wish.claimed')).toHaveLength(1)

    // Only the claimer fulfils, with a photo.
    const photo = await t.upload(claimer, 'kettle-photo')
    expect(await t.call('demo-volunteer', 'wish.fulfil', { wishId, note: '送去了一个保温水壶。', photos: [await t.upload('demo-volunteer', 'x')], hours: 1 }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call(claimer, 'wish.fulfil', { wishId, note: '送去了一个保温水壶。', photos: [], hours: 1 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await t.call(claimer, 'wish.fulfil', { wishId, note: '送去了一个保温水壶。', photos: [photo], hours: 1.2 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await t.ok(claimer, 'wish.fulfil', { wishId, note: '送去了一个保温水壶，教老人用了。', photos: [photo], hours: 1.5 }, C)
    await t.wechat.flushMediaChecks()
    const fulfilled = await t.ok('demo-resident', 'wish.get', { wishId }, C)
    expect(fulfilled).toMatchObject({ status: 'fulfilled', statusLabel: '已实现待确认', photos: [photo], hours: 1.5, can: { confirm: true } })
    expect(await messages('demo-resident', 'wish.fulfilled')).toHaveLength(1)

    // Neither the volunteer nor a neighbour confirms; the beneficiary does, and the points land once.
    expect(await t.call(claimer, 'wish.confirm', { wishId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('demo-lead3', 'wish.confirm', { wishId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const before = (await t.ok(claimer, 'points.mine', {}, C)).balance
    const served = await t.ok(claimer, 'volunteer.record.mine', {}, C)
    const confirms = await Promise.all([1, 2, 3].map(() => t.ok('demo-resident', 'wish.confirm', { wishId }, C)))
    expect(confirms.map((c) => c.points)).toEqual([15, 15, 15])
    const points = await t.ok(claimer, 'points.mine', {}, C)
    expect(points.balance).toBe(before + 15)
    expect(points.entries.filter((e) => e.label.includes('保温水壶'))).toEqual([expect.objectContaining({ amount: 15, kind: 'service' })])
    expect(await messages(claimer, 'wish.done')).toHaveLength(1)
    const mine = await t.ok(claimer, 'wish.mine', {}, C)
    expect(mine.items.find((w) => w.id === wishId)).toMatchObject({ role: 'claimer', status: 'done', hours: 1.5, points: 15, beneficiary: '林*华' })
    expect(mine).toMatchObject({ servedWishes: 1, servedHours: 1.5 })
    // The hours count as honour hours, never as credited (scanned) hours.
    expect(await t.ok(claimer, 'volunteer.record.mine', {}, C)).toMatchObject({ honourHours: served.honourHours + 1.5, creditedHours: served.creditedHours })
  })
})

describe('returning to the wall', () => {
  it('a dropped claim and a lapsed one come back ahead of the others; the volunteer is told', async () => {
    const wall = async () => (await t.ok('demo-volunteer', 'wish.wall', { limit: 50 }, C)).items
    const firstBefore = (await wall())[0].id
    expect(firstBefore).toBe(SEED_WISHES.returned)

    await t.ok('demo-volunteer', 'wish.drop', { wishId: SEED_WISHES.claimed }, C)
    const afterDrop = await wall()
    expect(afterDrop.slice(0, 2).map((w) => [w.id, w.priority])).toEqual([
      [SEED_WISHES.returned, true],
      [SEED_WISHES.claimed, true],
    ])
    expect(await t.call('demo-volunteer', 'wish.fulfil', { wishId: SEED_WISHES.claimed, note: '已陪同复诊。', photos: [await t.upload('demo-volunteer', 'y')], hours: 1 }, C)).toMatchObject({ ok: false })

    // Claimed again, then left past its seven days: the sweep its claim armed the alarm for puts it back.
    await t.ok('demo-volunteer', 'wish.claim', { wishId: SEED_WISHES.claimed }, C)
    t.clock.advance(8 * DAY)
    const swept = (await t.api.runTimer('frequent')) as Record<string, { returned: number }>
    expect(swept['wish.sweep'].returned).toBeGreaterThanOrEqual(1)
    expect((await t.ok('demo-volunteer', 'wish.get', { wishId: SEED_WISHES.claimed }, C))).toMatchObject({ status: 'open', returns: 2, claimer: null })
    expect(await messages('demo-volunteer', 'wish.returned')).toHaveLength(1)
    // Answered, the alarm is silent: the next run does not even look.
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'wish.sweep': { idle: true } })
    t.clock.advance(-8 * DAY)
  })
})

describe('on behalf of a neighbour, and refusals', () => {
  it('a building lead posts for an elder of their building with consent; the wall masks the name, the carers see it', async () => {
    const { wishId } = await post('demo-lead3', { onBehalf: { name: '王秀英', buildingId: `${C}:b3`, consent: 'spoken', consentNote: '入户探访时本人同意' } })
    await t.ok('demo-committee', 'wish.review', { wishId, approve: true }, C)
    expect(await t.ok('demo-resident', 'wish.get', { wishId }, C)).toMatchObject({ beneficiary: '王*英', consent: null })
    expect(await t.ok('demo-lead3', 'wish.get', { wishId }, C)).toMatchObject({ beneficiary: '王秀英', consent: { method: 'spoken', label: '本人口头同意' }, can: { withdraw: true } })
    const audit = (await t.db.collection('auditLog').where({ communityId: C, action: 'wish.create.onBehalf' }).get()) as { data: unknown[] }
    expect(audit.data.length).toBeGreaterThan(0)
  })

  it('refuses what the rules forbid and changes nothing', async () => {
    const refusals: Array<[string, string, Record<string, unknown>, string]> = [
      // a building lead for a building they do not look after
      ['demo-lead', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'daily', byDate: '2026-12-10', onBehalf: { name: '王伯', buildingId: `${C}:b3`, consent: 'spoken' } }, 'FORBIDDEN'],
      // a resident cannot post for someone else
      ['demo-resident', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'daily', byDate: '2026-12-10', onBehalf: { name: '王伯', buildingId: `${C}:b1`, consent: 'spoken' } }, 'FORBIDDEN'],
      ['demo-newcomer', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'daily', byDate: '2026-12-10' }, 'FORBIDDEN'],
      ['demo-resident', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'daily', byDate: '2026-11-01' }, 'FAILED_PRECONDITION'],
      ['demo-resident', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'car', byDate: '2026-12-10' }, 'INVALID_ARGUMENT'],
      ['demo-resident', 'wish.create', { title: '想要一副手套', content: '冬天扫地手冷。', category: 'daily', byDate: '12/10' }, 'INVALID_ARGUMENT'],
      ['demo-resident', 'wish.claim', { wishId: SEED_WISHES.returned }, 'FORBIDDEN'],
      ['demo-volunteer', 'wish.claim', { wishId: SEED_WISHES.pending }, 'FAILED_PRECONDITION'],
      ['demo-volunteer', 'wish.confirm', { wishId: SEED_WISHES.fulfilled }, 'FORBIDDEN'],
      ['demo-resident', 'wish.confirm', { wishId: SEED_WISHES.fulfilled }, 'FORBIDDEN'],
      ['demo-resident', 'wish.withdraw', { wishId: SEED_WISHES.pending }, 'FORBIDDEN'],
      ['demo-committee', 'wish.review', { wishId: SEED_WISHES.pending, approve: false }, 'FAILED_PRECONDITION'],
      ['demo-resident', 'wish.review', { wishId: SEED_WISHES.pending, approve: true }, 'FORBIDDEN'],
      ['demo-resident', 'wish.get', { wishId: SEED_WISHES.rejected }, 'NOT_FOUND'],
      ['demo-resident', 'wish.get', { wishId: 'c_haiyun:wish-1' }, 'NOT_FOUND'],
    ]
    for (const [who, name, payload, code] of refusals) {
      t.emulator.resetStats()
      const res = await t.call(who, name as 'wish.create', payload, C)
      expect({ who, name, res }).toEqual({ who, name, res: expect.objectContaining({ ok: false, error: expect.objectContaining({ code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) }) }) })
      expect({ who, name, writes: dataWrites(t) }).toEqual({ who, name, writes: 0 })
    }
  })

  it('the building lead of the building confirms for a neighbour without the app', async () => {
    const before = (await t.ok('demo-volunteer', 'points.mine', {}, C)).balance
    expect(await t.ok('demo-lead3', 'wish.confirm', { wishId: SEED_WISHES.fulfilled }, C)).toMatchObject({ status: 'done', points: 15 })
    expect((await t.ok('demo-volunteer', 'points.mine', {}, C)).balance).toBe(before + 15)
  })

  it('exports a person’s wishes and orders with their data, naming no one else in full', async () => {
    const exported = JSON.stringify(await t.ok('demo-volunteer', 'me.export', {}, C))
    expect(exported).toContain('想要一床厚棉被过冬')
    const lead3 = JSON.stringify(await t.ok('demo-lead3', 'me.export', {}, C))
    expect(lead3).toContain('东北大米')
    expect(exported).not.toContain(neighbours().find((n) => n.household.startsWith(`${C}:b3-`))!.name)
  })

  it('someone who leaves: a wish for them is withdrawn and loses their name; a wish they claimed goes back to the wall', async () => {
    // The seed's neighbour of 2号楼 who asked for company to the clinic.
    const asker = neighbours().find((n) => n.household.startsWith(`${C}:b2-`))!
    const leaver = neighbours()[25].openid
    await t.ok('demo-admin', 'member.grantRole', { memberId: membershipId(C, leaver), role: 'volunteer' }, C)
    await t.ok(leaver, 'wish.claim', { wishId: SEED_WISHES.open }, C)
    await t.ok(leaver, 'me.leave', { communityId: C })
    expect(await t.ok('demo-volunteer', 'wish.get', { wishId: SEED_WISHES.open }, C)).toMatchObject({ status: 'open', claimer: null, priority: true })

    await t.ok(asker.openid, 'me.leave', { communityId: C })
    const queue = await t.ok('demo-committee', 'wish.queue', { status: 'withdrawn', limit: 50 }, C)
    expect(queue.items.find((w) => w.id === SEED_WISHES.claimed)).toMatchObject({ beneficiary: '已离开的居民' })
    expect(JSON.stringify(await t.ok('demo-committee', 'wish.queue', { status: 'rejected', limit: 50 }, C))).not.toContain(asker.name)
  })
})

