import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCron } from '../../local/gateway/cron'
import { allTimerJobs } from '../../cloudfunctions/api/src/registry'
import { FREQUENT_MS } from '../../cloudfunctions/api/src/platform/alarms'
import { CATCH_UP_HOURS, isCatchUpRun } from '../../cloudfunctions/api/src/router'
import { chinaHour } from '../../cloudfunctions/api/src/platform/time'

const root = join(__dirname, '../..')
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'))

describe('deploy configuration', () => {
  const config = json('cloudfunctions/api/config.json')
  const rc = json('cloudbaserc.json')
  const rcApi = rc.functions.find((f: { name: string }) => f.name === 'api')

  it('declares the same timer triggers for WeChat DevTools (config.json) and the tcb CLI (cloudbaserc.json)', () => {
    expect(rcApi.triggers).toEqual(config.triggers)
  })
  it('binds every timer job to a declared trigger with a valid schedule', () => {
    const names = config.triggers.map((t: { name: string }) => t.name)
    for (const job of allTimerJobs()) expect(names).toContain(job.trigger)
    for (const t of config.triggers) expect(() => parseCron(t.config)).not.toThrow()
  })
  it('runs the frequent trigger every FREQUENT_MS, and exactly one of its runs opens each catch-up hour', () => {
    // A day of its schedule, second by second, as the local gateway fires it (one trigger: WeChat allows no more).
    expect(config.triggers).toHaveLength(1)
    const frequent = parseCron(config.triggers.find((t: { name: string }) => t.name === 'frequent').config)
    const dayStart = new Date('2026-11-23T00:00:00+08:00').getTime()
    const runs: Date[] = []
    for (let s = 0; s < 24 * 3600; s++) if (frequent(new Date(dayStart + s * 1000))) runs.push(new Date(dayStart + s * 1000))
    expect(runs.length).toBe((24 * 3_600_000) / FREQUENT_MS)
    expect(runs.slice(1).every((r, i) => r.getTime() - runs[i].getTime() === FREQUENT_MS)).toBe(true)
    const catchUps = runs.filter(isCatchUpRun).map(chinaHour)
    expect(catchUps).toEqual(Array.from({ length: 24 / CATCH_UP_HOURS }, (_, i) => i * CATCH_UP_HOURS))
  })
  it('deploys the bundle, not the sources', () => {
    expect(rcApi.handler).toBe('index.main')
    expect(rcApi.ignore).toEqual(expect.arrayContaining(['src']))
  })
})
