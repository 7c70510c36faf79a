/**
 * `npm run deploy`: build the api bundle and deploy the function (code, config.json
 * timers and open-API permissions) with the CloudBase CLI, `tcb`. The env id comes
 * from `.env`. The mini-program itself is uploaded from WeChat DevTools
 * (`npm run build:weapp`, then open the project root).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { buildApi } from '../cloudfunctions/api/build'
import { readCloudbaseEnv } from './env'

async function main() {
  const env = readCloudbaseEnv()
  await buildApi()
  const hasTcb = spawnSync('tcb', ['--version'], { stdio: 'ignore' }).status === 0
  const [cmd, pre] = hasTcb ? ['tcb', [] as string[]] : ['npx', ['--yes', '@cloudbase/cli@2']]
  if (!hasTcb) console.log('未找到 tcb 命令，改用 npx @cloudbase/cli（也可先 npm i -g @cloudbase/cli 并 tcb login）')
  const r = spawnSync(cmd, [...pre, 'fn', 'deploy', 'api', '--force', '-e', env.envId], {
    cwd: join(__dirname, '..'),
    stdio: 'inherit',
  })
  process.exit(r.status ?? 1)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
