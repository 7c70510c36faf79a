/**
 * The emulator before and after a change, side by side in one run on one machine:
 * the emulator's folder as of `--before <commit>` (default: 1504954^, before
 * session 4's snapshot isolation, geo, $jsonSchema and ObjectId work) is extracted
 * into a temporary folder and benchmarked with the same script as today's, the two
 * taking turns (and alternating which goes first) so a load spike on the shared
 * machine hits both. Beside them, the
 * floor: bare keep-alive HTTP round trips to an emulator's port, no SDK, no database.
 *
 *   tsx bench/emulator-compare.ts [--before <commit>] [--size 10000] [--rounds 2]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulator } from '../local/emulator'
import { benchSize } from './emulator'

const ROOT = resolve(__dirname, '..')
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}

/** Extracts the emulator (and the schema type it borrows) as of `commit`; returns its startEmulator. */
function checkout(commit: string): { start: typeof startEmulator; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-before-'))
  const archive = execFileSync('git', ['archive', commit, 'local/emulator', 'cloudfunctions/api/src/platform/schema.ts'], { cwd: ROOT, maxBuffer: 1 << 26 })
  execFileSync('tar', ['-x', '-C', dir], { input: archive })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  const loaded = require(join(dir, 'local/emulator')) as { startEmulator: typeof startEmulator }
  return { start: loaded.startEmulator, dir }
}

/** Round trips/s of a minimal POST to the emulator's port (refused at once), 32 in flight. */
async function floor(count = 5000): Promise<number> {
  const running = await startEmulator({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'emulator-floor-')) })
  const agent = new Agent({ keepAlive: true, maxSockets: 32 })
  const ping = () =>
    new Promise<void>((done, fail) => {
      const req = request(`${running.origin}/ping`, { method: 'POST', agent }, (res) => res.resume().on('end', done))
      req.on('error', fail)
      req.end('{}')
    })
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next++ < count) await ping()
  }))
  const perSecond = Math.round(count / ((performance.now() - started) / 1000))
  agent.destroy()
  await running.close()
  rmSync(running.emulator.dataDir, { recursive: true, force: true })
  return perSecond
}

async function main() {
  const commit = arg('before', '1504954^')
  const size = Number(arg('size', '10000'))
  const rounds = Number(arg('rounds', '2'))
  const before = checkout(commit)
  const runs: Record<'before' | 'after', Array<Record<string, number | string>>> = { before: [], after: [] }
  const floors: number[] = []
  const loads: string[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first: the second run in a process inherits the first one's heap.
      for (const side of round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
        const out: Record<string, number | string> = {}
        rmSync(await benchSize(size, out, side === 'before' ? before.start : startEmulator), { recursive: true, force: true })
        runs[side].push(out)
      }
      floors.push(await floor())
      loads.push(loadavg()[0].toFixed(2))
    }
  } finally {
    rmSync(before.dir, { recursive: true, force: true })
  }
  // The best of the rounds: load from the other sessions only ever slows a run down.
  const best = (side: 'before' | 'after', key: string) => Math.max(...runs[side].map((r) => Number(r[key])))
  const table: Record<string, Record<string, number | string>> = {}
  for (const key of Object.keys(runs.after[0])) {
    const [b, a] = [best('before', key), best('after', key)]
    table[key] = { [`before (${commit})`]: b, 'after (HEAD)': a, 'after/before': (a / b).toFixed(2) }
  }
  table['floor: bare HTTP round trips/s (no SDK)'] = { [`before (${commit})`]: Math.max(...floors), 'after (HEAD)': Math.max(...floors), 'after/before': '' }
  console.table(table)
  console.log(`rounds: ${rounds}, best of each; load average (1 min) after each round: ${loads.join(', ')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
