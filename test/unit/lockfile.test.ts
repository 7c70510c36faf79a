/**
 * The lock file installs with `npm ci` on every machine the project is worked on: WeChat
 * DevTools runs on macOS (arm64, x64) and Windows x64, CI on Linux x64. npm leaves another
 * platform's native binary out of a lock it regenerates (npm/cli#4828), or when the registry
 * lacks that version, and `npm ci` then refuses the lock on every machine.
 *
 * package.json overrides @tarojs/binding to 4.1.11: 4.2.1 lists macOS and Windows binaries at
 * 4.2.1 that were never published (only Linux x64 was). 4.1.11 has the same JS and Rust source
 * and binaries for every platform; only `taro init` and `taro create` load it, never a build.
 * Regenerating the lock: `npm install --package-lock-only`, then this test.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

type Entry = {
  version?: string
  os?: string[]
  cpu?: string[]
  libc?: string[]
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const root = join(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Entry & { overrides?: Record<string, string> }
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> }
const entries = lock.packages

/** Platforms the lock must carry, with how a native package names its binary for each. */
const PLATFORMS: Array<{ label: string; name: RegExp; os: string; cpu: string }> = [
  { label: 'macOS arm64', name: /[-/]darwin-arm64$/, os: 'darwin', cpu: 'arm64' },
  { label: 'macOS x64', name: /[-/]darwin-x64$/, os: 'darwin', cpu: 'x64' },
  { label: 'Windows x64', name: /[-/]win32-x64(-msvc)?$/, os: 'win32', cpu: 'x64' },
  { label: 'Linux x64', name: /[-/]linux-x64(-gnu|-glibc)?$/, os: 'linux', cpu: 'x64' },
]
const LINUX = PLATFORMS[3]
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/

const nameAt = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)

/** Where node (and npm) find `name` from the package installed at `from`: the nearest node_modules up the tree. */
function resolve(from: string, name: string): string | undefined {
  let dir = from
  for (;;) {
    const at = `${dir ? `${dir}/` : ''}node_modules/${name}`
    if (entries[at]) return at
    if (!dir) return undefined
    const up = dir.lastIndexOf('/node_modules/')
    dir = up < 0 ? '' : dir.slice(0, up)
  }
}

/** Packages that ship a native binary per platform: they list a Linux x64 one among their optional dependencies. */
const nativeHosts = Object.entries(entries)
  .filter(([, e]) => Object.keys(e.optionalDependencies ?? {}).some((n) => LINUX.name.test(n)))
  .map(([location, e]) => {
    const parent = location.slice(0, location.lastIndexOf('/node_modules/') + 1)
    const under = parent ? ` (under ${nameAt(parent.slice(0, -1))})` : ''
    return { location, name: nameAt(location), label: `${nameAt(location)}@${e.version}${under}`, optional: e.optionalDependencies! }
  })

describe('package-lock.json', () => {
  it('records the dependencies package.json declares', () => {
    expect(entries[''].dependencies).toEqual(pkg.dependencies)
    expect(entries[''].devDependencies).toEqual(pkg.devDependencies)
  })

  it('locks overridden packages at the override', () => {
    for (const [name, version] of Object.entries(pkg.overrides ?? {})) {
      const locked = Object.keys(entries).filter((at) => at && nameAt(at) === name)
      expect(locked.length).toBeGreaterThan(0)
      for (const at of locked) expect(`${at}@${entries[at].version}`).toBe(`${at}@${version}`)
    }
  })

  it('knows the native packages the builds and tests run on', () => {
    expect(nativeHosts.map((h) => h.name)).toEqual(expect.arrayContaining(['@swc/core', '@tarojs/binding', 'esbuild', 'lmdb']))
  })

  it.each(nativeHosts.map((h) => [h.label, h] as const))(
    '%s: binaries for macOS arm64, macOS x64, Windows x64 and Linux x64 at one version',
    (_, host) => {
      const found = PLATFORMS.map(({ label, name, os, cpu }) => {
        const binary = Object.keys(host.optional).find((n) => name.test(n))
        const at = binary && resolve(host.location, binary)
        const entry = at ? entries[at] : undefined
        return {
          platform: label,
          binary: binary ?? '(not listed by the package)',
          version: entry?.version ?? '(missing from the lock)',
          fits: !!entry && !!entry.os?.includes(os) && !!entry.cpu?.includes(cpu),
        }
      })
      const linuxVersion = found[3].version
      expect(found).toEqual(found.map((f) => ({ ...f, version: linuxVersion, fits: true })))
      expect(linuxVersion).toBe(host.optional[found[3].binary])
    },
  )

  it('holds every optional dependency a locked package declares, at the version it pins (else npm ci refuses the lock)', () => {
    const problems: string[] = []
    for (const [location, e] of Object.entries(entries)) {
      for (const [name, spec] of Object.entries(e.optionalDependencies ?? {})) {
        const at = resolve(location, name)
        if (!at) problems.push(`${location || '(root)'} → ${name}@${spec}: missing`)
        else if (EXACT_VERSION.test(spec) && entries[at].version !== spec) {
          problems.push(`${location || '(root)'} → ${name}@${spec}: locked at ${entries[at].version} (${at})`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})
