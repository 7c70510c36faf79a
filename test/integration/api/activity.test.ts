/**
 * 活动 from posting to attendance: bad input changes nothing; sign-ups fill seats and
 * then the waitlist in order; a cancellation promotes the first party that fits in
 * the same transaction and tells them; a party that does not fit waits (unless the
 * organiser chose fillSeats, and then the pass is logged); an unclaimed offer passes
 * on when its window ends; check-in credits the registered with the activity's
 * points; the .xlsx export has one row per person, masked.
 */
import ExcelJS from 'exceljs'
import { DEV_CHECKIN_SECRET, issueToken } from '../../../cloudfunctions/api/src/platform/checkin'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, HOUSEHOLDS, OTHER_COMMUNITY } from '../../../local/seed/data'
import { SEED_VOLUNTEER } from '../../../local/seed/volunteer'
import { readActivityDoc } from '../../helpers/activity'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

jest.setTimeout(120_000)

const C = DEMO_COMMUNITY._id
const HOUR = 3_600_000

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

/** `n` extra verified residents, written directly (the seed has fewer neighbours than a busy activity). */
async function residents(n: number, prefix = 'act-res'): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)
  const db = t.app.database()
  await db.collection('memberships').add(
    openids.map((openid, i) => {
      const h = HOUSEHOLDS[i % HOUSEHOLDS.length]
      return { _id: membershipId(C, openid), communityId: C, openid, nickname: `邻居${i + 1}号`, status: 'verified', roles: [], buildingIds: [], householdId: h._id, buildingId: h.buildingId, createdAt: new Date() }
    }),
  )
  return openids
}

const at = (hoursFromNow: number) => new Date(t.clock.now().getTime() + hoursFromNow * HOUR).toISOString()

async function activity(over: Record<string, unknown> = {}): Promise<string> {
  const res = await t.ok(
    'demo-committee',
    'activity.create',
    { title: '社区包饺子', place: '社区活动室', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 10, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions: 2, points: 7, ...over },
    C,
  )
  return res.activityId
}

const get = (openid: string, activityId: string) => t.ok(openid, 'activity.get', { activityId }, C)

describe('bad input changes nothing', () => {
  it.each([
    ['capacity 0', { capacity: 0 }, 'INVALID_ARGUMENT'],
    ['capacity over 10,000', { capacity: 10001 }, 'INVALID_ARGUMENT'],
    ['end before start', { startAt: '2026-12-05T10:00:00+08:00', endAt: '2026-12-05T09:00:00+08:00' }, 'INVALID_ARGUMENT'],
    ['sign-up ending after the start', { signupEndAt: '2026-12-30T10:00:00+08:00' }, 'INVALID_ARGUMENT'],
    ['an unknown field', { price: 5 }, 'INVALID_ARGUMENT'],
  ])('refuses %s', async (_what, over, code) => {
    t.emulator.resetStats()
    const res = await t.call('demo-committee', 'activity.create', { title: '社区包饺子', place: '社区活动室', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 10, waitlist: true, cancelPolicy: 'beforeStart', maxCompanions: 0, ...over }, C)
    expect(res).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    expect(dataWrites(t)).toBe(0)
  })

  it('lets only the committee, or a volunteer team’s lead for the team, post and organise', async () => {
    const post = { title: '河道清洁', place: '东渠边', startAt: at(48), endAt: at(50), signupEndAt: at(24), capacity: 10 }
    expect(await t.call('demo-resident', 'activity.create', post, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // demo-lead leads the seeded 鹭江志愿服务队: for the team, not on their own.
    expect(await t.call('demo-lead', 'activity.create', post, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const { activityId } = await t.ok('demo-lead', 'activity.create', { ...post, teamId: SEED_VOLUNTEER.team }, C)
    expect(await t.ok('demo-lead', 'activity.registrations', { activityId }, C)).toMatchObject({ capacity: 10, registered: [] })
    expect(await t.call('demo-volunteer', 'activity.registrations', { activityId }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses too many companions, an unknown custom field, a missing required one and another community’s activity', async () => {
    const id = await activity({ maxCompanions: 1, fields: [{ label: '孩子年龄', type: 'number', required: true }, { label: '联系电话', type: 'phone', required: false }] })
    t.emulator.resetStats()
    const tooMany = await t.call('demo-resident', 'activity.signup', { activityId: id, companions: 2, answers: [{ field: 'f1', value: 6 }] }, C)
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '同行人数最多 1 人' } })
    const unknown = await t.call('demo-resident', 'activity.signup', { activityId: id, answers: [{ field: 'f1', value: 6 }, { field: 'f9', value: '什么' }] }, C)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('没有的栏目') } })
    const badPhone = await t.call('demo-resident', 'activity.signup', { activityId: id, answers: [{ field: 'f1', value: 6 }, { field: 'f2', value: 12345 }] }, C)
    expect(badPhone).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(dataWrites(t)).toBe(0)
    const elsewhere = await t.call('demo-other', 'activity.signup', { activityId: id }, OTHER_COMMUNITY._id)
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(dataWrites(t)).toBe(0)
    // A sign-up with no answers first tries the seat by a conditional update, which the missing answer makes match nothing.
    const missing = await t.call('demo-resident', 'activity.signup', { activityId: id, answers: [] }, C)
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '请填写「孩子年龄」' } })
    expect(await readActivityDoc(t.app.database(), id)).toMatchObject({ version: 0, seatsTaken: 0, seated: [], queue: [] })
    expect((await t.app.database().collection('activityRegistrations').where({ communityId: C, activityId: id }).get()).data).toEqual([])
    expect(await get('demo-resident', id)).toMatchObject({ seatsTaken: 0, waitingCount: 0, myStatus: null })
  })
})

describe('seats and the waitlist', () => {
  it('gives 40 residents signing up at once for 10 seats exactly 10 seats and waitlist positions 1–30', async () => {
    const people = await residents(40)
    const id = await activity({ capacity: 10, maxCompanions: 0 })
    const answers = await Promise.all(people.map((p) => t.ok(p, 'activity.signup', { activityId: id }, C)))
    const registered = answers.filter((a) => a.status === 'registered')
    const waiting = answers.filter((a) => a.status === 'waitlisted')
    expect(registered).toHaveLength(10)
    expect(waiting.map((w) => w.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(await get('demo-resident', id)).toMatchObject({ capacity: 10, seatsTaken: 10, waitingCount: 30, seatsLeft: 0, myStatus: null })
    // A repeat answers the same, never a second seat.
    const again = await Promise.all(people.slice(0, 12).map((p) => t.ok(p, 'activity.signup', { activityId: id }, C)))
    again.forEach((a, i) => expect(a).toEqual(answers[i]))
    expect(await get('demo-resident', id)).toMatchObject({ seatsTaken: 10, waitingCount: 30 })

    // Five of the registered cancel at once: exactly positions 1–5 are promoted, in the same transactions, and told.
    const firstFive = waiting.sort((a, b) => a.position! - b.position!).slice(0, 5).map((w) => people[answers.indexOf(w)])
    const leaving = people.filter((_, i) => answers[i].status === 'registered').slice(0, 5)
    await Promise.all(leaving.map((p) => t.ok(p, 'activity.cancel', { activityId: id }, C)))
    for (const p of firstFive) {
      expect(await get(p, id)).toMatchObject({ myStatus: 'registered', seatsTaken: 10, waitingCount: 25 })
      const inbox = await t.ok(p, 'message.list', {}, C)
      expect(inbox.items.map((m: { title: string }) => m.title)).toContain('候补成功，报名成功')
    }
    const sixth = people[answers.indexOf(waiting[5])]
    expect(await get(sixth, id)).toMatchObject({ myStatus: 'waitlisted', myPosition: 1 })
    for (const p of leaving) expect(await get(p, id)).toMatchObject({ myStatus: 'cancelled' })
  })

  it('counts companions against capacity; a party that does not fit waits and nobody behind it jumps ahead', async () => {
    const [a, b, c, d] = await residents(4)
    const id = await activity({ capacity: 4, maxCompanions: 3 })
    expect(await t.ok(a, 'activity.signup', { activityId: id, companions: 2 }, C)).toMatchObject({ status: 'registered' })
    // One seat left: a party of three waits …
    expect(await t.ok(b, 'activity.signup', { activityId: id, companions: 2 }, C)).toMatchObject({ status: 'waitlisted', position: 1 })
    // … and a single person behind it waits too, although one seat is free.
    expect(await t.ok(c, 'activity.signup', { activityId: id }, C)).toMatchObject({ status: 'waitlisted', position: 2 })
    expect(await get(d, id)).toMatchObject({ seatsTaken: 3, seatsLeft: 1, waitingCount: 2 })
    // The party of three cancels its wait: the single person takes the free seat at once.
    await t.ok(b, 'activity.cancel', { activityId: id }, C)
    expect(await get(c, id)).toMatchObject({ myStatus: 'registered', seatsTaken: 4, waitingCount: 0 })
  })

  it('under fillSeats lets a smaller party take seats a larger one ahead cannot use, and logs the pass', async () => {
    const [a, b, c] = await residents(3)
    const id = await activity({ capacity: 4, maxCompanions: 3, fillSeats: true })
    await t.ok(a, 'activity.signup', { activityId: id, companions: 2 }, C)
    expect(await t.ok(b, 'activity.signup', { activityId: id, companions: 2 }, C)).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(await t.ok(c, 'activity.signup', { activityId: id }, C)).toMatchObject({ status: 'registered' })
    const list = await t.ok('demo-committee', 'activity.registrations', { activityId: id }, C)
    expect(list.queueLog).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'fillSkip', reason: expect.stringContaining('补位') })]))
    expect(list.waitlist.map((r) => r.memberId)).toEqual([membershipId(C, b)])
  })

  it('promotes when the organiser removes someone or raises the capacity, and records the reason of a move', async () => {
    const people = await residents(6)
    const id = await activity({ capacity: 2, maxCompanions: 0 })
    for (const p of people) await t.ok(p, 'activity.signup', { activityId: id }, C)
    const removed = await t.ok('demo-committee', 'activity.remove', { activityId: id, memberId: membershipId(C, people[0]), reason: '重复报名，已电话确认' }, C)
    expect(removed.promoted).toBe(1)
    expect(await get(people[2], id)).toMatchObject({ myStatus: 'registered' })
    expect(await get(people[0], id)).toMatchObject({ myStatus: 'removed' })
    // A move needs a reason and is logged; moved to the front it is first to be promoted.
    const moved = await t.ok('demo-committee', 'activity.move', { activityId: id, memberId: membershipId(C, people[5]), position: 1, reason: '行动不便的老人，优先安排' }, C)
    expect(moved).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(await t.call('demo-committee', 'activity.move', { activityId: id, memberId: membershipId(C, people[4]), position: 1 }, C)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const raised = await t.ok('demo-committee', 'activity.setCapacity', { activityId: id, capacity: 3 }, C)
    expect(raised).toMatchObject({ capacity: 3, seatsTaken: 3, promoted: 1 })
    expect(await get(people[5], id)).toMatchObject({ myStatus: 'registered' })
    expect(await get(people[3], id)).toMatchObject({ myStatus: 'waitlisted', myPosition: 1 })
    const lower = await t.call('demo-committee', 'activity.setCapacity', { activityId: id, capacity: 2 }, C)
    expect(lower).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('不能少于') } })
    const list = await t.ok('demo-committee', 'activity.registrations', { activityId: id }, C)
    expect(list.queueLog.find((e) => e.what === 'moved')).toMatchObject({ reason: expect.stringContaining('行动不便的老人'), byOrganiser: true })
  })

  it('keeps to the cancellation policy', async () => {
    const [a, b] = await residents(2)
    const never = await activity({ cancelPolicy: 'never' })
    await t.ok(a, 'activity.signup', { activityId: never }, C)
    expect(await t.call(a, 'activity.cancel', { activityId: never }, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('不能取消') } })
    const untilDeadline = await activity({ cancelPolicy: 'beforeSignupEnd' })
    await t.ok(b, 'activity.signup', { activityId: untilDeadline }, C)
    t.clock.advance(25 * HOUR)
    expect(await t.call(b, 'activity.cancel', { activityId: untilDeadline }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('报名截止后不能取消') } })
    expect(await get(b, untilDeadline)).toMatchObject({ myStatus: 'registered', canCancel: '报名截止后不能取消' })
  })

  it('with a claim window, offers the seat, passes it on when the window ends unclaimed, and makes no offers in the last hour', async () => {
    const [a, b, c, d] = await residents(4)
    const id = await activity({ capacity: 1, maxCompanions: 0, claimWindowMinutes: 60 })
    for (const p of [a, b, c, d]) await t.ok(p, 'activity.signup', { activityId: id }, C)
    await t.ok(a, 'activity.cancel', { activityId: id }, C)
    const offered = await get(b, id)
    expect(offered).toMatchObject({ myStatus: 'offered', seatsTaken: 1, waitingCount: 2 })
    expect(new Date(offered.myOfferUntil!).getTime()).toBe(t.clock.now().getTime() + HOUR)
    // Nobody else may take the held seat meanwhile.
    expect(await get(c, id)).toMatchObject({ myStatus: 'waitlisted', myPosition: 1 })
    t.clock.advance(HOUR + 60_000)
    // Before the timer comes round, whoever looks passes the lapsed offer on: no 确认参加 that can only be refused.
    expect(await get(b, id)).toMatchObject({ myStatus: 'expired', myOfferUntil: null })
    expect(await get(c, id)).toMatchObject({ myStatus: 'offered' })
    expect((await t.api.runTimer('frequent'))['activity.passOnOffers']).toMatchObject({ expired: 0 })
    expect(await get(b, id)).toMatchObject({ myStatus: 'expired' })
    expect(await get(c, id)).toMatchObject({ myStatus: 'offered' })
    expect(await t.ok(c, 'activity.claim', { activityId: id }, C)).toMatchObject({ status: 'registered' })
    expect(await get(c, id)).toMatchObject({ myStatus: 'registered', myOfferUntil: null })
    // In the last hour before the start a freed seat goes to the next in line at once.
    t.clock.set(new Date(new Date(offered.startAt).getTime() - 30 * 60_000))
    await t.ok(c, 'activity.cancel', { activityId: id }, C)
    expect(await get(d, id)).toMatchObject({ myStatus: 'registered' })
  })
})

describe('a building lead signs a resident up', () => {
  it('records the consent, audits it, and the resident sees it and hears of it', async () => {
    const id = await activity()
    const resident = membershipId(C, 'demo-resident')
    const res = await t.ok('demo-lead', 'activity.signupFor', { activityId: id, memberId: resident, consent: { method: 'phone', note: '林阿姨电话里同意' } }, C)
    expect(res).toMatchObject({ status: 'registered' })
    const mine = await get('demo-resident', id)
    expect(mine).toMatchObject({ myStatus: 'registered', myProxy: { method: 'phone', note: '林阿姨电话里同意' } })
    const inbox = await t.ok('demo-resident', 'message.list', {}, C)
    expect(inbox.items[0]).toMatchObject({ title: '楼栋长为你报名了活动' })
    // Not a resident of the lead's buildings (3号楼).
    const other = await t.call('demo-lead', 'activity.signupFor', { activityId: id, memberId: membershipId(C, 'demo-newcomer'), consent: { method: 'inPerson' } }, C)
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const audit = await t.app.database().collection('auditLog').where({ communityId: C, action: 'activity.signupFor' }).get()
    expect(audit.data).toHaveLength(1)
  })
})

describe('on the day', () => {
  it('credits the registered with the activity’s points, refuses the others with the reason, and exports a real .xlsx', async () => {
    const [a, b] = await residents(2)
    const id = await activity({ capacity: 2, maxCompanions: 1, fields: [{ label: '联系电话', type: 'phone', required: true }, { label: '口味', type: 'choice', options: ['韭菜', '白菜'], required: false }] })
    await t.ok(a, 'activity.signup', { activityId: id, companions: 1, answers: [{ field: 'f1', value: '13812345678' }, { field: 'f2', value: '韭菜' }] }, C)
    expect(await t.ok(b, 'activity.signup', { activityId: id, answers: [{ field: 'f1', value: '13987654321' }] }, C)).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(await t.call('demo-committee', 'checkin.token', { kind: 'activity', eventId: id }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('开始前 1 小时') } })
    t.clock.advance(47.5 * HOUR)
    const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'activity', eventId: id }, C)
    expect(await t.ok(a, 'checkin.scan', { token }, C)).toMatchObject({ status: 'credited', points: 7, kind: 'activity' })
    expect(await t.ok(a, 'checkin.scan', { token }, C)).toMatchObject({ status: 'already' })
    expect(await t.call(b, 'checkin.scan', { token }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('候补') } })
    expect(await t.call('demo-resident', 'checkin.scan', { token }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有报名') } })
    expect(await t.ok(a, 'points.mine', {}, C)).toMatchObject({ balance: 7 })
    // A code signed for another activity of the same community names that one: nobody is credited here by it.
    const other = issueToken({ t: 'e', c: C, k: 'activity', e: `${C}:activity-elsewhere` }, t.clock.now(), DEV_CHECKIN_SECRET).token
    expect(await t.call(b, 'checkin.scan', { token: other }, C)).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有报名') } })

    const out = await t.ok('demo-committee', 'activity.export', { activityId: id }, C)
    expect(out.fileID).toMatch(/^cloud:\/\/.+\.xlsx$/)
    const bytes = Buffer.from(await (await fetch(out.url)).arrayBuffer())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(['序号', '姓名（打码）', '楼栋/房号', '报名时间', '状态', '同行人数', '联系电话', '口味', '签到时间', '签到方式', '候补转正时间', '取消时间', '取消原因', '代报名人', '代报名同意方式', '未签到'])
    const rows = [2, 3].map((r) => (sheet.getRow(r).values as unknown[]).slice(1))
    expect(rows[0].slice(0, 8)).toEqual([1, '邻**号', expect.any(String), expect.stringMatching(/^2026-\d\d-\d\d \d\d:\d\d$/), '报名成功', 1, '138****5678', '韭菜'])
    expect(rows[0][8]).toMatch(/^2026-/)
    expect(rows[0][9]).toBe('扫码')
    expect(rows[1].slice(0, 7)).toEqual([2, '邻**号', expect.any(String), expect.any(String), '候补第 1 位', 0, '139****4321'])
    const text = JSON.stringify(rows)
    expect(text).not.toContain('13812345678')
    const audit = await t.app.database().collection('auditLog').where({ communityId: C, action: 'activity.export' }).get()
    expect(audit.data).toHaveLength(1)
  })

  it('counts attendance and no-shows after the start, and publishes the summary as a notice once', async () => {
    const [a, b] = await residents(2)
    const id = await activity({ capacity: 5, cancelPolicy: 'beforeStart' })
    await t.ok(a, 'activity.signup', { activityId: id }, C)
    await t.ok(b, 'activity.signup', { activityId: id }, C)
    t.clock.advance(48.5 * HOUR)
    const { token } = await t.ok('demo-committee', 'checkin.token', { kind: 'activity', eventId: id }, C)
    await t.ok(a, 'checkin.scan', { token }, C)
    const done = await t.ok('demo-committee', 'activity.summary', { activityId: id, text: '二十多位邻居一起包了三百多个饺子，送给了独居老人。', publish: true }, C)
    expect(done).toMatchObject({ attended: 1, noShows: 1, registered: 2 })
    await t.ok('demo-committee', 'activity.summary', { activityId: id, text: '二十多位邻居一起包了三百多个饺子，送给了独居老人。', publish: true }, C)
    const board = await t.ok('demo-resident', 'notice.list', {}, C)
    expect(board.items.filter((n: { title: string }) => n.title === '活动回顾：社区包饺子')).toHaveLength(1)
  })
})

it('reminds the registered the day before and two hours before, once each', async () => {
  const [a] = await residents(1)
  const id = await activity()
  await t.ok(a, 'activity.signup', { activityId: id }, C)
  await t.ok(a, 'subscription.record', { accepted: ['activityUpdate'] }, C)
  t.clock.advance(25 * HOUR)
  await t.api.runTimer('frequent')
  await t.api.runTimer('frequent')
  t.clock.advance(21.5 * HOUR)
  await t.api.runTimer('frequent')
  const inbox = await t.ok(a, 'message.list', {}, C)
  const titles = inbox.items.map((m: { title: string }) => m.title)
  expect(titles.filter((x: string) => x === '活动明天开始')).toHaveLength(1)
  expect(titles.filter((x: string) => x === '活动两小时后开始')).toHaveLength(1)
  // One consent, one subscribe message: the first reminder used it, the second is in 消息 only.
  const pushed = t.wechat.outbox().filter((m: { touser: string }) => m.touser === a)
  expect(pushed).toHaveLength(1)
  expect(await get(a, id)).toMatchObject({ myStatus: 'registered' })
})
