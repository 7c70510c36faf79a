/**
 * Opens lmdb once from outside jest's sandbox, as the first test file of a jest
 * worker does for every later file. lmdb's native addon is shared by the whole
 * process and keeps the JavaScript `open()` that ran first: each later `open()`,
 * in any test file, hands over to it, so its databases encode and decode in that
 * module's realm (its Date, Object and Array, not the caller's). A test that must
 * hold wherever jest schedules it calls this before it opens anything.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface NodeModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown
  _nodeModulePaths(from: string): string[]
}

export async function openLmdbElsewhere(): Promise<void> {
  // jest replaces createRequire with its own sandboxed require; Module._load is Node's.
  const internals = ((nodeModule as { Module?: unknown }).Module ?? nodeModule) as NodeModuleInternals
  const parent = { id: __filename, filename: __filename, paths: internals._nodeModulePaths(__dirname) }
  const lmdb = internals._load('lmdb', parent, false) as typeof import('lmdb')
  const dir = mkdtempSync(join(tmpdir(), 'lmdb-elsewhere-'))
  await lmdb.open({ path: join(dir, 'db') }).close()
  rmSync(dir, { recursive: true, force: true })
}
