/**
 * An api wired as in production but against a fresh emulator: the genuine SDK,
 * the project's schema with strict indexes, the demo seed, the local WeChat port
 * and a fixed clock. `as(openid)` calls actions as that person.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApi } from '../../cloudfunctions/api/src/index'
import { fixedClock } from '../../cloudfunctions/api/src/platform/clock'
import { uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { silentLogger } from '../../cloudfunctions/api/src/platform/log'
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import type { ActionInput, ActionName, ActionOutput } from '../../cloudfunctions/api/src/contract'
import type { Envelope } from '../../cloudfunctions/api/src/router'
import { createLocalWechat } from '../../local/wechat'
import { DEMO_COMMUNITY } from '../../local/seed/data'
import { seededDataDir } from './demo'
import { startTestEmulator } from './emulator'

export const NOW = '2026-11-23T10:00:00+08:00'

export async function startTestApi({ seed = true, sdkTimeoutMs }: { seed?: boolean; sdkTimeoutMs?: number } = {}) {
  const clock = fixedClock(NOW)
  // The seeded demo is a copy of a folder seeded once (test/helpers/demo.ts), not a fresh seed per test.
  const dataDir = seed ? await seededDataDir(clock.now()) : undefined
  const emu = await startTestEmulator({ schema: SCHEMA, sdkTimeoutMs, dataDir })
  const wechat = createLocalWechat({ dataDir: mkdtempSync(join(tmpdir(), 'wechat-')) })
  const api = createApi({ app: emu.app, wechat, clock, log: silentLogger })
  // WeChat's message pushes (image-check verdicts) reach the api's push entry; tests deliver them with wechat.flushMediaChecks().
  wechat.connectPush((event) => api.push(event))

  async function call<A extends ActionName>(
    openid: string | null,
    action: A,
    payload?: ActionInput<A> | Record<string, unknown>,
    communityId?: string,
  ): Promise<Envelope<ActionOutput<A>>> {
    const event: Record<string, unknown> = { action, payload: payload ?? {} }
    if (communityId) event.communityId = communityId
    return (await api.handle(event, { openid })) as Envelope<ActionOutput<A>>
  }

  /** Calls and unwraps, failing the test with the error's code and message otherwise. */
  async function ok<A extends ActionName>(
    openid: string | null,
    action: A,
    payload?: ActionInput<A> | Record<string, unknown>,
    communityId?: string,
  ): Promise<ActionOutput<A>> {
    const res = await call(openid, action, payload, communityId)
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data
  }

  let uploads = 0
  /** A picture put where this person's client puts it: their own place in the community's storage. */
  async function upload(openid: string, content: string, { name = `test-${++uploads}.jpg`, communityId = DEMO_COMMUNITY._id } = {}): Promise<string> {
    const cloudPath = `${uploadPrefix(communityId, membershipId(communityId, openid))}photos/${name}`
    return (await emu.app.uploadFile({ cloudPath, fileContent: Buffer.from(content) })).fileID as string
  }

  async function close() {
    await emu.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }

  return { ...emu, api, clock, wechat, call, ok, upload, close }
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>

/**
 * Collections whose writes are bookkeeping, not data: a per-user rate counter counts
 * every attempt, refused ones included (that is what makes guessing cost).
 */
const BOOKKEEPING = new Set(['rateLimits'])

/** Data writes since the emulator's last `resetStats()`: what "changes nothing" means. */
export function dataWrites(t: Pick<TestApi, 'emulator'>): number {
  return Object.entries(t.emulator.stats.writes).reduce((n, [coll, k]) => n + (BOOKKEEPING.has(coll) ? 0 : k), 0)
}
