/**
 * Bundles the function into cloudfunctions/api/index.js (CommonJS, what CloudBase
 * loads), the genuine `@cloudbase/node-sdk` included: one minified file loads in
 * well under half the time Node takes to resolve the SDK's hundreds of modules,
 * and the deployed function needs no dependency install.
 */
import { build, type Plugin } from 'esbuild'
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

export const API_DIR = __dirname
export const BUNDLE = join(API_DIR, 'index.js')
/** The certificate's PDF code (pdfkit, fontkit): a file of its own, loaded on the first certificate only. */
export const PDF_BUNDLE = join(API_DIR, 'certificate-pdf.js')
const PDF_SOURCE = join(API_DIR, 'src/modules/volunteer/pdf.ts')

/**
 * zod's classic namespace re-exports all of its ~40 message locales (`z.locales`),
 * 258 KB that every cold start would parse. The function writes its own Chinese
 * messages (platform/validation.ts) and uses English only as zod's default, so the
 * namespace gets English alone.
 */
const onlyEnglishZodLocales: Plugin = {
  name: 'zod-english-locale-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.c?js$/.test(args.importer)
        ? { path: 'zod-locales-en', namespace: 'zod-locales' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(require.resolve('zod/v4/locales/en.js'))}`,
      resolveDir: API_DIR,
    }))
  },
}

/**
 * The SDK's index loads its AI client and its data-model/MySQL client eagerly, and
 * they are a fifth of the cold start. The app uses neither (documents, storage and
 * open APIs only), and the SDK already treats them as optional: `init` wraps the
 * data-model setup in try/catch and creates the AI client on first `ai()` call. They
 * are left out of the bundle; touching them throws a clear error instead.
 */
const UNUSED_SDK_PARTS = ['@cloudbase/ai', '@cloudbase/wx-cloud-client-sdk']
const leaveOutUnusedSdkParts: Plugin = {
  name: 'leave-out-unused-sdk-parts',
  setup(b) {
    b.onResolve({ filter: /^@cloudbase\/(ai|wx-cloud-client-sdk)$/ }, (args) =>
      UNUSED_SDK_PARTS.includes(args.path) ? { path: args.path, namespace: 'left-out' } : undefined,
    )
    // The SDK's own AI entry (`app.ai()`, used by nothing here) brings a web-streams
    // polyfill and the browser app core with it: about 190 KiB the function would parse
    // on every cold start.
    b.onResolve({ filter: /^\.\/ai$/ }, (args) =>
      /@cloudbase[\\/]node-sdk[\\/]dist[\\/]cloudbase\.js$/.test(args.importer) ? { path: '@cloudbase/node-sdk/dist/ai', namespace: 'left-out' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get(_, key) {
        if (key === '__esModule' || typeof key === 'symbol') return undefined
        throw new Error(${JSON.stringify(`${args.path} is not bundled into the api function (see cloudfunctions/api/build.ts)`)})
      } })`,
    }))
  },
}

/**
 * pdfkit and its font engine are a megabyte of code that only issuing a 志愿服务记录证明
 * needs. certificate.ts imports ./pdf lazily; here that import becomes a `require` of
 * certificate-pdf.js beside the bundle, built separately, so a cold start parses none
 * of it.
 */
const certificatePdfApart: Plugin = {
  name: 'certificate-pdf-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/pdf$/ }, (args) =>
      /modules[\\/]volunteer[\\/]certificate\.ts$/.test(args.importer) ? { path: 'certificate-pdf', namespace: 'pdf-apart' } : undefined,
    )
    // A plain require (not import()), so the file loads the same wherever the bundle is required.
    b.onLoad({ filter: /.*/, namespace: 'pdf-apart' }, () => ({ contents: 'module.exports = require("./certificate-pdf.js")', loader: 'js' }))
    b.onResolve({ filter: /^\.\/certificate-pdf\.js$/ }, (args) => (args.namespace === 'pdf-apart' ? { path: args.path, external: true } : undefined))
  },
}

const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // config.json's runtime (Nodejs18.15): nothing down-levelled for older ones.
  target: 'node18',
  sourcemap: 'linked',
  minify: true,
  keepNames: true,
  legalComments: 'none',
} as const

/**
 * Libraries only a rare action needs (an .xlsx export), left out of the bundle so
 * every cold start does not parse them: CloudBase installs them beside index.js from
 * package.json (config.json `installDependency`), and `require` finds them there
 * (locally, in the project's node_modules).
 */
export const NOT_BUNDLED = ['exceljs'] as const

export async function buildApi({ quiet = false } = {}): Promise<{ bytes: number; ms: number }> {
  const started = Date.now()
  const logLevel = quiet ? 'silent' : 'warning'
  await Promise.all([
    build({ ...COMMON, entryPoints: [join(API_DIR, 'src/index.ts')], outfile: BUNDLE, plugins: [onlyEnglishZodLocales, leaveOutUnusedSdkParts, certificatePdfApart], external: [...NOT_BUNDLED], logLevel }),
    build({
      ...COMMON,
      entryPoints: [PDF_SOURCE],
      outfile: PDF_BUNDLE,
      // pdfkit's module build finds its data files from import.meta.url, which CommonJS lacks: this file's own URL stands in.
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: 'var importMetaUrl = require("url").pathToFileURL(__filename).href;' },
      logLevel,
    }),
  ])
  const bytes = statSync(BUNDLE).size
  const ms = Date.now() - started
  if (!quiet) console.log(`api bundle: ${BUNDLE} ${(bytes / 1024).toFixed(1)} KiB, ${PDF_BUNDLE} ${(statSync(PDF_BUNDLE).size / 1024).toFixed(1)} KiB, in ${ms} ms`)
  return { bytes, ms }
}

/**
 * The floor of a cold start (bench/api.ts): a bare bundle of `@cloudbase/node-sdk`
 * alone, built as the function is, what any function using the SDK loads.
 */
export async function buildSdkFloor(outfile: string): Promise<void> {
  await build({ ...COMMON, sourcemap: false, stdin: { contents: 'module.exports = require("@cloudbase/node-sdk")', resolveDir: API_DIR }, outfile, logLevel: 'silent' })
}

/**
 * Puts the certificate's CJK font beside the function for a deploy (fonts/, with
 * cert-font.json naming the file and face): CloudBase's runtime has no Chinese font.
 * The font is CERT_FONT_PATH (and CERT_FONT_FAMILY), or the first of pdf.ts's system
 * fonts found here (Debian's fonts-noto-cjk: Noto Sans CJK, about 19 MB, of which
 * each certificate embeds only the characters it uses). Returns what was shipped,
 * or null when no font is found: the function then refuses certificates clearly.
 */
export async function bundleCertificateFont(env: Record<string, string | undefined> = process.env): Promise<{ path: string; family?: string; bytes: number } | null> {
  const { findFont } = await import('./src/modules/volunteer/pdf')
  const dir = join(API_DIR, 'fonts')
  rmSync(dir, { recursive: true, force: true })
  const font = findFont(env, [])
  if (!font) return null
  mkdirSync(dir, { recursive: true })
  const file = basename(font.path)
  copyFileSync(font.path, join(dir, file))
  writeFileSync(join(dir, 'cert-font.json'), JSON.stringify({ file, ...(font.family ? { family: font.family } : {}) }))
  return { ...font, bytes: statSync(font.path).size }
}

if (require.main === module) {
  buildApi().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
