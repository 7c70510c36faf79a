/**
 * No half-done writes, one crash point at a time: each write that moves a counter
 * (co-sign, meeting registration and its cancellation, rating, objection) is run
 * with the server dying right after its 1st, 2nd, … database request lands, then
 * retried until it answers. Whatever the moment, the retry must converge on the
 * whole effect: the record, its counter, and the side effects a threshold brings
 * (a matter becoming 候选议题 once, a task reopened once, the committee told once),
 * and 首页's digest (modules/home/digest.ts) showing what was written.
 *
 * The checks read through the actions people use, so they hold whatever the
 * storage model: the count a resident sees equals the people the records name.
 */
import { maskName } from '../../../cloudfunctions/api/src/platform/privacy'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { isCatchUpRun, type Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_DECISIONS } from '../../../local/seed/decisions'
import { startPluggedApi, untilAnswered, type PluggedApi } from '../../helpers/crash'

jest.setTimeout(240_000)

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)
const COMMITTEE = ['demo-committee', 'demo-admin']

let t: PluggedApi
beforeAll(async () => {
  t = await startPluggedApi()
  // Two co-signs make a candidate: the second one crosses the threshold.
  await t.ok('demo-admin', 'community.settings.update', { settings: { cosignThreshold: 2 } })
})
afterAll(() => t?.close())

/** Neighbours taken in turn, so every scenario has people who have not acted yet. */
let turn = 0
const next = () => NEIGHBOURS[turn++ % NEIGHBOURS.length]

const linksTo = (link: string | null, id: string) => !!link && (link.includes(encodeURIComponent(id)) || link.includes(id))

async function messages(openid: string, kind: string, about: string) {
  const { items } = await t.ok(openid, 'message.list', { limit: 50 })
  return items.filter((m) => m.kind === kind && linksTo(m.link, about))
}

/**
 * Runs `scenario` once cleanly to learn how many requests the call under test makes,
 * then once for every crash point, each on fresh targets.
 */
async function everyCrashPoint(scenario: (crashAfter: number | null) => Promise<void>) {
  requestsOfTarget = 0
  await scenario(null)
  expect(requestsOfTarget).toBeGreaterThan(0)
  for (let n = 1; n <= requestsOfTarget; n++) await scenario(n)
}

/** How many database requests the call under test made in the clean run (set by `send`). */
let requestsOfTarget = 0

/** Sends the call under test: cleanly (counting its requests), or crashing right after request n lands and then retried until it answers. */
async function send<T>(crashAfter: number | null, call: () => Promise<Envelope<T>>): Promise<Envelope<T>> {
  if (crashAfter === null) {
    const before = t.plug.delivered
    const answer = await call()
    requestsOfTarget = t.plug.delivered - before
    return answer
  }
  await t.crashAfter(crashAfter, call)
  return (await untilAnswered(call, { deadlineMs: 10_000, pauseMs: 10 })).answer
}

describe('every crash point converges on retry', () => {
  it('co-signing that crosses the threshold: counted once, 候选议题 once, the committee and the author told once', async () => {
    await everyCrashPoint(async (crashAfter) => {
      const [author, first, crossing] = [next(), next(), next()]
      const { issueId } = await t.ok(author, 'council.issue.create', { title: `楼道堆物需要清理 ${turn}`, body: '楼道里堆了很多纸箱，存在消防隐患。', category: 'safety' })
      await t.ok(first, 'council.issue.cosign', { issueId })
      const answer = await send(crashAfter, () => t.call(crossing, 'council.issue.cosign', { issueId }))
      const where = `crash after request ${crashAfter}`
      if (!answer.ok) expect({ where, error: answer.error }).toEqual({ where, error: expect.objectContaining({ code: 'CONFLICT', message: '你已经附议过这件事了' }) })

      const seen = await t.ok(crossing, 'council.issue.get', { issueId })
      const signed = await Promise.all([first, crossing].map(async (p) => (await t.ok(p, 'council.issue.get', { issueId })).cosignedByMe))
      expect({ where, cosigns: seen.cosigns, signed, status: seen.status, candidateSteps: seen.timeline.filter((s) => s.kind === 'candidate').length }).toEqual({
        where,
        cosigns: 2,
        signed: [true, true],
        status: 'candidate',
        candidateSteps: 1,
      })
      for (const person of [...COMMITTEE, author]) expect({ where, person, told: (await messages(person, 'issue.candidate', issueId)).length }).toEqual({ where, person, told: 1 })
    })
  })

  it('registering for a meeting: the seat and the registration land together', async () => {
    const meetingId = await newMeeting(200)
    await everyCrashPoint(async (crashAfter) => {
      const who = next()
      const answer = await send(crashAfter, () => t.call(who, 'council.meeting.register', { meetingId }))
      const where = `crash after request ${crashAfter}`
      expect({ where, answer }).toEqual({ where, answer: expect.objectContaining({ ok: true, data: expect.objectContaining({ status: expect.stringMatching(/^(registered|already)$/) }) }) })
      expect({ where, registeredByMe: (await t.ok(who, 'council.meeting.get', { meetingId })).registeredByMe }).toEqual({ where, registeredByMe: true })
      await expectSeatsAgree(meetingId, where)
    })
  })

  it('cancelling a registration: the seat comes back exactly when the registration goes', async () => {
    const meetingId = await newMeeting(200)
    await everyCrashPoint(async (crashAfter) => {
      const who = next()
      await t.ok(who, 'council.meeting.register', { meetingId })
      const answer = await send(crashAfter, () => t.call(who, 'council.meeting.cancelRegistration', { meetingId }))
      const where = `crash after request ${crashAfter}`
      expect({ where, answer }).toEqual({ where, answer: expect.objectContaining({ ok: true, data: expect.objectContaining({ status: expect.stringMatching(/^(cancelled|notRegistered)$/) }) }) })
      expect({ where, registeredByMe: (await t.ok(who, 'council.meeting.get', { meetingId })).registeredByMe }).toEqual({ where, registeredByMe: false })
      await expectSeatsAgree(meetingId, where)
    })
  })

  it('a notice published through a crash is on 首页 once the retry answered, and stays there when the digest is rebuilt and read', async () => {
    const newest = async () => {
      const home = await t.ok('demo-resident', 'home.today', { notices: 1 })
      return home.kind === 'member' ? home.notices![0].title : null
    }
    await everyCrashPoint(async (crashAfter) => {
      // A digest kept from before: the publication must not be hidden behind it.
      t.clock.advance(2 * 60_000)
      await newest()
      const title = `停水通知 ${turn++}`
      const answer = await send(crashAfter, () => t.call('demo-committee', 'notice.publish', { title, body: '周三上午九点至十二点停水检修，请提前储水。', category: 'announcement', publicDays: 0 }))
      const where = `crash after request ${crashAfter}`
      expect({ where, ok: answer.ok }).toEqual({ where, ok: true })
      expect({ where, now: await newest() }).toEqual({ where, now: title })
      t.clock.advance(2 * 60_000)
      expect({ where, rebuilt: await newest(), kept: await newest() }).toEqual({ where, rebuilt: title, kept: title })
    })
  })

  it('the rating that sinks a task below the bar: counted once, reopened once, the committee told once', async () => {
    await everyCrashPoint(async (crashAfter) => {
      const { taskId } = await t.ok('demo-committee', 'council.task.create', {
        decisionId: SEED_DECISIONS.elevator,
        title: `电梯费用分摊收缴 ${turn}`,
        description: '按楼层系数向 3 号楼二楼以上住户收缴电梯加装费用，专户管理。',
        ownerId: membershipId(C, 'demo-lead3'),
        deadline: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      })
      await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '费用已全部收缴' })
      for (let i = 0; i < 4; i++) await t.ok(next(), 'council.task.rate', { taskId, rating: 'unsatisfied' })
      const fifth = next()
      const answer = await send(crashAfter, () => t.call(fifth, 'council.task.rate', { taskId, rating: 'unsatisfied', comment: '收费标准没有讲清楚' }))
      const where = `crash after request ${crashAfter}`
      if (!answer.ok) expect({ where, error: answer.error }).toEqual({ where, error: expect.objectContaining({ code: 'CONFLICT', message: '你已经评价过这件事了' }) })

      const task = await t.ok(fifth, 'council.task.get', { taskId })
      expect({
        where,
        myRating: task.myRating,
        tally: task.ratings,
        reviews: task.reviews.length,
        status: task.status,
        reopenLines: task.updates.filter((u) => u.text.includes('重新办理')).length,
      }).toEqual({ where, myRating: 'unsatisfied', tally: { satisfied: 0, basic: 0, unsatisfied: 5 }, reviews: 5, status: 'open', reopenLines: 1 })
      const audits = (await t.db.collection('auditLog').where({ communityId: C, action: 'council.task.reopen' }).limit(1000).get()) as { data: Array<{ target: { id: string } }> }
      expect({ where, audits: audits.data.filter((a) => a.target.id === taskId).length }).toEqual({ where, audits: 1 })
      for (const person of COMMITTEE) expect({ where, person, told: (await messages(person, 'task.reopened', taskId)).length }).toEqual({ where, person, told: 1 })
    })
  })

  it('objecting to a notice: the objection is stored once and the committee told once', async () => {
    const { noticeId } = await t.ok('demo-committee', 'notice.publish', { title: '自行车棚改造方案公示', body: '自行车棚顶棚改为阳光板，预算 8000 元，由公共收益列支。', category: 'decision', publicDays: 7 })
    let objectors = 0
    await everyCrashPoint(async (crashAfter) => {
      const who = next()
      const answer = await send(crashAfter, () => t.call(who, 'notice.object', { noticeId, text: '阳光板夏天会不会太晒？' }))
      objectors++
      const where = `crash after request ${crashAfter}`
      if (!answer.ok) expect({ where, error: answer.error }).toEqual({ where, error: expect.objectContaining({ code: 'CONFLICT' }) })

      // A notice's objections are counted from their documents: the count shown is the objections stored.
      const notice = await t.ok(who, 'notice.get', { noticeId })
      const docs = (await t.db.collection('objections').where({ communityId: C, noticeId }).count()) as { total: number }
      expect({ where, mine: notice.objections.filter((o) => o.isMine).length, listed: notice.objections.length, docs: docs.total }).toEqual({ where, mine: 1, listed: objectors, docs: objectors })
      for (const person of COMMITTEE) expect({ where, person, told: (await messages(person, 'notice.objection', noticeId)).length }).toEqual({ where, person, told: objectors })
    })
  })

  it('publishing a notice with a 公示 period: its end is swept by an ordinary 10-minute run, however the publication was cut off', async () => {
    // Each turn two days after the last, at the same hour: the committee's hourly allowance of
    // submissions (platform/ratelimit) starts afresh, and the check below stays off the catch-up hours.
    let started = t.clock.now()
    await everyCrashPoint(async (crashAfter) => {
      const where = `crash after request ${crashAfter}`
      const title = `楼道堆物清理方案公示 ${turn++}`
      const answer = await send(crashAfter, () => t.call('demo-committee', 'notice.publish', { title, body: '清理各楼道堆放的杂物，请居民在一周内自行处理。', category: 'decision', publicDays: 1 }))
      expect({ where, ok: answer.ok }).toEqual({ where, ok: true })
      // Ten minutes past the period, at an hour that is no catch-up: only the alarm the publication armed makes the sweep look.
      t.clock.set(new Date(started.getTime() + 24 * 3_600_000 + 10 * 60_000))
      expect(isCatchUpRun(t.clock.now())).toBe(false)
      expect({ where, run: await t.api.runTimer('frequent') }).toEqual({ where, run: expect.objectContaining({ 'notice.closePublicity': { closed: expect.any(Number) } }) })
      // Every copy a cut-off attempt may have left, and the one that answered: no period is left open past its end.
      const overdue = (await t.db.collection('notices').where({ publicityOpen: true, publicUntil: t._.lt(t.clock.now()) }).count()) as { total: number }
      expect({ where, overdue: overdue.total }).toEqual({ where, overdue: 0 })
      expect({ where, closed: (await t.ok('demo-resident', 'notice.get', { noticeId: answer.ok ? answer.data.noticeId : '' })).publicityOpen }).toEqual({ where, closed: false })
      started = new Date(started.getTime() + 2 * 24 * 3_600_000)
      t.clock.set(started)
    })
  })
})

it('renaming oneself: at every crash point a matter shows the masked name the membership holds, and the new one after the retry', async () => {
  const who = next()
  const { issueId } = await t.ok(who, 'council.issue.create', { title: `单元门口积水 ${turn}`, body: '下雨后单元门口积水很深，进出不方便。', category: 'facility' })
  const memberId = membershipId(C, who)
  const shown = async () => (await t.ok('demo-volunteer', 'council.issue.list', { limit: 50 })).items.find((i) => i.id === issueId)!.authorName
  const held = async () => maskName(((await t.db.collection('memberships').doc(memberId).get()) as { data: Array<{ nickname: string }> }).data[0].nickname)
  const rename = (n: number) => () => t.call(who, 'me.updateProfile', { nickname: `新名字${n}号` })
  const before = t.plug.delivered
  await rename(0)()
  const requests = t.plug.delivered - before
  for (let n = 1; n <= requests; n++) {
    await t.crashAfter(n, rename(n))
    const where = `crash after request ${n}`
    expect({ where, shown: await shown() }).toEqual({ where, shown: await held() })
    await untilAnswered(rename(n), { deadlineMs: 10_000, pauseMs: 10 })
    expect({ where, shown: await shown() }).toEqual({ where, shown: maskName(`新名字${n}号`) })
  }
  expect(requests).toBeGreaterThan(2)
})

/** A meeting a week ahead with a fresh topic on its agenda (a matter raised and accepted for it). */
async function newMeeting(capacity: number): Promise<string> {
  const { issueId } = await t.ok(next(), 'council.issue.create', { title: `小区健身器材损坏 ${turn}`, body: '中心花园的健身器材有两台坏了，老人锻炼不方便。', category: 'facility' })
  const { topicId } = await t.ok('demo-committee', 'council.issue.triage', { issueId, decision: 'accept' })
  const { meetingId } = await t.ok('demo-committee', 'council.meeting.schedule', {
    title: '居民议事会',
    startAt: '2026-11-30T19:30:00+08:00',
    endAt: '2026-11-30T21:00:00+08:00',
    place: '社区活动室',
    capacity,
    topicIds: [topicId!],
  })
  return meetingId
}

/** The seats a meeting shows as taken are the registrations the committee's list shows, and never more than it holds. */
async function expectSeatsAgree(meetingId: string, where: string) {
  const m = await t.ok('demo-committee', 'council.meeting.get', { meetingId })
  const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId, limit: 500 })
  expect({ where, registered: m.registered, taken: m.capacity - m.seatsLeft, total: list.total }).toEqual({ where, registered: list.items.length, taken: list.items.length, total: list.items.length })
}
