/**
 * `npm run deploy`: build the api bundle and deploy the function (code, config.json
 * timers and open-API permissions) with the CloudBase CLI, `tcb`. The env id comes
 * from `.env`. The mini-program itself is uploaded from WeChat DevTools
 * (`npm run build:weapp`, then open the project root).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { buildApi, bundleCertificateFont } from '../cloudfunctions/api/build'
import { readCloudbaseEnv } from './env'

async function main() {
  const env = readCloudbaseEnv()
  await buildApi()
  const font = await bundleCertificateFont()
  if (font) console.log(`证明字体：${font.path}（${(font.bytes / 1048576).toFixed(1)} MB）随云函数上传`)
  else console.warn('警告：没有找到中文字体（CERT_FONT_PATH 或 fonts-noto-cjk），部署后将无法出具志愿服务记录证明')
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
