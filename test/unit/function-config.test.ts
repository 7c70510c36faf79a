import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCron } from '../../local/gateway/cron'
import { allTimerJobs } from '../../cloudfunctions/api/src/registry'

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
  it('deploys the bundle, not the sources', () => {
    expect(rcApi.handler).toBe('index.main')
    expect(rcApi.ignore).toEqual(expect.arrayContaining(['src']))
  })
})
