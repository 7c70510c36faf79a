/**
 * The server killed (kill -9) again and again under a burst of writes that each move
 * a counter — co-signs crossing thresholds, registrations and cancellations, ratings
 * sinking a task below the bar, objections — restarted on the same data, with every
 * call retried until it answers. Afterwards every record agrees with its counter and
 * every retry converged: what a call was answered is what the stored state shows.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { SEED_DECISIONS } from '../../../local/seed/decisions'
import { crashBurst, startCrashableApi, type CrashableApi } from '../../helpers/crash'

jest.setTimeout(300_000)

const C = DEMO_COMMUNITY._id
const NEIGHBOURS = neighbours().map((n) => n.openid)
const COMMITTEE = ['demo-committee', 'demo-admin']
const THRESHOLD = 10

let t: CrashableApi
beforeAll(async () => {
  t = await startCrashableApi()
})
afterAll(() => t?.close())

const linksTo = (link: string | null, id: string) => !!link && (link.includes(encodeURIComponent(id)) || link.includes(id))
/** How many messages of this kind about this thing the person has, their whole inbox read. */
async function told(openid: string, kind: string, about: string) {
  let found = 0
  for (let cursor: string | null | undefined; cursor !== null; ) {
    const page: { items: Array<{ kind: string; link: string | null }>; nextCursor: string | null } = await t.ok(openid, 'message.list', { limit: 50, ...(cursor ? { cursor } : {}) })
    found += page.items.filter((m) => m.kind === kind && linksTo(m.link, about)).length
    cursor = page.nextCursor
  }
  return found
}

const statusOf = (a: Envelope) => (a.ok ? `ok:${(a.data as { status?: string })?.status ?? ''}` : `${a.error.code}:${a.error.message}`)

it('keeps every record and its counter together through repeated kill -9 during hundreds of writes', async () => {
  // Targets, set up while the server is healthy.
  const issues: Array<{ issueId: string; author: string; cosigners: string[] }> = []
  // Some matters stay below the threshold, most cross it during the burst.
  const sizes = [6, 9, 10, 14, 20, 24, 28, 29]
  for (const [i, count] of sizes.entries()) {
    const author = NEIGHBOURS[i]
    const { issueId } = await t.ok(author, 'council.issue.create', { title: `楼道照明需要维修 ${i}`, body: '楼道的声控灯坏了好几盏，晚上上下楼很不方便。', category: 'facility' })
    const others = NEIGHBOURS.filter((n) => n !== author)
    issues.push({ issueId, author, cosigners: [...others.slice(i), ...others.slice(0, i)].slice(0, count) })
  }

  const topics: string[] = []
  for (let i = 0; i < 2; i++) {
    const { issueId } = await t.ok(NEIGHBOURS[10 + i], 'council.issue.create', { title: `健身器材损坏 ${i}`, body: '中心花园的健身器材有两台坏了，老人锻炼不方便。', category: 'facility' })
    topics.push((await t.ok('demo-committee', 'council.issue.triage', { issueId, decision: 'accept' })).topicId!)
  }
  const schedule = async (topicId: string, capacity: number) =>
    (await t.ok('demo-committee', 'council.meeting.schedule', { title: '居民议事会', startAt: '2026-11-30T19:30:00+08:00', endAt: '2026-11-30T21:00:00+08:00', place: '社区活动室', capacity, topicIds: [topicId] })).meetingId
  const roomy = await schedule(topics[0], 15)
  const small = await schedule(topics[1], 5)
  const leaving = NEIGHBOURS.slice(0, 8)
  for (const n of leaving) await t.ok(n, 'council.meeting.register', { meetingId: roomy })
  const joiningRoomy = NEIGHBOURS.slice(8)
  const joiningSmall = NEIGHBOURS

  const tasks: string[] = []
  for (let i = 0; i < 3; i++) {
    const { taskId } = await t.ok('demo-committee', 'council.task.create', {
      decisionId: SEED_DECISIONS.elevator,
      title: `电梯费用分摊收缴 ${i}`,
      description: '按楼层系数向 3 号楼二楼以上住户收缴电梯加装费用，专户管理。',
      ownerId: membershipId(C, 'demo-lead3'),
      deadline: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    })
    await t.ok('demo-committee', 'council.task.complete', { taskId, summary: '费用已全部收缴' })
    tasks.push(taskId)
  }
  // The second task sinks below the bar whatever order the ratings land in; the others stay above it in any order.
  const ratingOf = (task: number, n: number) => (task === 0 ? 'satisfied' : task === 1 ? 'unsatisfied' : n % 3 === 0 ? 'basic' : 'satisfied')

  const notices: string[] = []
  for (let i = 0; i < 3; i++) {
    notices.push((await t.ok('demo-committee', 'notice.publish', { title: `自行车棚改造方案公示 ${i}`, body: '自行车棚顶棚改为阳光板，预算 8000 元，由公共收益列支。', category: 'decision', publicDays: 7 })).noticeId)
  }

  // The burst: every call of every kind, shuffled so kills land amid all of them.
  type Job = { kind: 'cosign' | 'register' | 'cancel' | 'rate' | 'object'; who: string; target: string; send: () => Promise<Envelope> }
  const jobs: Job[] = []
  for (const { issueId, cosigners } of issues) for (const who of cosigners) jobs.push({ kind: 'cosign', who, target: issueId, send: () => t.call(who, 'council.issue.cosign', { issueId }) })
  for (const who of leaving) jobs.push({ kind: 'cancel', who, target: roomy, send: () => t.call(who, 'council.meeting.cancelRegistration', { meetingId: roomy }) })
  for (const who of joiningRoomy) jobs.push({ kind: 'register', who, target: roomy, send: () => t.call(who, 'council.meeting.register', { meetingId: roomy }) })
  for (const who of joiningSmall) jobs.push({ kind: 'register', who, target: small, send: () => t.call(who, 'council.meeting.register', { meetingId: small }) })
  tasks.forEach((taskId, ti) =>
    NEIGHBOURS.slice(0, ti === 1 ? 12 : 20).forEach((who, n) => jobs.push({ kind: 'rate', who, target: taskId, send: () => t.call(who, 'council.task.rate', { taskId, rating: ratingOf(ti, n), comment: '谢谢大家' }) })),
  )
  for (const noticeId of notices) for (const who of NEIGHBOURS.slice(0, 20)) jobs.push({ kind: 'object', who, target: noticeId, send: () => t.call(who, 'notice.object', { noticeId, text: '阳光板夏天会不会太晒？' }) })
  let seed = 7
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[jobs[i], jobs[j]] = [jobs[j], jobs[i]]
  }

  const burst = await crashBurst(t.server, { calls: jobs.map((j) => j.send), kills: 3 })
  console.log(`crash burst: ${jobs.length} calls, ${burst.kills} kills, ${burst.retried} calls retried, ${burst.ms} ms`)
  expect(jobs.length).toBeGreaterThanOrEqual(300)
  expect(burst.kills).toBe(3)
  // The kills hit calls in flight.
  expect(burst.retried).toBeGreaterThan(0)

  const answers = jobs.map((j, i) => ({ ...j, answer: statusOf(burst.answers[i].answer) }))
  const answered = (kind: Job['kind'], target: string) => answers.filter((a) => a.kind === kind && a.target === target)

  // Co-signs: every co-signer is counted once; the matters past the threshold became candidates once and were announced once.
  for (const { issueId, author, cosigners } of issues) {
    for (const a of answered('cosign', issueId)) expect({ issueId, who: a.who, answer: a.answer }).toEqual({ issueId, who: a.who, answer: expect.stringMatching(/^ok:|^CONFLICT:你已经附议过这件事了$/) })
    const signed = await Promise.all(cosigners.map(async (who) => (await t.ok(who, 'council.issue.get', { issueId })).cosignedByMe))
    const issue = await t.ok(author, 'council.issue.get', { issueId })
    const crossed = cosigners.length >= THRESHOLD
    expect({ issueId, signed: signed.filter(Boolean).length, cosigns: issue.cosigns, status: issue.status, steps: issue.timeline.filter((s) => s.kind === 'candidate').length }).toEqual({
      issueId,
      signed: cosigners.length,
      cosigns: cosigners.length,
      status: crossed ? 'candidate' : 'open',
      steps: crossed ? 1 : 0,
    })
    for (const person of [...COMMITTEE, author]) expect({ issueId, person, told: await told(person, 'issue.candidate', issueId) }).toEqual({ issueId, person, told: crossed ? 1 : 0 })
  }

  // Registrations: seats taken are the registrations listed, within capacity; each person's answer is what they hold.
  for (const meetingId of [roomy, small]) {
    const m = await t.ok('demo-committee', 'council.meeting.get', { meetingId })
    const list = await t.ok('demo-committee', 'council.meeting.registrants', { meetingId, limit: 500 })
    expect({ meetingId, registered: m.registered, taken: m.capacity - m.seatsLeft, total: list.total }).toEqual({ meetingId, registered: list.items.length, taken: list.items.length, total: list.items.length })
    expect(list.items.length).toBeLessThanOrEqual(m.capacity)
    const listed = new Set(list.items.map((i) => i.memberId))
    for (const a of [...answered('register', meetingId), ...answered('cancel', meetingId)]) {
      const holds = a.answer === 'ok:registered' || a.answer === 'ok:already'
      expect({ meetingId, who: a.who, answer: a.answer, listed: listed.has(membershipId(C, a.who)) }).toEqual({
        meetingId,
        who: a.who,
        answer: expect.stringMatching(/^ok:(registered|already|cancelled|notRegistered)$|^FAILED_PRECONDITION:名额已满$/),
        listed: holds,
      })
    }
  }

  // Ratings: tallies equal the reviews; the task that sank below the bar reopened once and the committee heard once.
  for (const [ti, taskId] of tasks.entries()) {
    const task = await t.ok('demo-committee', 'council.task.get', { taskId })
    const byRating = { satisfied: 0, basic: 0, unsatisfied: 0 }
    for (const r of task.reviews) byRating[r.rating]++
    expect({ taskId, tally: task.ratings }).toEqual({ taskId, tally: byRating })
    for (const a of answered('rate', taskId)) {
      const mine = (await t.ok(a.who, 'council.task.get', { taskId })).myRating
      expect({ taskId, who: a.who, answer: a.answer, mine }).toEqual(
        a.answer.startsWith('FAILED_PRECONDITION')
          ? { taskId, who: a.who, answer: 'FAILED_PRECONDITION:这件事已重新办理，请办结后再评价', mine: null }
          : { taskId, who: a.who, answer: expect.stringMatching(/^ok:|^CONFLICT:你已经评价过这件事了$/), mine: expect.any(String) },
      )
    }
    const reopens = ((await t.db.collection('auditLog').where({ communityId: C, action: 'council.task.reopen' }).limit(1000).get()) as { data: Array<{ target: { id: string } }> }).data
    const sank = ti === 1
    expect({ taskId, status: task.status, reopens: reopens.filter((r) => r.target.id === taskId).length }).toEqual({ taskId, status: sank ? 'open' : 'done', reopens: sank ? 1 : 0 })
    for (const person of COMMITTEE) expect({ taskId, person, told: await told(person, 'task.reopened', taskId) }).toEqual({ taskId, person, told: sank ? 1 : 0 })
  }

  // Objections: counted from their documents, one per objector; the committee heard of each once.
  for (const noticeId of notices) {
    const objectors = answered('object', noticeId)
    for (const a of objectors) expect({ noticeId, who: a.who, answer: a.answer }).toEqual({ noticeId, who: a.who, answer: expect.stringMatching(/^ok:|^CONFLICT:/) })
    const docs = (await t.db.collection('objections').where({ communityId: C, noticeId }).count()) as { total: number }
    const listed = (await t.ok('demo-committee', 'notice.get', { noticeId })).objections.length
    expect({ noticeId, docs: docs.total, listed }).toEqual({ noticeId, docs: objectors.length, listed: objectors.length })
    for (const person of COMMITTEE) expect({ noticeId, person, told: await told(person, 'notice.objection', noticeId) }).toEqual({ noticeId, person, told: objectors.length })
  }
})
