import { randomBytes } from 'node:crypto'

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0')

const processPart = randomBytes(4).toString('hex')
let counter = randomBytes(4).readUInt32BE(0)

/**
 * A document id shaped like CloudBase's: 32 hex digits, the second group the
 * creation time in seconds, so ids made later sort later.
 */
export function newDocId(): string {
  counter = (counter + 1) >>> 0
  return processPart + hex8(Date.now() / 1000) + hex8(counter) + randomBytes(4).toString('hex')
}

export function newTransactionId(): string {
  return randomBytes(18).toString('base64url')
}

let requestCounter = 0
export function newRequestId(): string {
  requestCounter = (requestCounter + 1) >>> 0
  return `local-${processPart}-${hex8(Date.now() / 1000)}-${requestCounter.toString(16)}`
}
