/**
 * npm run emulator -- --port 9000 --data .data/emulator [--host 127.0.0.1] [--strict-indexes] [--schema file.json]
 *
 * Serves the emulator with the collections and indexes of the api's schema (or of
 * a JSON file holding an array of collection specs, for another project) and
 * prints one line containing "ready" and the serviceUrl once it accepts requests.
 *
 * Started by a parent process with an IPC channel (child_process.fork, as the
 * benches run the database in a process of its own), it also sends the parent
 * `{ ready: serviceUrl }` and answers `'stats'` with the request counts and this
 * process's CPU time (process.cpuUsage) and `'reset-stats'` by zeroing the counts:
 * round trips are counted where the database is.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import { startEmulator, type CollectionSpec } from './index'

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.data/emulator' },
      'strict-indexes': { type: 'boolean', default: false },
      schema: { type: 'string' },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port`)

  const running = await startEmulator({
    port,
    host: values.host,
    dataDir: values.data!,
    strictIndexes: values['strict-indexes'],
    schema: values.schema ? schemaFile(values.schema) : SCHEMA,
  })
  console.log(`emulator ready at ${running.url} (data ${values.data}${values['strict-indexes'] ? ', strict indexes' : ''})`)
  if (process.send) {
    process.on('message', (message) => {
      if (message === 'reset-stats') running.emulator.resetStats()
      if (message === 'stats' || message === 'reset-stats') process.send!({ stats: running.emulator.stats, cpu: process.cpuUsage() })
    })
    process.send({ ready: running.url })
  }

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    running.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`emulator: close on ${signal} failed`, error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // A parent that forked us and went away (a bench that crashed) leaves no emulator behind.
  process.on('disconnect', () => stop('disconnect'))
}

function schemaFile(path: string): CollectionSpec[] {
  const specs: unknown = JSON.parse(readFileSync(path, 'utf8'))
  const valid = Array.isArray(specs) && specs.every((spec) => typeof spec?.name === 'string' && Array.isArray(spec.indexes))
  if (!valid) throw new Error(`--schema ${path} must hold a JSON array of { name, indexes: [{ name, keys }], scan? }`)
  return specs as CollectionSpec[]
}

main().catch((error) => {
  console.error('emulator:', error instanceof Error ? error.message : error)
  process.exit(1)
})
