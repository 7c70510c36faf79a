/**
 * Bundles the function into cloudfunctions/api/index.js (CommonJS, what CloudBase
 * loads), the genuine `@cloudbase/node-sdk` included: one minified file loads in
 * well under half the time Node takes to resolve the SDK's hundreds of modules,
 * and the deployed function needs no dependency install.
 */
import { build, type Plugin } from 'esbuild'
import { statSync } from 'node:fs'
import { join } from 'node:path'

export const API_DIR = __dirname
export const BUNDLE = join(API_DIR, 'index.js')

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
 * Libraries only a rare action needs (an .xlsx export), left out of the bundle so
 * every cold start does not parse them: CloudBase installs them beside index.js from
 * package.json (config.json `installDependency`), and `require` finds them there
 * (locally, in the project's node_modules).
 */
export const NOT_BUNDLED = ['exceljs'] as const

export async function buildApi({ quiet = false } = {}): Promise<{ bytes: number; ms: number }> {
  const started = Date.now()
  await build({
    entryPoints: [join(API_DIR, 'src/index.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    plugins: [onlyEnglishZodLocales, leaveOutUnusedSdkParts],
    external: [...NOT_BUNDLED],
    sourcemap: 'linked',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
  })
  const bytes = statSync(BUNDLE).size
  const ms = Date.now() - started
  if (!quiet) console.log(`api bundle: ${BUNDLE} ${(bytes / 1024).toFixed(1)} KiB in ${ms} ms`)
  return { bytes, ms }
}

if (require.main === module) {
  buildApi().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
