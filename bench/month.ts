/**
 * What a month costs: a community of 2,000 households run through the gateway for a
 * simulated month (the H5 app's path: HTTP POST /api with X-Dev-Openid, the built
 * bundle, the emulator with strict indexes, the local clock moved day by day), then
 * the month's CloudBase usage and its price under the 个人版 package.
 *
 *   npm run bench:month        (not part of `npm test` nor of `npm run bench`: a few minutes)
 *
 * Counted: function invocations (every /api call, every timer run), database reads
 * and writes and storage API calls (the emulator's stats), function GB-seconds (the
 * configured memory × the duration of each call as measured here), storage bytes
 * written and CDN bytes served (the photos and certificates the month's people open).
 *
 * PRICE LIST (read 2026-11-30; the newest version the reference library holds):
 *   腾讯云 云开发 CloudBase「价格文档」, 基础套餐 个人版: ¥19.9/月; 调用次数 20 万次/月 (云存储上传、
 *   下载、获取临时链接等 API 调用, CDN 回源读次数, 数据库读、写等 API 操作, 云函数调用次数 — all one
 *   count); 容量 2 GB (云存储 + 数据库); 云函数资源使用量 10 万 GBs/月; 云函数外网出流量 2 GB/月;
 *   CDN 流量 5 GB/月; CDN 回源流量 5 GB/月. Over the package (超限不停服): 调用次数 ¥0.5/万次,
 *   容量 ¥0.1/GB/天, GBs ¥0.00011108, CDN ¥0.21/GB, 回源 ¥0.15/GB.
 *   Source: Tencent Cloud's documentation repository, github.com/tencentyun/qcloud-documents,
 *   product/移动与通信/应用服务平台/购买指南/价格文档.md at commit 1745c0983320be92ef56f3fb491b11bec2840db0
 *   (the page says the 个人版 price holds "至少会持续到2023年12月31日"; no newer price list was
 *   found here; a public note in the reference library reports the same fixed-quota 个人版 still listed
 *   on https://cloud.tencent.com/document/product/876/75213 as updated 2026-08-31).
 *
 * RESOURCE POINTS (资源点): since 2026-01-16 CloudBase also sells its packages in 资源点, and an
 *   environment that switches to them cannot switch back. The official table is the「资源点价格文档」,
 *   https://cloud.tencent.com/document/product/876/127357, which this machine cannot open and the
 *   reference library does not hold. The figures below are that page as quoted, with the dates
 *   they were read (2026-08 to 2026-10), by several independent public notes in the reference
 *   library that agree with each other; read 2026-11-30. Check them against the page itself.
 *   1,000 资源点 = ¥1. 个人版 ¥19.9/月 (限时优惠; ¥39–39.9 otherwise) with 40,000 点/月; 标准版 ¥199/月,
 *   330,000 点. Document database calls (reads and writes alike) 200 点/万次; database capacity
 *   40 点/GB/天; function invocations 13.3 点/万次; function resource use 0.111 点/GBs; function
 *   outbound traffic 800 点/GB; storage requests 10 点/万次; storage capacity 3.94 点/GB/天; CDN
 *   traffic 210 点/GB. Both 个人版 are printed below; the budget (≤ half) holds for each.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApi } from '../cloudfunctions/api/build'
import { householdGrid } from '../cloudfunctions/api/src/modules/community/model'
import { uploadPrefix } from '../cloudfunctions/api/src/platform/files'
import { ALARMS, FREQUENT_MS } from '../cloudfunctions/api/src/platform/alarms'
import { BUSY } from '../cloudfunctions/api/src/platform/db'
import { DIGESTS, VALID_MS } from '../cloudfunctions/api/src/modules/home/digest'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { CATCH_UP_HOURS, isCatchUpRun } from '../cloudfunctions/api/src/router'
import { startGateway, type Gateway } from '../local/gateway'
import { SEED_AWARDS } from '../local/seed/awards'
import { SEED_ISSUES } from '../local/seed/council'
import { DEMO_COMMUNITY } from '../local/seed/data'
import { idNumber } from '../test/helpers/volunteer'
import functionConfig from '../cloudfunctions/api/config.json'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000
const MINUTE = 60_000
const IN_FLIGHT = 16
EventEmitter.defaultMaxListeners = 64

// ---- the community and its month (assumptions, each printed with the figures) ----

const HOUSEHOLDS = 2000
/**
 * Share of households that open 首页 on a given day. The app is where the 居委会 posts
 * its notices and where matters, activities and votes live; a household reads a
 * weekly notice or two and follows a matter or an activity now and then, which is
 * about 4–5 opens a month, or one household in seven on an average day.
 */
const HOME_DAILY_SHARE = 0.15
/** matters raised a week, each with one photo (a resident's phone picture after the app's compression) */
const MATTERS_PER_WEEK = 3
const PHOTO_BYTES = 180 * 1024
/** of a week's matters: households that open each one, and that co-sign it */
const MATTER_VIEWS = 120
const MATTER_COSIGNS = 15
/** the month's meeting: registrations, check-ins, and households voting on its motion */
const MEETING_REGISTERED = 80
const MEETING_ATTENDED = 60
const MOTION_VOTERS = 400
/** each of the two activities: households that open it, sign up, and check in */
const ACTIVITY_VIEWS = 200
const ACTIVITY_SIGNUPS = 60
const ACTIVITY_CHECKINS = 50
/** volunteers: the team, shifts in the month (two a week), volunteers per shift */
const VOLUNTEERS = 30
const SHIFTS = 8
const PER_SHIFT = 6
/** award campaign: households voting (3 votes each, one day) and opening the campaign */
const AWARD_VOTERS = 400
/** shop: households browsing the items, redeeming (and the committee handing over) */
const SHOP_BROWSERS = 150
const REDEMPTIONS = 40
/** certificates volunteers ask for in a month */
const CERTIFICATES = 3
/**
 * 首页 opens are sampled: every day, one household in HOME_EVERY of the day's openers opens
 * it and is counted HOME_EVERY times. The full 9,000 opens would take this shared machine
 * far longer than the few minutes a bench may; sampling every day rather than every
 * HOME_EVERY-th day keeps the month's mix of quiet days and days with a vote open or an
 * activity coming (an open costs more on those).
 *
 * The digest's rebuilds are counted apart, once each, not HOME_EVERY times: a rebuild
 * serves every open after it. Each day the first open runs alone (it rebuilds what the
 * day before left stale) and is measured against the sampled opens that follow it on the
 * fresh digest; the difference is one rebuild. The month is charged one rebuild for each
 * time the digest's validity runs out during the hours people open 首页, plus one for
 * every write that marked it dirty (as if an open followed each: a burst of 16 sign-ups
 * marks it 16 times but one open rebuilds it), which errs towards cost.
 */
const HOME_EVERY = 10
/** the hours of a day in which households open 首页 (07:00–23:00): the digest's validity runs out this often or less */
const OPENING_HOURS = 16
/**
 * Timers: one 10-minute trigger (config.json `frequent`; the hourly one is gone). Each
 * simulated day ends with one run that does the day's timer work (reminders, closing
 * the motion and telling everyone, the 公示 periods ending…). A day's alarm rings at
 * each moment its work fell due, not once: every further 10-minute slot in which it
 * rang is one more run that sweeps everything, counted at the cost of a rung run that
 * finds nothing (measured). Four runs a day are catch-ups (every alarmed sweep and the
 * recovery sweeps, unguarded; measured on a day's four). The rest of the month's FREQUENT_RUNS
 * runs find nothing due: that idle cost is measured on a sample and scaled.
 */
const FREQUENT_SAMPLE = 120
const FREQUENT_RUNS = (30 * 24 * 3_600_000) / FREQUENT_MS
const CATCH_UP_RUNS = 30 * 4
/**
 * What 首页 asks when it opens (src/pages/home): home.today alone, with the newest notices
 * and the unread badge, and the membership as me.get would report it, against which the
 * phone checks the me.get answer it kept (src/api/me.ts deferMeToHome/confirmMe) — a
 * returning household, which is nearly every open; a phone's first launch, or a
 * membership changed since (verified, a role), also asks me.get (3 calls more).
 * The community-wide parts come from one digest document (modules/home/digest.ts).
 * Until 2026-11-30 an open asked me.get and home.today: 2 invocations and 11 database
 * calls; before that notice.list and message.list apart too: 4 and 17.3.
 */
const HOME_CALLS = [['home.today', { notices: 5, unread: true }]] as const

// ---- the 个人版 package (see the price list above) ----

const PACKAGE = {
  name: '个人版',
  yuanPerMonth: 19.9,
  calls: 200_000,
  capacityGB: 2,
  gbSeconds: 100_000,
  cdnGB: 5,
  cdnOriginGB: 5,
}
const OVERAGE = { perTenThousandCalls: 0.5, perGBs: 0.00011108, perCdnGB: 0.21 }

// ---- the 个人版 package in 资源点 (see RESOURCE POINTS above) ----

const POINTS = {
  perMonth: 40_000,
  yuanPerPoint: 0.001,
  perTenThousandDbCalls: 200,
  perTenThousandInvocations: 13.3,
  perGBs: 0.111,
  perTenThousandStorageCalls: 10,
  perGBDayDatabase: 40,
  perCdnGB: 210,
}

type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } } // eslint-disable-line @typescript-eslint/no-explicit-any

interface Counts {
  reads: number
  writes: number
  storage: number
}

const WRITES = /^database\.(insertDocument|modifyDocument|removeDocument|modifyAndReturnDoc|commitTransaction)$/

function countsOf(byAction: Record<string, number>): Counts {
  const c = { reads: 0, writes: 0, storage: 0 }
  for (const [name, n] of Object.entries(byAction)) {
    if (WRITES.test(name)) c.writes += n
    else if (name.startsWith('database.')) c.reads += n
    else if (name.startsWith('storage.') || name.startsWith('files.')) c.storage += n
  }
  return c
}
const minus = (a: Counts, b: Counts): Counts => ({ reads: a.reads - b.reads, writes: a.writes - b.writes, storage: a.storage - b.storage })
const callsIn = (c: Counts) => c.reads + c.writes + c.storage

/** database and storage calls, invocations and their milliseconds (and rounded up to whole 100 ms) */
interface Measured extends Counts {
  invocations: number
  ms: number
  rounded: number
}
const measured = (): Measured => ({ reads: 0, writes: 0, storage: 0, invocations: 0, ms: 0, rounded: 0 })
function add(into: Measured, m: Measured) {
  for (const key of Object.keys(into) as Array<keyof Measured>) into[key] += m[key]
}

interface Tally {
  invocations: number
  /** milliseconds each call took, gateway round trip included (a slight overestimate of the function's own time) */
  durations: number[]
  byAction: Map<string, number>
}

const member = (i: number) => `bench-month-${i}`
const pick = (n: number, offset = 0) => Array.from({ length: n }, (_, k) => (offset + k * 7) % HOUSEHOLDS)

/** 2,000 households that joined through the app months ago (community.join writes what these hold). */
async function setUp(gw: Gateway) {
  const db = gw.app.database()
  const building = { _id: `${C}:bench`, communityId: C, name: '滨海花园', units: 10, floors: 20, roomsPerFloor: 10, order: 99 }
  await db.collection('buildings').add(building)
  const households = householdGrid(building).slice(0, HOUSEHOLDS)
  for (let i = 0; i < households.length; i += 500) await db.collection('households').add(households.slice(i, i + 500).map((h) => ({ ...h, communityId: C })))
  const joined = new Date(gw.clock.now().getTime() - 120 * DAY)
  for (let i = 0; i < HOUSEHOLDS; i += 500) {
    await db.collection('memberships').add(
      Array.from({ length: Math.min(500, HOUSEHOLDS - i) }, (_, k) => {
        const h = households[i + k]
        return { _id: membershipId(C, member(i + k)), communityId: C, openid: member(i + k), nickname: `邻居${i + k}`, realName: null, status: 'verified', roles: [], buildingIds: [], householdId: h._id, buildingId: h.buildingId, raisedIssues: false, cosignedIssues: false, consents: false, createdAt: joined, verifiedAt: joined }
      }),
    )
  }
}

function caller(gw: Gateway, tally: Tally) {
  const call = async (openid: string, action: string, payload: unknown = {}): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const started = performance.now()
    const res = await fetch(`${gw.url}/api`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify({ action, payload, communityId: C }) })
    const answer = (await res.json()) as Answer
    tally.durations.push(performance.now() - started)
    tally.invocations++
    tally.byAction.set(action, (tally.byAction.get(action) ?? 0) + 1)
    // 「同时操作的人太多」: the phone says try again, and the person does (each try is counted).
    if (!answer.ok && answer.error?.code === 'CONFLICT' && answer.error.message === BUSY) {
      await new Promise((done) => setTimeout(done, 200 + Math.random() * 800))
      return call(openid, action, payload)
    }
    if (!answer.ok) throw new Error(`${action} as ${openid}: ${answer.error?.code} ${answer.error?.message}`)
    return answer.data
  }
  return call
}

/** Runs jobs with a fixed number in flight, as many phones at once would. */
async function inFlight<T>(items: T[], run: (item: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < items.length) await run(items[next++])
  }))
}

/** The 10-minute slots in which any alarm rang since the last silence (what the day's end run answers): one read. */
async function rungSlots(gw: Gateway): Promise<number> {
  const db = gw.app.database()
  const now = gw.clock.now()
  const { data } = await db.collection(ALARMS).where({ dues: db.command.lte(now) }).limit(100).get()
  const slots = new Set<number>()
  for (const a of data as Array<{ dues: Array<Date | string> }>) {
    for (const due of a.dues) if (new Date(due).getTime() <= now.getTime()) slots.add(Math.ceil(new Date(due).getTime() / FREQUENT_MS))
  }
  return slots.size
}

const dirBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0)

export async function benchMonth(): Promise<Record<string, number | string>> {
  await buildApi({ quiet: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-month-'))
  const gw = await startGateway({ port: 0, dataDir, quiet: true, strictIndexes: true })
  const tally: Tally = { invocations: 0, durations: [], byAction: new Map() }
  const call = caller(gw, tally)
  const bytes = { stored: 0, cdn: 0 }
  /** the sampled 首页 opens on a fresh digest, counted HOME_EVERY times */
  const home = measured()
  /** each day's first open, alone: one rebuild beside what an open on a fresh digest costs */
  const firstOpens = measured()
  const rebuild = { built: 0, calls: 0, ms: 0, rounded: 0 }
  /** what the end-of-day timer runs did (30 runs) */
  const timerWork = { calls: 0, reads: 0, writes: 0, ms: 0 }
  /** further 10-minute slots in which a day's alarm rang, beyond the one end-of-day run */
  let extraRings = 0
  try {
    await setUp(gw)
    const start = gw.clock.now().getTime()
    const dayAt = (d: number, hour: number) => new Date(start - (start % DAY) + d * DAY + (hour - 8) * HOUR)
    const iso = (t: Date) => t.toISOString()

    // Volunteers register once; the month's cost is what they do after (not counted).
    const volunteers = pick(VOLUNTEERS, 3)
    for (const [k, i] of volunteers.entries()) {
      await call(member(i), 'volunteer.apply', { realName: '志愿者', idNumber: idNumber(`350203199001${String(1000 + k).padStart(5, '0')}`), skills: [], categories: ['elderly'], consent: true })
      await call('demo-committee', 'volunteer.application.decide', { memberId: membershipId(C, member(i)), approve: true })
    }
    const { teamId } = await call('demo-committee', 'volunteer.team.create', { name: '滨海志愿服务队', leadIds: [membershipId(C, 'demo-lead')] })
    const redeemers = pick(REDEMPTIONS, 11)
    for (const i of redeemers) await call('demo-admin', 'points.adjust', { memberId: membershipId(C, member(i)), amount: 100, reason: '上月志愿服务积分' })
    tally.invocations = 0
    tally.durations = []
    tally.byAction.clear()
    const storedBefore = dirBytes(dataDir)
    gw.emulator.resetStats()
    /** 调用次数 by source: what was counted since the last checkpoint goes to `source` (null: counted elsewhere) */
    const bySource = new Map<string, number>()
    let checkpoint = 0
    const settle = (source: string | null) => {
      const now = callsIn(countsOf(gw.emulator.stats.byAction)) + tally.invocations
      if (source) bySource.set(source, (bySource.get(source) ?? 0) + now - checkpoint)
      checkpoint = now
    }

    const { projectId } = await call('demo-lead', 'volunteer.project.create', { title: '关爱独居老人', description: '每周上门探访社区独居老人，陪伴聊天、检查用电安全', category: 'elderly', teamId })
    const items: string[] = []
    for (const name of ['大米 5 斤', '洗衣液', '毛巾']) items.push((await call('demo-committee', 'mall.item.create', { name, price: 50, stock: 20 })).itemId)

    settle('setup: volunteer project, shop items')
    /** what a day's events leave for a later day (a meeting's check-in, an activity's), run after that day's own */
    const laterOn = new Map<number, Array<() => Promise<void>>>()
    const later = (day: number, run: () => Promise<void>) => laterOn.set(day, [...(laterOn.get(day) ?? []), run])
    /** the local clock only moves on within a day: an event set earlier than the one before it happens at once */
    const forward = (t: Date) => gw.clock.set(new Date(Math.max(gw.clock.now().getTime(), t.getTime())))
    for (let d = 0; d < 30; d++) {
      // A minute later each day: the day's first open comes after the digest built the day before has run out.
      gw.clock.set(new Date(dayAt(d, 8).getTime() + d * MINUTE))
      const week = Math.floor(d / 7)
      // 首页, as src/pages/home asks when it opens.
      const openers = pick(Math.round((HOUSEHOLDS * HOME_DAILY_SHARE) / HOME_EVERY), d * 37)
      const open = (i: number) => Promise.all(HOME_CALLS.map(([action, payload]) => call(member(i), action, payload)))
      {
        const measure = async (into: Measured, run: () => Promise<unknown>) => {
          const before = countsOf(gw.emulator.stats.byAction)
          const [calls0, ms0] = [tally.invocations, tally.durations.length]
          await run()
          const got = minus(countsOf(gw.emulator.stats.byAction), before)
          const ms = tally.durations.slice(ms0)
          const m = { ...got, invocations: tally.invocations - calls0, ms: ms.reduce((s, t) => s + t, 0), rounded: ms.reduce((s, t) => s + Math.ceil(t / 100) * 100, 0) }
          add(into, m)
          return m
        }
        // The day's first open alone (opens come minutes apart, not 16 at the same instant).
        const first = await measure(firstOpens, () => open(openers[0]))
        const plain = await measure(home, () => inFlight(openers, open))
        const extraCalls = callsIn(first) - callsIn(plain) / openers.length
        if (extraCalls >= 1) {
          rebuild.built++
          rebuild.calls += extraCalls
          rebuild.ms += Math.max(0, first.ms - plain.ms / openers.length)
          rebuild.rounded += Math.max(0, first.rounded - plain.rounded / openers.length)
        }
        settle(null)
      }

      if (d % 7 === 1) {
        await call('demo-committee', 'notice.publish', { title: `第${week + 1}周社区通知`, body: '本周六上午开展楼道清理，请各户配合清理楼道杂物。', category: 'announcement', publicDays: 7 })
        for (let m = 0; m < MATTERS_PER_WEEK; m++) {
          const author = member((week * 97 + m * 13) % HOUSEHOLDS)
          const cloudPath = `${uploadPrefix(C, membershipId(C, author))}issues/bench-${d}-${m}.jpg`
          const up = await fetch(`${gw.url}/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'x-dev-openid': author }, body: Buffer.alloc(PHOTO_BYTES, m) })
          const { fileID } = (await up.json()) as { fileID: string }
          bytes.stored += PHOTO_BYTES
          const { issueId } = await call(author, 'council.issue.create', { title: `${week + 1}号楼道灯坏了（${m + 1}）`, body: '楼道声控灯不亮，晚上老人上下楼不安全，请物业尽快维修。', category: 'facility', photos: [fileID] })
          await inFlight(pick(MATTER_VIEWS, d * 11 + m), async (i) => {
            await call(member(i), 'council.issue.list', {})
            await call(member(i), 'council.issue.get', { issueId })
            bytes.cdn += PHOTO_BYTES
          })
          const cosigners = pick(MATTER_COSIGNS + 1, d * 5 + m).filter((i) => member(i) !== author).slice(0, MATTER_COSIGNS)
          await inFlight(cosigners, (i) => call(member(i), 'council.issue.cosign', { issueId }))
        }
        settle('matters and notices')
      }

      if (d === 8) {
        const { meetingId } = await call('demo-committee', 'council.meeting.schedule', { title: '楼道照明专题议事会', startAt: iso(dayAt(10, 19)), endAt: iso(dayAt(10, 21)), place: '社区活动室', capacity: 120, topicIds: [`${SEED_ISSUES.bikeShed}:topic`] })
        await inFlight(pick(MEETING_REGISTERED, 5), (i) => call(member(i), 'council.meeting.register', { meetingId }))
        settle('meeting and vote')
        later(10, async () => {
          forward(dayAt(10, 19))
          const { token } = await call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: meetingId })
          await inFlight(pick(MEETING_ATTENDED, 5), (i) => call(member(i), 'checkin.scan', { token }))
          const { motionId } = await call('demo-committee', 'council.motion.create', { title: '楼道照明改造方案', description: '公共收益用于更换全部楼道声控灯，请每户投一票。', options: ['同意', '不同意', '弃权'], secret: false, hideResults: false, closesAt: iso(dayAt(13, 20)) })
          await inFlight(pick(MOTION_VOTERS, 17), async (i) => {
            await call(member(i), 'council.motion.get', { motionId })
            await call(member(i), 'council.motion.vote', { motionId, option: i % 3 })
          })
          settle('meeting and vote')
        })
      }

      if (d === 4 || d === 18) {
        forward(dayAt(d, 9))
        const { activityId } = await call('demo-committee', 'activity.create', { title: d === 4 ? '社区义诊' : '亲子手工课', place: '社区服务中心', startAt: iso(dayAt(d + 2, 18)), endAt: iso(dayAt(d + 2, 20)), signupEndAt: iso(dayAt(d + 1, 20)), capacity: 80, points: 5 })
        await inFlight(pick(ACTIVITY_VIEWS, d), async (i) => {
          await call(member(i), 'activity.list', {})
          await call(member(i), 'activity.get', { activityId })
        })
        await inFlight(pick(ACTIVITY_SIGNUPS, d), (i) => call(member(i), 'activity.signup', { activityId }))
        settle('activities')
        later(d + 2, async () => {
          forward(dayAt(d + 2, 18))
          const { token } = await call('demo-committee', 'checkin.token', { kind: 'activity', eventId: activityId })
          await inFlight(pick(ACTIVITY_CHECKINS, d), (i) => call(member(i), 'checkin.scan', { token }))
          settle('activities')
        })
      }

      if (d % 4 === 2 && d / 4 < SHIFTS) {
        forward(dayAt(d, 8))
        const { shiftId } = await call('demo-lead', 'volunteer.shift.create', { projectId, startAt: iso(dayAt(d, 14)), endAt: iso(dayAt(d, 16)), place: '社区服务中心', capacity: PER_SHIFT + 2, content: '上门探访、陪伴聊天' })
        const crew = volunteers.slice((d * 3) % (VOLUNTEERS - PER_SHIFT), ((d * 3) % (VOLUNTEERS - PER_SHIFT)) + PER_SHIFT)
        for (const i of crew) await call(member(i), 'volunteer.shift.signup', { shiftId })
        forward(dayAt(d, 14))
        const inCode = (await call('demo-lead', 'checkin.token', { kind: 'shift', eventId: shiftId, direction: 'in' })).token
        await inFlight(crew, (i) => call(member(i), 'checkin.scan', { token: inCode }))
        forward(dayAt(d, 16))
        const outCode = (await call('demo-lead', 'checkin.token', { kind: 'shift', eventId: shiftId, direction: 'out' })).token
        await inFlight(crew, async (i) => {
          await call(member(i), 'checkin.scan', { token: outCode })
          await call(member(i), 'volunteer.record.mine')
        })
        settle('volunteers')
      }

      if (d === 1) {
        const campaignId = SEED_AWARDS.voting
        await inFlight(pick(AWARD_VOTERS, 29), async (i) => {
          await call(member(i), 'award.campaign.get', { campaignId })
          // The demo campaign's 4 candidates (see bench/awards.ts); 3 votes a day, each for another.
          for (let v = 0; v < 3; v++) await call(member(i), 'award.vote', { campaignId, candidateId: `${campaignId}:c${((i + v) % 4) + 1}` })
        })
        settle('award')
      }

      if (d === 20) {
        await inFlight(pick(SHOP_BROWSERS, 13), (i) => call(member(i), 'mall.items'))
        const orders: string[] = []
        await inFlight(redeemers, async (i) => {
          orders.push((await call(member(i), 'mall.redeem', { itemId: items[i % items.length] })).orderId)
        })
        for (const orderId of orders) await call('demo-committee', 'mall.order.handover', { orderId })
        settle('shop')
      }

      if (d === 27) {
        for (const i of volunteers.slice(0, CERTIFICATES)) {
          const cert = await call(member(i), 'volunteer.certificate')
          const pdf = await fetch(cert.url)
          const size = (await pdf.arrayBuffer()).byteLength
          bytes.stored += size
          bytes.cdn += size
        }
        settle('volunteers')
      }
      for (const run of laterOn.get(d) ?? []) await run()
      // The day's timer work, done by one run at the day's end.
      gw.clock.set(dayAt(d, 23))
      const before = countsOf(gw.emulator.stats.byAction)
      // The slots the day's alarm rang in (one read, the bench's own: taken off below).
      const slots = await rungSlots(gw)
      extraRings += Math.max(0, slots - 1)
      const t0 = performance.now()
      await gw.api.runTimer('frequent')
      timerWork.ms += performance.now() - t0
      const got = minus(countsOf(gw.emulator.stats.byAction), { ...before, reads: before.reads + 1 })
      timerWork.calls += callsIn(got)
      timerWork.reads += got.reads
      timerWork.writes += got.writes
      settle(null)
    }

    // 首页: the sampled opens HOME_EVERY times, and the digest's rebuilds once each (see HOME_EVERY).
    const digestWrites = gw.emulator.stats.writes[DIGESTS] ?? 0
    const marks = Math.max(0, digestWrites - rebuild.built)
    const expiries = 30 * Math.max(1, Math.ceil((OPENING_HOURS * HOUR) / VALID_MS))
    const rebuilds = expiries + marks
    const perRebuild = rebuild.built ? { calls: rebuild.calls / rebuild.built, ms: rebuild.ms / rebuild.built, rounded: rebuild.rounded / rebuild.built } : { calls: 0, ms: 0, rounded: 0 }
    const homeDb = HOME_EVERY * callsIn(home) + rebuilds * perRebuild.calls
    const homeCalls = HOME_EVERY * home.invocations + homeDb
    // What the emulator counted for people, less the 首页 opens as run (counted again just below).
    const people = minus(countsOf(gw.emulator.stats.byAction), { reads: timerWork.reads + home.reads + firstOpens.reads, writes: timerWork.writes + home.writes + firstOpens.writes, storage: timerWork.calls - timerWork.reads - timerWork.writes + home.storage + firstOpens.storage })
    const homeScale = callsIn(home) > 0 ? homeDb / callsIn(home) : 0
    people.reads += home.reads * homeScale
    people.writes += home.writes * homeScale
    people.storage += home.storage * homeScale
    const userCalls = tally.invocations - home.invocations - firstOpens.invocations + HOME_EVERY * home.invocations
    const sum = (xs: number[]) => xs.reduce((s, ms) => s + ms, 0)
    const userMs = sum(tally.durations) - home.ms - firstOpens.ms + HOME_EVERY * home.ms + rebuilds * perRebuild.ms
    const userRounded = sum(tally.durations.map((ms) => Math.ceil(ms / 100) * 100)) - home.rounded - firstOpens.rounded + HOME_EVERY * home.rounded + rebuilds * perRebuild.rounded

    // Timers: samples of runs on the local clock, scaled to the month's schedule.
    const timerRuns = async (moments: Date[], beforeEach?: (at: Date) => Promise<void>) => {
      let requests = 0
      let ms = 0
      for (const at of moments) {
        await beforeEach?.(at)
        gw.clock.set(at)
        gw.emulator.resetStats()
        const t0 = performance.now()
        await gw.api.runTimer('frequent')
        ms += performance.now() - t0
        requests += gw.emulator.stats.requests
      }
      return { requests: requests / moments.length, ms: ms / moments.length }
    }
    const slotsFrom = (from: Date, n: number) => Array.from({ length: n }, (_, r) => new Date(from.getTime() + r * FREQUENT_MS))
    const idle = await timerRuns(slotsFrom(dayAt(30, 0), FREQUENT_SAMPLE + 2).filter((at) => !isCatchUpRun(at)).slice(0, FREQUENT_SAMPLE))
    // A catch-up that finds nothing left to do (a first run at the same moment, not counted, does what fell due since).
    const catchUp = await timerRuns([0, 6, 12, 18].map((h) => dayAt(31, h)), async (at) => {
      gw.clock.set(at)
      await gw.api.runTimer('frequent')
    })
    // A rung run that finds nothing: the alarm armed (by the bench, not counted) for a minute before the run.
    const rung = await timerRuns(slotsFrom(dayAt(31, 20), 4), async (at) => {
      await gw.app.database().collection(ALARMS).doc(`${C}:alarm`).update({ dues: gw.app.database().command.push([new Date(at.getTime() - MINUTE)]) })
    })
    const timerInvocations = FREQUENT_RUNS
    const idleRuns = FREQUENT_RUNS - 30 - CATCH_UP_RUNS - extraRings
    const timerDbCalls = timerWork.calls + idleRuns * idle.requests + CATCH_UP_RUNS * catchUp.requests + extraRings * rung.requests
    const timerMs = timerWork.ms + idleRuns * idle.ms + CATCH_UP_RUNS * catchUp.ms + extraRings * rung.ms

    // What the 调用次数 quota counts: database and storage API calls, and function invocations.
    const invocations = userCalls + timerInvocations
    const timerCalls = timerInvocations + timerDbCalls
    const calls = userCalls + callsIn(people) + timerCalls
    const memoryGB = functionConfig.memorySize / 1024
    const gbSeconds = (memoryGB * (userMs + timerMs)) / 1000
    // If each call were billed in whole 100 ms (SCF's older granularity), the upper bound:
    const rounded = (ms: number) => Math.ceil(ms / 100) * 100
    const timerRounded = rounded(timerWork.ms) + idleRuns * rounded(idle.ms) + CATCH_UP_RUNS * rounded(catchUp.ms) + extraRings * rounded(rung.ms)
    const gbSecondsRounded = (memoryGB * (userRounded + timerRounded)) / 1000
    const share = (used: number, quota: number) => `${((100 * used) / quota).toFixed(1)}%`
    // The data folder holds the database and the files: what it grew by is what the month added.
    const capacityGB = (dirBytes(dataDir) - storedBefore) / 1024 ** 3
    const cdnGB = bytes.cdn / 1024 ** 3

    // 资源点: every database call (people and timers), invocation, GBs, storage call and CDN byte,
    // and the whole data folder (database and files) kept for the 30 days at the database's rate.
    const dbCalls = people.reads + people.writes + timerDbCalls
    const storedGB = dirBytes(dataDir) / 1024 ** 3
    const points = {
      database: (dbCalls / 10_000) * POINTS.perTenThousandDbCalls,
      invocations: (invocations / 10_000) * POINTS.perTenThousandInvocations,
      gbSeconds: gbSeconds * POINTS.perGBs,
      storage: (people.storage / 10_000) * POINTS.perTenThousandStorageCalls,
      capacity: storedGB * 30 * POINTS.perGBDayDatabase,
      cdn: cdnGB * POINTS.perCdnGB,
    }
    const pointsTotal = Object.values(points).reduce((a, b) => a + b, 0)
    const over = (used: number, quota: number) => Math.max(0, used - quota)
    const yuan = PACKAGE.yuanPerMonth + (over(calls, PACKAGE.calls) / 10_000) * OVERAGE.perTenThousandCalls + over(gbSecondsRounded, PACKAGE.gbSeconds) * OVERAGE.perGBs + over(cdnGB, PACKAGE.cdnGB) * OVERAGE.perCdnGB
    const worst = Math.max(calls / PACKAGE.calls, gbSecondsRounded / PACKAGE.gbSeconds, cdnGB / PACKAGE.cdnGB, capacityGB / PACKAGE.capacityGB, pointsTotal / POINTS.perMonth)
    bySource.set('首页 opens', homeCalls)
    bySource.set('timers', timerCalls)
    const breakdown = Object.fromEntries(
      [...bySource.entries()].sort((a, b) => b[1] - a[1]).map(([source, n]) => [`  source: ${source}`, `${Math.round(n)} (${share(n, PACKAGE.calls)} of 个人版)`]),
    )
    const top = [...tally.byAction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([a, n]) => `${a} ${n}`).join(', ')

    return {
      'households / 首页 opens a day (assumed share)': `${HOUSEHOLDS} / ${Math.round(HOUSEHOLDS * HOME_DAILY_SHARE)} (${HOME_DAILY_SHARE * 100}%)`,
      'function invocations: people, month': userCalls,
      [`function invocations: timers (every ${FREQUENT_MS / 60_000} min, ${FREQUENT_RUNS.toLocaleString()})`]: timerInvocations,
      'function invocations: all': invocations,
      'most called actions (simulated days)': top,
      'database reads: people, month': Math.round(people.reads),
      'database writes incl. transaction commits: people, month': Math.round(people.writes),
      'database calls per people invocation (average)': +((people.reads + people.writes) / userCalls).toFixed(2),
      [`database calls per 首页 open on a fresh digest (${HOME_CALLS.map(([a]) => a).join(' + ')})`]: +(callsIn(home) / (home.invocations / HOME_CALLS.length)).toFixed(2),
      '首页 digest rebuilds a month: validity running out / after a marking write (upper bound)': `${expiries} / ${marks}`,
      'database calls per digest rebuild, beyond an open (measured on the days\' first opens)': +perRebuild.calls.toFixed(2),
      'database calls per idle 10-minute timer run (sampled)': +idle.requests.toFixed(2),
      [`database calls per catch-up run (every ${CATCH_UP_HOURS} h, ${CATCH_UP_RUNS} a month; sampled)`]: +catchUp.requests.toFixed(2),
      [`database calls per rung run that finds nothing (${extraRings} a month beyond the end-of-day runs; sampled)`]: +rung.requests.toFixed(2),
      "database calls: the days' timer work (30 end-of-day runs)": timerWork.calls,
      'storage API calls (uploads, downloads, temp URLs), month': people.storage,
      '调用次数 (invocations + database + storage calls), month': Math.round(calls),
      '  of which 首页 opens': `${Math.round(homeCalls)} (${share(homeCalls, calls)})`,
      '  of which timers (the floor: what a month costs with nobody using the app)': `${Math.round(timerCalls)} (${share(timerCalls, calls)})`,
      [`  vs 个人版 ${PACKAGE.calls.toLocaleString()}/月`]: share(calls, PACKAGE.calls),
      ...breakdown,
      '  people alone (no timers) vs 个人版': share(calls - timerCalls, PACKAGE.calls),
      [`function GB-s (${functionConfig.memorySize} MB × measured ms), month`]: Math.round(gbSeconds),
      'function GB-s if billed per whole 100 ms (upper bound)': Math.round(gbSecondsRounded),
      [`  vs 个人版 ${PACKAGE.gbSeconds.toLocaleString()} GBs/月 (upper bound)`]: share(gbSecondsRounded, PACKAGE.gbSeconds),
      'median / p95 ms per people invocation (gateway round trip, this machine)': `${median(tally.durations).toFixed(0)} / ${p95(tally.durations).toFixed(0)}`,
      'files written this month (MB)': +(bytes.stored / 1024 ** 2).toFixed(1),
      'capacity added this month: data folder growth, database + files (GB)': +capacityGB.toFixed(4),
      [`  vs 个人版 ${PACKAGE.capacityGB} GB`]: share(capacityGB, PACKAGE.capacityGB),
      'CDN traffic: photos and certificates opened (GB)': +cdnGB.toFixed(3),
      [`  vs 个人版 ${PACKAGE.cdnGB} GB/月`]: share(cdnGB, PACKAGE.cdnGB),
      'largest share of any 个人版 quota, either kind (budget ≤ 50%)': `${(worst * 100).toFixed(1)}% ${worst <= 0.5 ? '(within budget)' : '(OVER BUDGET)'}`,
      '¥ per month (个人版 + any overage at the listed prices)': +yuan.toFixed(2),
      '资源点 per month (个人版 in 资源点: 40,000 included)': Math.round(pointsTotal),
      '  vs 个人版 40,000 点/月': share(pointsTotal, POINTS.perMonth),
      '  of which database calls / invocations / GBs / storage calls / capacity / CDN': Object.values(points).map((p) => Math.round(p)).join(' / '),
      '  ¥ per month in 资源点 (个人版, any points beyond it at ¥1 per 1,000)': +(19.9 + over(pointsTotal, POINTS.perMonth) * POINTS.yuanPerPoint).toFixed(2),
    }
  } finally {
    await gw.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0

if (require.main === module) {
  const started = Date.now()
  benchMonth().then(
    (figures) => {
      console.table(figures)
      console.log(`simulated in ${Math.round((Date.now() - started) / 1000)} s`)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
