/**
 * The home page's first load, as a resident's phone on a mobile network sees it:
 * bytes transferred and time until the community's name shows, with the H5 app
 * served plain (no compression: how the gateway served it before) beside served
 * compressed, and a second visit with the browser's cache warm (hashed files are
 * cached a year, so only index.html and the API calls travel).
 *
 * Network: a "Fast 4G"-like profile (9 Mbit/s down, 40 ms latency); each figure the median of 5 rounds.
 *
 *   npm run build:h5 && tsx bench/firstload.ts
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { buildApi } from '../cloudfunctions/api/build'
import { ROOT, startGateway } from '../local/gateway'
import { chromiumPath } from '../test/helpers/browser'

const NETWORK = { offline: false, latency: 40, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (1.5 * 1024 * 1024) / 8 }

const ROUNDS = 5

function median(runs: Array<{ kib: number; ms: number }>) {
  const at = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  return { kib: at(runs.map((r) => r.kib)), ms: at(runs.map((r) => r.ms)) }
}

export async function benchFirstLoad(): Promise<Record<string, number | string>> {
  const h5Dir = join(ROOT, 'dist/h5')
  if (!existsSync(join(h5Dir, 'index.html'))) return { skipped: 'dist/h5 missing: npm run build:h5 first' }
  await buildApi({ quiet: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-firstload-'))
  const gw = await startGateway({ port: 0, dataDir, h5Dir, quiet: true })
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true })
    await context.addInitScript(() => localStorage.setItem('devOpenid', 'demo-resident'))
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', NETWORK)
    let bytes = 0
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength
    })
    const visit = async (headers: Record<string, string>, cache: boolean) => {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache })
      await cdp.send('Network.setExtraHTTPHeaders', { headers })
      bytes = 0
      const started = Date.now()
      await page.goto(`${gw.url}/`)
      await page.waitForSelector('#community-name')
      const ms = Date.now() - started
      await page.waitForLoadState('networkidle')
      return { kib: Math.round(bytes / 102.4) / 10, ms }
    }
    // Warm the gateway's compressed copies and the API's first call, so the figures compare transfers.
    await visit({}, false)
    // Alternate the two ways, a few rounds, and keep the median: the machine is shared and noisy.
    const runs: Record<'plain' | 'compressed' | 'repeat', Array<{ kib: number; ms: number }>> = { plain: [], compressed: [], repeat: [] }
    for (let round = 0; round < ROUNDS; round++) {
      runs.plain.push(await visit({ 'accept-encoding': 'identity' }, false))
      runs.compressed.push(await visit({}, false))
      runs.repeat.push(await visit({}, true))
    }
    const [plain, compressed, repeat] = [median(runs.plain), median(runs.compressed), median(runs.repeat)]
    return {
      'first visit, served plain: KiB transferred': plain.kib,
      'first visit, served plain: ms to community name': plain.ms,
      'first visit, compressed: KiB transferred': compressed.kib,
      'first visit, compressed: ms to community name': compressed.ms,
      'second visit, cache warm: KiB transferred': repeat.kib,
      'second visit, cache warm: ms to community name': repeat.ms,
    }
  } finally {
    await browser.close()
    await gw.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  benchFirstLoad()
    .then((r) => console.table(r))
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
