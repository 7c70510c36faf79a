/**
 * Mini-program package sizes against WeChat's limits: main package ≤ 1 MB (our
 * budget; WeChat allows 2 MB), each subpackage ≤ 500 KB. Reads dist/weapp, building it
 * first when missing or when `--build` is given.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = join(__dirname, '..')
const DIST = join(ROOT, 'dist/weapp')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

export function weappSizes(dist = DIST) {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: Array<{ root: string; pages: string[] }>
    subpackages?: Array<{ root: string; pages: string[] }>
  }
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sizes: Record<string, number> = { main: 0 }
  for (const s of subs) sizes[s] = 0
  for (const f of files(dist)) {
    if (f.endsWith('.map')) continue
    const rel = relative(dist, f)
    const sub = subs.find((s) => rel.startsWith(`${s}/`))
    sizes[sub ?? 'main'] += statSync(f).size
  }
  return { pages: app.pages.length, subpackages: subs.length, sizes }
}

export async function benchWeapp({ build = false } = {}): Promise<Record<string, string | number>> {
  let buildMs: number | undefined
  if (build || !existsSync(join(DIST, 'app.json'))) {
    const t = Date.now()
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) throw new Error('weapp build failed')
    buildMs = Date.now() - t
  }
  const { pages, subpackages, sizes } = weappSizes()
  const out: Record<string, string | number> = {
    'weapp main package (KiB, budget 1024)': +(sizes.main / 1024).toFixed(1),
    'weapp main package pages': pages,
    'weapp subpackages': subpackages,
  }
  for (const [k, v] of Object.entries(sizes)) if (k !== 'main') out[`weapp subpackage ${k} (KiB, budget 500)`] = +(v / 1024).toFixed(1)
  if (buildMs !== undefined) out['weapp build (s)'] = +(buildMs / 1000).toFixed(1)
  return out
}

if (require.main === module) {
  benchWeapp({ build: process.argv.includes('--build') }).then((r) => console.table(r))
}
