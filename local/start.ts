/**
 * `npm start`: build what is missing or stale (api bundle, H5 app), start the
 * gateway on http://127.0.0.1:10086 (PORT overrides; HOST or `--host` opens it to
 * another interface) with data under .data/ (DATA_DIR overrides), seed the demo
 * community on the first start, and print the URL and the demo personas. Ctrl-C
 * stops it cleanly; the next start reuses the data.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
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

const LOOPBACK = ['127.0.0.1', 'localhost', '::1']

async function main() {
  const { values } = parseArgs({ options: { host: { type: 'string' } } })
  const host = values.host ?? process.env.HOST ?? '127.0.0.1'
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

  const gateway = await startGateway({ port, host, dataDir, h5Dir, timers: true })
  const personas = PERSONAS.map((p) => `  ${p.name.padEnd(6, '　')} ${p.label.padEnd(12, '　')} ${p.openid}`).join('\n')
  console.log(`
厝边议事厅（本地 CloudBase）已启动
  应用：   ${gateway.url}/
  选择身份：${gateway.url}/dev/login
  接口：   POST ${gateway.url}/api   （请求头 X-Dev-Openid 选择身份）
  数据目录：${dataDir}
  本地时钟：GET/POST ${gateway.url}/dev/clock（快进以观察公示期结束、表决截止）

示例人物：
${personas}

按 Ctrl-C 停止。`)
  if (!LOOPBACK.includes(host)) {
    console.warn(`
注意：网关正在 ${host} 上监听，同一网络的其他设备也能访问。它只是开发工具：任何人都能选择示例身份、
读写本地数据库。用完请改回默认（不设 HOST）。`)
  }

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
