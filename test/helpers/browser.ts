/**
 * Browser tests: a gateway on a free port with fresh data and the built H5 app,
 * driven by Debian's Chromium through playwright-core. Screenshots go to
 * test-results/e2e/ (kept as CI artifacts).
 */
import { mkdirSync, mkdtempSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { startGateway, ROOT, type Gateway } from '../../local/gateway'

export const SHOTS = join(ROOT, 'test-results/e2e')

export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]) {
    if (existsSync(p)) return p
  }
  throw new Error('找不到 Chromium：请 apt-get install chromium（或设置 CHROMIUM_PATH）')
}

/** Taro's H5 router is hash based: `/#/pages/me/index`. */
export const route = (gateway: Gateway, path: string) => `${gateway.url}/#/${path.replace(/^\//, '')}`

export interface E2E {
  gateway: Gateway
  browser: Browser
  /** the time the server and every page opened from now on see (it runs on from there) */
  now(): Date
  /** moves the server's clock (and that of pages opened afterwards) to `at`, e.g. the evening of a meeting */
  setNow(at: Date): void
  /** a phone-sized page signed in as the persona (or at the login page when null) */
  open(openid: string | null): Promise<{ page: Page; context: BrowserContext }>
  /** opens an app page (`packages/…?id=…`), waits for `ready` and for Taro's slide-in */
  go(page: Page, path: string, ready: string): Promise<void>
  /** turns 长辈模式 on (or off) from 我的, as a resident does; the pages opened after follow it */
  elderMode(page: Page, on?: boolean): Promise<void>
  /** the gateway's POST /api as a persona, for what people do off screen */
  api<T = Record<string, unknown>>(openid: string, action: string, payload: unknown): Promise<T>
  shot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

export interface E2EOptions {
  /** start the server and the pages' clocks here (and let them run on) instead of at the real time */
  now?: Date
}

export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
  const h5Dir = join(ROOT, 'dist/h5')
  if (!existsSync(join(h5Dir, 'index.html'))) throw new Error('dist/h5 缺失：npm test 会先构建 H5（或运行 npm run build:h5）')
  mkdirSync(SHOTS, { recursive: true })
  // A running clock shifted by `offset`: the seed, tokens, deadlines and timers all read it.
  let offset = opts.now ? opts.now.getTime() - Date.now() : 0
  const clock = { now: () => new Date(Date.now() + offset) }
  const gateway = await startGateway({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'e2e-')), h5Dir, quiet: !process.env.E2E_VERBOSE, ...(opts.now ? { clock } : {}) })
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
  const go: E2E['go'] = async (page, path, ready) => {
    await page.goto(route(gateway, path))
    await page.waitForSelector(ready)
    await page.waitForTimeout(400)
  }
  return {
    gateway,
    browser,
    now: clock.now,
    setNow(at) {
      offset = at.getTime() - Date.now()
    },
    async open(openid) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true })
      // The page's Date agrees with the server's clock (forms compute deadlines from it).
      if (offset !== 0) await context.clock.install({ time: clock.now() })
      if (openid) {
        await context.addInitScript((id) => {
          if (!localStorage.getItem('devOpenid')) localStorage.setItem('devOpenid', id)
        }, openid)
      }
      const page = await context.newPage()
      await page.goto(openid ? `${gateway.url}/` : `${gateway.url}/dev/login`)
      return { page, context }
    },
    go,
    async elderMode(page, on = true) {
      await go(page, 'pages/me/index', '#elder-switch')
      await page.click('#elder-switch')
      await page.waitForSelector(on ? '#page-me.is-elder' : '#page-me:not(.is-elder)')
    },
    api(openid, action, payload) {
      return gatewayApi(gateway, openid, action, payload)
    },
    async shot(page, name) {
      const file = join(SHOTS, `${name}.png`)
      // Let Taro's page slide-in finish so the picture shows one page.
      await page.waitForTimeout(400)
      await page.screenshot({ path: file, fullPage: false })
      return file
    },
    async close() {
      await browser.close()
      await gateway.close()
    },
  }
}

/** Confirms WeChat's modal (Taro's H5 showModal). */
export async function confirmModal(page: Page) {
  await page.click('.taro-model__confirm')
}

/** Fills and confirms the app's own prompt (a reason, a result): components/PromptModal. */
export async function fillPrompt(page: Page, text: string) {
  await page.fill('#prompt-input textarea, #prompt-input input', text)
  await page.click('#prompt-confirm')
}

/**
 * Decodes the QR image under `selector`, as a phone's camera would: a RotatingQr's PNG
 * data URL, or a stored code the page shows from the gateway (a poster's mini-program code).
 */
export async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const src = await page.getAttribute(`${selector} img`, 'src')
  if (!src) return null
  const bytes = src.startsWith('data:image/png;base64,')
    ? Buffer.from(src.split(',')[1], 'base64')
    : Buffer.from(await (await page.request.get(new URL(src, page.url()).href)).body())
  const png = PNG.sync.read(bytes)
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

/** The gateway's POST /api as a persona, for what people do off screen. */
export async function gatewayApi<T = Record<string, unknown>>(gateway: Gateway, openid: string, action: string, payload: unknown): Promise<T> {
  const res = await fetch(`${gateway.url}/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action, payload }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } }
  if (!body.ok) throw new Error(`${action} as ${openid}: ${body.error?.code} ${body.error?.message}`)
  return body.data as T
}

/**
 * What on the page in view reaches past the screen's right edge (sideways scrolling,
 * text cut off): at most three elements, each as tag.firstClass.
 */
export async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 1
    return Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *'))
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.right > limit
      })
      .map((el) => `${el.tagName.toLowerCase()}.${(el.className || '').toString().split(' ')[0]}`)
      .slice(0, 3)
  })
}

/** A page of a 长辈模式 tour: its name in pictures and reports, its path, what shows it is ready. */
export type TourStop = [name: string, path: string, ready: string]

/**
 * Opens each page on a phone already in 长辈模式 and photographs it as `shot(name)`. Returns what
 * reaches past the screen's edge, one 'name: tag.class, …' a page, so one expectation names every
 * page that overflows. `open` replaces e.go where a test opens pages its own way; `scroll` brings
 * the part the page is about on screen before the picture.
 */
export async function elderTour(e: E2E, page: Page, stops: TourStop[], shot: (name: string) => string, opts: { open?: E2E['go']; scroll?: boolean } = {}): Promise<string[]> {
  const open = opts.open ?? e.go
  const overflowing: string[] = []
  for (const [name, path, ready] of stops) {
    await open(page, path, ready)
    if ((await page.locator('.is-elder').count()) === 0) throw new Error(`${name}: the page is not in 长辈模式`)
    // Nothing wider than the screen: no sideways scrolling, no text cut off at the edge.
    const wide = await tooWide(page)
    if (wide.length) overflowing.push(`${name}: ${wide.join(', ')}`)
    if (opts.scroll) await page.locator(ready).first().scrollIntoViewIfNeeded()
    await e.shot(page, shot(name))
  }
  return overflowing
}
