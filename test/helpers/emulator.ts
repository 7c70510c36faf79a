/**
 * A fresh emulator on a temporary folder, with the genuine SDK pointed at it.
 * Strict indexes are on: a query no declared index serves fails the test.
 *
 *   const t = await startTestEmulator({ schema: SCHEMA })
 *   await t.db.collection('users').add({ … })
 *   afterAll(() => t.close())
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import type { CollectionSpec } from '../../cloudfunctions/api/src/platform/schema'
import { startEmulator } from '../../local/emulator'

export interface TestEmulatorOptions {
  /** collections (created on open) and their indexes; none by default */
  schema?: CollectionSpec[]
  /** on unless a test means to see the permissive behaviour */
  strictIndexes?: boolean
  /** reuse a folder (e.g. to reopen after close); a new temp folder otherwise */
  dataDir?: string
  transactionTimeoutMs?: number
  /** the emulator's clock in ms (file URL expiry, server dates); the real time by default */
  now?: () => number
  /** how long the SDK waits for one request: raised by tests that put hundreds of calls in flight at once on a loaded machine */
  sdkTimeoutMs?: number
}

export async function startTestEmulator(options: TestEmulatorOptions = {}) {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'emulator-test-'))
  const running = await startEmulator({
    port: 0,
    dataDir,
    schema: options.schema ?? [],
    strictIndexes: options.strictIndexes ?? true,
    transactionTimeoutMs: options.transactionTimeoutMs,
    now: options.now,
  })
  const app = tcb.init({ env: 'local', serviceUrl: running.url, secretId: 'local', secretKey: 'local', ...(options.sdkTimeoutMs ? { timeout: options.sdkTimeoutMs } : {}) })
  const db = app.database()
  return {
    url: running.url,
    origin: running.origin,
    dataDir,
    app,
    db,
    _: db.command,
    emulator: running.emulator,
    /** Stops the server; removes the folder unless the caller passed it. */
    async close() {
      await running.close()
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>
