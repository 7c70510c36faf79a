/**
 * The emulator before and after a change, side by side in one run on one machine:
 * the emulator's folder as of `--before <commit>` (default: 1504954^, before
 * session 4's snapshot isolation, geo, $jsonSchema and ObjectId work) is extracted
 * into a temporary folder and benchmarked with the same script as today's, the two
 * taking turns round after round (alternating which goes first) so a load spike on
 * the shared machine hits both. Each figure is printed as the median of the rounds
 * with its min–max, and after/before as the median of each round's own ratio with
 * that ratio's min–max: the spread is the noise a ratio has to be read against.
 * A second table gives the process's CPU time per operation (SDK and emulator
 * together), which the other sessions on a shared machine distort far less than
 * the wall clock; its ratio is also read as a rate (before µs ÷ after µs, ≥ 1 is
 * no slower).
 * Beside them, the floor: bare keep-alive HTTP round trips to an emulator's port,
 * no SDK, no database.
 *
 *   tsx bench/emulator-compare.ts [--before <commit>] [--size 10000] [--rounds 4]
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

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** `median (min–max)`, so the noise stands beside the figure. */
function spread(values: number[], digits: number): string {
  const f = (v: number) => v.toFixed(digits)
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`
}

async function main() {
  const commit = arg('before', '1504954^')
  const size = Number(arg('size', '10000'))
  const rounds = Number(arg('rounds', '4'))
  const before = checkout(commit)
  const runs: Record<'before' | 'after', Array<Record<string, number | string>>> = { before: [], after: [] }
  const cpus: Record<'before' | 'after', Array<Record<string, number>>> = { before: [], after: [] }
  const floors: number[] = []
  const loads: string[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first: the second run in a process inherits the first one's heap.
      for (const side of round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
        const out: Record<string, number | string> = {}
        const cpu: Record<string, number> = {}
        rmSync(await benchSize(size, out, side === 'before' ? before.start : startEmulator, cpu), { recursive: true, force: true })
        runs[side].push(out)
        cpus[side].push(cpu)
      }
      floors.push(await floor())
      loads.push(loadavg()[0].toFixed(2))
    }
  } finally {
    rmSync(before.dir, { recursive: true, force: true })
  }
  const beforeLabel = `before (${commit})`
  const values = (side: 'before' | 'after', key: string) => runs[side].map((r) => Number(r[key]))
  const table: Record<string, Record<string, string>> = {}
  for (const key of Object.keys(runs.after[0])) {
    const [b, a] = [values('before', key), values('after', key)]
    // Paired by round: both sides of a round ran under the same load.
    const ratios = a.map((v, i) => v / b[i])
    table[key] = { [beforeLabel]: spread(b, 0), 'after (HEAD)': spread(a, 0), 'after/before': spread(ratios, 2) }
  }
  table['floor: bare HTTP round trips/s (no SDK)'] = { [beforeLabel]: spread(floors, 0), 'after (HEAD)': '', 'after/before': '' }
  console.table(table)
  const cpuTable: Record<string, Record<string, string>> = {}
  for (const key of Object.keys(cpus.after[0])) {
    const [b, a] = [cpus.before.map((r) => r[key]), cpus.after.map((r) => r[key])]
    const ratios = a.map((v, i) => b[i] / v)
    cpuTable[`CPU µs per op: ${key.replace('/s', '')}`] = {
      [beforeLabel]: spread(b, 0),
      'after (HEAD)': spread(a, 0),
      'after/before as a rate': spread(ratios, 2),
    }
  }
  console.table(cpuTable)
  console.log(`rounds: ${rounds}; median (min–max) of the rounds; load average (1 min) after each round: ${loads.join(', ')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
