/**
 * Mini-program package sizes against ARCHITECTURE.md's budgets: main package ≤ 400 KB
 * (a bare Taro 4 app is 364 KB; WeChat allows 2 MB), each subpackage ≤ 500 KB. Also
 * says whether the build carries the custom tab bar. Reads dist/weapp, building it
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

/**
 * What WeChat needs to draw our tab bar instead of its own: app.json's tabBar.custom
 * and the custom-tab-bar component's four files in the main package.
 */
export function weappTabBarProblems(dist = DIST): string[] {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { tabBar?: { custom?: boolean } }
  const problems = app.tabBar?.custom === true ? [] : ['app.json tabBar.custom is not true']
  for (const ext of ['js', 'json', 'wxml', 'wxss']) {
    if (!existsSync(join(dist, `custom-tab-bar/index.${ext}`))) problems.push(`custom-tab-bar/index.${ext} missing`)
  }
  return problems
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
    'weapp main package (KiB, budget 400)': +(sizes.main / 1024).toFixed(1),
    'weapp main package pages': pages,
    'weapp subpackages': subpackages,
    'weapp custom tab bar': weappTabBarProblems().join('; ') || 'present',
  }
  for (const [k, v] of Object.entries(sizes)) if (k !== 'main') out[`weapp subpackage ${k} (KiB, budget 500)`] = +(v / 1024).toFixed(1)
  if (buildMs !== undefined) out['weapp build (s)'] = +(buildMs / 1000).toFixed(1)
  return out
}

if (require.main === module) {
  benchWeapp({ build: process.argv.includes('--build') }).then((r) => console.table(r))
}
