/**
 * The api function's budgets: bundle size, cold `require` (≤ 1.1× the bare SDK's,
 * measured in the same run), cold first call, and database round trips per action
 * (hot paths ≤ 3), counted at the emulator.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApi, buildSdkFloor, BUNDLE } from '../cloudfunctions/api/build'
import { startGateway } from '../local/gateway'
import { DEMO_COMMUNITY } from '../local/seed/data'
import { SEED_COMMENTS, SEED_ISSUES, SEED_MEETINGS } from '../local/seed/council'
import { SEED_MOTIONS, SEED_NOTICES, SEED_TASKS } from '../local/seed/decisions'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
type Sample = { wall: number; cpu: number }
const spread = (xs: number[]) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`

/**
 * Cold starts in fresh processes, the bundle's and the floor's (the bare SDK, built
 * by build.ts buildSdkFloor) taken in turns so both meet the same load. Wall time is
 * the budget; CPU time (user + system) is printed too: other processes on a shared
 * machine stretch the wall time far more than the CPU time.
 */
export async function coldStarts(runs = 11): Promise<Record<string, string | number>> {
  const floor = join(mkdtempSync(join(tmpdir(), 'bench-floor-')), 'sdk.js')
  await buildSdkFloor(floor)
  // `body` may return a promise: the clock stops when it settles.
  const sample = (body: string): Sample =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
          Promise.resolve((() => { ${body} })()).then(() => {
            const c = process.cpuUsage(c0);
            console.log(JSON.stringify({ wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1e3 }));
          });`,
        ],
        { encoding: 'utf8' },
      ),
    )
  // The first call as CloudBase makes it after the require: the SDK's init, then a call that reads nothing.
  const firstCall = `
    const m = require(${JSON.stringify(BUNDLE)});
    const app = m.initCloudbase({ env: 'local', serviceUrl: 'http://127.0.0.1:9/admin', secretId: 'x', secretKey: 'x' });
    return m.createApi({ app, log: m.silentLogger }).handle({ action: 'system.ping' }, { openid: null }).then((r) => { if (!r.ok) process.exit(2) });`
  const floors: Sample[] = []
  const apis: Sample[] = []
  const firsts: Sample[] = []
  for (let i = 0; i < runs; i++) {
    floors.push(sample(`require(${JSON.stringify(floor)})`))
    apis.push(sample(`require(${JSON.stringify(BUNDLE)})`))
    firsts.push(sample(firstCall))
  }
  const wall = (xs: Sample[]) => xs.map((x) => x.wall)
  const cpu = (xs: Sample[]) => xs.map((x) => x.cpu)
  const ratio = (a: number[], b: number[]) => +(median(a) / median(b)).toFixed(2)
  return {
    'floor bundle: the bare @cloudbase/node-sdk (KiB)': +(statSync(floor).size / 1024).toFixed(1),
    [`floor: cold require of the bare SDK, ms, median (min–max) of ${runs}`]: spread(wall(floors)),
    'api cold require, ms': spread(wall(apis)),
    'api cold require ÷ floor, wall (budget 1.1)': ratio(wall(apis), wall(floors)),
    'floor: CPU ms of the require': spread(cpu(floors)),
    'api cold require, CPU ms': spread(cpu(apis)),
    'api cold require ÷ floor, CPU': ratio(cpu(apis), cpu(floors)),
    'api cold require + init + first call (system.ping), ms': spread(wall(firsts)),
  }
}

type Call = (openid: string, action: string, payload?: unknown) => Promise<unknown>

/**
 * Round trips to the database for one call of each action, as a resident of the
 * demo community. A payload may be computed first by other calls (e.g. the
 * organiser's check-in code), which are not counted.
 */
export async function roundTrips(
  calls: Array<{ label: string; openid: string; action: string; payload?: unknown | ((call: Call) => Promise<unknown>) }>,
): Promise<Record<string, number>> {
  const gw = await startGateway({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-rt-')), quiet: true })
  const call: Call = async (openid, action, payload) => {
    const res = await gw.api.handle({ action, payload: payload ?? {}, communityId: DEMO_COMMUNITY._id }, { openid })
    if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  try {
    const out: Record<string, number> = {}
    for (const c of calls) {
      const payload = typeof c.payload === 'function' ? await c.payload(call) : c.payload
      gw.emulator.resetStats()
      const res = await gw.api.handle({ action: c.action, payload: payload ?? {}, communityId: DEMO_COMMUNITY._id }, { openid: c.openid })
      if (!res.ok) throw new Error(`${c.label}: ${res.error.code} ${res.error.message}`)
      out[`round trips: ${c.label}`] = gw.emulator.stats.requests
    }
    return out
  } finally {
    await gw.close()
  }
}

const meetingCode = async (call: Call) => ({ token: ((await call('demo-committee', 'checkin.token', { kind: 'meeting', eventId: SEED_MEETINGS.upcoming })) as { token: string }).token })

export async function benchApi(): Promise<Record<string, string | number>> {
  await buildApi({ quiet: true })
  return {
    'api bundle (KiB)': +(statSync(BUNDLE).size / 1024).toFixed(1),
    ...(await coldStarts()),
    ...(await roundTrips([
      { label: 'notice.list', openid: 'demo-resident', action: 'notice.list', payload: { limit: 5 } },
      { label: 'me.get', openid: 'demo-resident', action: 'me.get' },
      { label: 'council.issue.cosign (budget 3)', openid: 'demo-resident', action: 'council.issue.cosign', payload: { issueId: SEED_ISSUES.stairLights } },
      { label: 'council.meeting.register (budget 3)', openid: 'demo-resident', action: 'council.meeting.register', payload: { meetingId: SEED_MEETINGS.upcoming } },
      { label: 'council.meeting.cancelRegistration', openid: 'demo-volunteer', action: 'council.meeting.cancelRegistration', payload: { meetingId: SEED_MEETINGS.upcoming } },
      // The floor of a member's call: the membership the router reads for every one, and nothing else.
      { label: 'checkin.personalCode (floor: the membership read alone)', openid: 'demo-resident', action: 'checkin.personalCode' },
      // The membership and the attendance, which records the credit it owes; the credit is paid after (points.mine below).
      { label: 'checkin.scan, credited (budget 3)', openid: 'demo-resident', action: 'checkin.scan', payload: meetingCode },
      { label: 'checkin.scan, repeated', openid: 'demo-resident', action: 'checkin.scan', payload: meetingCode },
      { label: 'checkin.scan, unverified walk-in', openid: 'demo-newcomer', action: 'checkin.scan', payload: meetingCode },
      // Pays the credit the scan above left owed (one transaction), then reads the balance and the entries.
      { label: 'points.mine, paying the check-in credit first', openid: 'demo-resident', action: 'points.mine' },
      { label: 'points.mine, nothing owed', openid: 'demo-resident', action: 'points.mine' },
      { label: 'council.comment.report', openid: 'demo-resident', action: 'council.comment.report', payload: { commentId: SEED_COMMENTS.first } },
      { label: 'council.motion.vote (budget 3)', openid: 'demo-resident', action: 'council.motion.vote', payload: { motionId: SEED_MOTIONS.chargers, option: 0 } },
      { label: 'council.task.rate', openid: 'demo-resident', action: 'council.task.rate', payload: { taskId: SEED_TASKS.sortingKiosk, rating: 'satisfied' } },
      { label: 'notice.object', openid: 'demo-volunteer', action: 'notice.object', payload: { noticeId: SEED_NOTICES.elevator, text: '费用分摊系数能否再公布详细计算方法？' } },
    ])),
  }
}

if (require.main === module) {
  benchApi().then((r) => console.table(r))
}
