/**
 * `npm start`: build what is missing or stale (api bundle, H5 app), start the
 * gateway on http://127.0.0.1:10086 (PORT overrides) with data under .data/
 * (DATA_DIR overrides), seed the demo community on the first start, and print the
 * URL and the demo personas. Ctrl-C stops it cleanly; the next start reuses the data.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildApi } from '../cloudfunctions/api/build'
import { PERSONAS } from './seed/data'
import { ROOT, startGateway } from './gateway'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

function h5IsStale(h5Dir: string): boolean {
  const index = join(h5Dir, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return [join(ROOT, 'src'), join(ROOT, 'config')].some((d) => newestMtime(d) > built)
}

async function main() {
  const port = Number(process.env.PORT ?? 10086)
  const dataDir = resolve(process.env.DATA_DIR ?? join(ROOT, '.data'))
  const h5Dir = join(ROOT, 'dist/h5')

  await buildApi()
  if (h5IsStale(h5Dir) && process.env.SKIP_H5_BUILD !== '1') {
    console.log('构建 H5 应用（首次约 30 秒）…')
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) throw new Error('H5 构建失败，见上方输出')
  }

  const gateway = await startGateway({ port, dataDir, h5Dir, timers: true })
  const personas = PERSONAS.map((p) => `  ${p.name.padEnd(6, '　')} ${p.label.padEnd(12, '　')} ${p.openid}`).join('\n')
  console.log(`
厝边议事厅（本地 CloudBase）已启动
  应用：   ${gateway.url}/
  选择身份：${gateway.url}/dev/login
  接口：   POST ${gateway.url}/api   （请求头 X-Dev-Openid 选择身份）
  数据目录：${dataDir}

示例人物：
${personas}

按 Ctrl-C 停止。`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\n正在停止…')
    await gateway.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
