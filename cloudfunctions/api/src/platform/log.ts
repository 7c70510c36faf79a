/** Structured logs: one JSON line each, always with the request id. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

export function consoleLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: string, msg: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ level, msg, ...base, ...fields, at: new Date().toISOString() })
    if (level === 'error') console.error(line)
    else console.log(line)
  }
  return {
    info: (msg, fields) => write('info', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  }
}

export const silentLogger: Logger = { info() {}, error() {} }

export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
