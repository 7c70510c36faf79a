/**
 * npm run emulator -- --port 9000 --data .data/emulator [--host 127.0.0.1] [--strict-indexes]
 *
 * Serves the emulator with the collections and indexes of the api's schema and
 * prints one line containing "ready" and the serviceUrl once it accepts requests.
 */
import { parseArgs } from 'node:util'
import { SCHEMA } from '../../cloudfunctions/api/src/platform/schema'
import { startEmulator } from './index'

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.data/emulator' },
      'strict-indexes': { type: 'boolean', default: false },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port`)

  const running = await startEmulator({
    port,
    host: values.host,
    dataDir: values.data!,
    strictIndexes: values['strict-indexes'],
    schema: SCHEMA,
  })
  console.log(`emulator ready at ${running.url} (data ${values.data}${values['strict-indexes'] ? ', strict indexes' : ''})`)

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
}

main().catch((error) => {
  console.error('emulator:', error instanceof Error ? error.message : error)
  process.exit(1)
})
