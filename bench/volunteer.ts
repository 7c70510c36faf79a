/**
 * 志愿服务's budgets: database round trips of a volunteer's scans (check-in and
 * check-out, ≤ 3 each) and of the other hot calls, beside the floor (system.ping reads nothing; a member's call reads its membership);
 * what issuing a certificate costs; and what loading the PDF code lazily keeps out of
 * the api's cold start (the require budget, 150 ms, is bench/api's figure), beside a
 * bare `node` start as the floor. A scan is one call of the api; its database
 * requests are what is counted here. A scan writes the attendance with the credit it
 * owes; paying it (the shift's figures, the totals, the points) is counted where it
 * happens: the volunteer's next read of 我的志愿.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApi, BUNDLE, PDF_BUNDLE } from '../cloudfunctions/api/build'
import { membershipId } from '../cloudfunctions/api/src/platform/roles'
import { startGateway } from '../local/gateway'
import { DEMO_COMMUNITY } from '../local/seed/data'

const C = DEMO_COMMUNITY._id
const MINUTE = 60_000
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Median ms of `node -e script`'s own measurement over a few fresh processes. */
function coldMs(script: string, runs = 5): number {
  return median(Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim())))
}

/** ms from the process's start (performance's time origin) to the end of `body`: node's own start is the floor. */
function coldStart() {
  const since = (body: string) => `${body}; console.log(require('node:perf_hooks').performance.now())`
  return {
    'floor: node starting, nothing required (ms since process start)': +coldMs(since('')).toFixed(1),
    'api required, PDF code left out (ms since process start)': +coldMs(since(`require(${JSON.stringify(BUNDLE)})`)).toFixed(1),
    'api required with the PDF code, as if bundled (ms since process start)': +coldMs(since(`require(${JSON.stringify(BUNDLE)}); require(${JSON.stringify(PDF_BUNDLE)})`)).toFixed(1),
    'api bundle (KiB)': +(statSync(BUNDLE).size / 1024).toFixed(1),
    'certificate-pdf.js, loaded on the first certificate (KiB)': +(statSync(PDF_BUNDLE).size / 1024).toFixed(1),
  }
}

async function roundTrips() {
  const gw = await startGateway({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-volunteer-')), quiet: true })
  const call = async <T>(openid: string, action: string, payload: unknown = {}): Promise<T> => {
    const res = await gw.api.handle({ action, payload, communityId: C }, { openid })
    if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`)
    return res.data as T
  }
  const counted = async (action: string, openid: string, payload: unknown = {}) => {
    gw.emulator.resetStats()
    const started = Date.now()
    await call(openid, action, payload)
    return { requests: gw.emulator.stats.requests, ms: Date.now() - started }
  }
  try {
    const lead = membershipId(C, 'demo-lead')
    const { teamId } = await call<{ teamId: string }>('demo-committee', 'volunteer.team.create', { name: '测速志愿队', leadIds: [lead] })
    const { projectId } = await call<{ projectId: string }>('demo-lead', 'volunteer.project.create', { title: '测速项目', description: '量一量扫码签到要几次往返', teamId })
    const start = gw.clock.now().getTime() + 30 * MINUTE
    const { shiftId } = await call<{ shiftId: string }>('demo-lead', 'volunteer.shift.create', { projectId, startAt: new Date(start).toISOString(), endAt: new Date(start + 120 * MINUTE).toISOString(), place: '社区服务中心', capacity: 20 })
    const token = async (direction: 'in' | 'out') => (await call<{ token: string }>('demo-lead', 'checkin.token', { kind: 'shift', eventId: shiftId, direction })).token
    const out: Record<string, number> = {}
    out['database requests: system.ping (floor)'] = (await counted('system.ping', 'demo-volunteer')).requests
    out['database requests: checkin.personalCode (floor of a member call: the membership read)'] = (await counted('checkin.personalCode', 'demo-volunteer')).requests
    out['database requests: volunteer.shift.signup'] = (await counted('volunteer.shift.signup', 'demo-volunteer', { shiftId })).requests
    const inCode = await token('in')
    out['database requests: checkin.scan, shift check-in (budget 3)'] = (await counted('checkin.scan', 'demo-volunteer', { token: inCode })).requests
    out['database requests: checkin.scan, repeated check-in'] = (await counted('checkin.scan', 'demo-volunteer', { token: inCode })).requests
    gw.clock.advance(100 * MINUTE)
    const outCode = await token('out')
    out['database requests: checkin.scan, shift check-out credited (budget 3: membership, attendance read, conditional close owing the credit)'] = (await counted('checkin.scan', 'demo-volunteer', { token: outCode })).requests
    out['database requests: checkin.scan, repeated check-out'] = (await counted('checkin.scan', 'demo-volunteer', { token: outCode })).requests
    out['database requests: volunteer.record.mine, paying the check-out credit first (one transaction: shift, totals, points)'] = (await counted('volunteer.record.mine', 'demo-volunteer')).requests
    const first = await counted('volunteer.certificate', 'demo-volunteer')
    out['database requests: volunteer.record.mine, nothing owed'] = (await counted('volunteer.record.mine', 'demo-volunteer')).requests
    out['database requests: volunteer.certificate'] = first.requests
    out['volunteer.certificate, first in this process (ms, loads the PDF code and font)'] = first.ms
    out['volunteer.certificate, next (ms)'] = (await counted('volunteer.certificate', 'demo-volunteer')).ms
    return out
  } finally {
    await gw.close()
  }
}

export async function benchVolunteer(): Promise<Record<string, string | number>> {
  await buildApi({ quiet: true })
  return { ...coldStart(), ...(await roundTrips()) }
}

if (require.main === module) {
  benchVolunteer().then((r) => console.table(r))
}
