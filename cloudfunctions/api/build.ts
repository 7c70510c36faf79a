/**
 * Bundles the function into cloudfunctions/api/index.js (CommonJS, what CloudBase
 * loads). `@cloudbase/node-sdk` stays external: CloudBase installs it from this
 * folder's package.json, and locally it resolves from the project's node_modules.
 */
import { build } from 'esbuild'
import { statSync } from 'node:fs'
import { join } from 'node:path'

export const API_DIR = __dirname
export const BUNDLE = join(API_DIR, 'index.js')

export async function buildApi({ quiet = false } = {}): Promise<{ bytes: number; ms: number }> {
  const started = Date.now()
  await build({
    entryPoints: [join(API_DIR, 'src/index.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    external: ['@cloudbase/node-sdk'],
    sourcemap: 'linked',
    minifySyntax: true,
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
