/**
 * The demo community as a data folder, seeded once and copied per test.
 *
 * Seeding the demo writes about a thousand documents through the SDK (about a second on
 * the CI machine); most integration files start one or more emulators on it, the
 * authorization matrix one per action. The first caller seeds a template folder keyed
 * by the content of everything the seed depends on (so an edited seed, schema or
 * emulator never serves a stale template), and every caller gets its own copy: the
 * emulator opens a folder in milliseconds and tests never share state.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import { seedDemo } from '../../local/seed'
import { startTestEmulator } from './emulator'

const ROOT = join(__dirname, '..', '..')
/** What the seeded folder depends on: the seed, the schema and actions it imports, the storage format. */
const SOURCES = ['local/seed', 'local/emulator', 'cloudfunctions/api/src']

function sourceHash(now: Date): string {
  const hash = createHash('sha256').update(now.toISOString())
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|json)$/.test(name)) hash.update(path).update(readFileSync(path))
    }
  }
  for (const dir of SOURCES) walk(join(ROOT, dir))
  return hash.digest('hex').slice(0, 16)
}

const READY = '.seeded'
const templates = new Map<string, Promise<string>>()

async function template(now: Date): Promise<string> {
  const dir = join(tmpdir(), `cubian-demo-${sourceHash(now)}`)
  if (existsSync(join(dir, READY))) return dir
  // Seed into a private folder and move it into place in one rename: another jest worker
  // seeding at the same moment either wins the rename or finds the finished folder.
  const building = mkdtempSync(join(tmpdir(), 'cubian-demo-building-'))
  const emu = await startTestEmulator({ schema: SCHEMA, dataDir: building })
  try {
    await seedDemo(emu.app, now)
  } finally {
    await emu.close()
  }
  writeFileSync(join(building, READY), now.toISOString())
  try {
    renameSync(building, dir)
  } catch {
    rmSync(building, { recursive: true, force: true })
    if (!existsSync(join(dir, READY))) throw new Error(`the demo template ${dir} is neither ready nor replaceable`)
  }
  return dir
}

/** A new folder holding the seeded demo as of `now`; the caller removes it. */
export async function seededDataDir(now: Date, prefix = 'emulator-demo-'): Promise<string> {
  const key = now.toISOString()
  if (!templates.has(key)) templates.set(key, template(now))
  const from = await templates.get(key)!
  const to = mkdtempSync(join(tmpdir(), prefix))
  cpSync(from, to, { recursive: true, // the lock file belongs to the template's closed environment; LMDB makes a new one on open
    filter: (src) => !src.endsWith(READY) && !src.endsWith('-lock'),
  })
  return to
}
