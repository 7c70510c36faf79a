/**
 * `npm test`: build what the tests exercise (the api bundle that is deployed, the H5
 * app the browser tests drive), then run every jest project: unit, integration, e2e.
 * Extra arguments go to jest (`npm test -- test/unit`).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { buildApi } from '../cloudfunctions/api/build'

const ROOT = join(__dirname, '..')

function run(cmd: string, args: string[], env: Record<string, string> = {}, quiet = false) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

async function main() {
  await buildApi()
  const args = process.argv.slice(2)
  const wantsE2e = args.length === 0 || args.some((a) => a.includes('e2e'))
  if (wantsE2e && process.env.SKIP_H5_BUILD !== '1') {
    console.log('building the H5 app for the browser tests…')
    run(process.execPath, [join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { NODE_ENV: 'production' }, true)
  }
  run(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--maxWorkers=2', ...args])
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
