/** HTTP around the actions: `POST /admin` for the TCB API, `/files/…` for storage bytes. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EmulatorError } from './errors'
import { newRequestId } from './ids'
import { contentTypeOf, type FileStorage } from './storage'
import type { Store } from './store'

/** JSON bodies are small; files may be photos and documents. */
const MAX_JSON_BYTES = 20 * 1024 * 1024
const MAX_FILE_BYTES = 100 * 1024 * 1024

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new BodyTooLarge(`body larger than ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Where the client reached us, so URLs we hand out work standalone and behind a gateway. */
export function originOf(req: IncomingMessage): string {
  const forwardedProto = req.headers['x-forwarded-proto']
  const proto = typeof forwardedProto === 'string' ? forwardedProto.split(',')[0].trim() : 'http'
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`
  return `${proto}://${host}`
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export type Dispatch = (body: Record<string, unknown>, origin: string, query: URLSearchParams) => Promise<unknown>

/**
 * `application/json`, parameters aside. The SDK sends exactly that on every call; a
 * web page can send a cross-site POST without asking first only as text/plain, a
 * form or multipart, so demanding JSON stops a page the developer happens to visit
 * from writing to the local database.
 */
export function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type']
  return typeof type === 'string' && type.split(';')[0].trim().toLowerCase() === 'application/json'
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, dispatch: Dispatch) {
  if (req.method !== 'POST') {
    sendJson(res, 405, { code: 'INVALID_PARAM', message: 'the TCB API takes POST', requestId: newRequestId() })
    return
  }
  if (!isJson(req)) {
    req.resume()
    sendJson(res, 415, { code: 'INVALID_PARAM', message: 'the TCB API takes Content-Type: application/json', requestId: newRequestId() })
    return
  }
  let body: unknown
  try {
    body = JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8'))
  } catch (error) {
    const message = error instanceof BodyTooLarge ? error.message : 'the body is not JSON'
    sendJson(res, 200, { code: 'INVALID_PARAM', message, requestId: newRequestId() })
    return
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'the body must be a JSON object', requestId: newRequestId() })
    return
  }
  sendJson(res, 200, await dispatch(body as Record<string, unknown>, originOf(req), url.searchParams))
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, OPTIONS',
  'access-control-allow-headers': '*',
}

/**
 * GET/HEAD /files/<cloudPath> serves a file to a temporary URL (`sign` and `t` as
 * `getTempFileURL` issued them, not expired); PUT stores one if it carries the
 * signature `getUploadMetadata` issued (query `sign` or header `authorization`).
 * Refusals are COS-style XML, which the SDK parses into STORAGE_REQUEST_FAIL.
 */
export async function handleFiles(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  storage: FileStorage,
  store: Store,
  now: number,
): Promise<void> {
  let path: string
  try {
    path = decodeURIComponent(url.pathname.slice('/files/'.length))
  } catch {
    res.writeHead(400, cors).end()
    return
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end()
    return
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (!storage.verifyDownload(path, url.searchParams, now)) {
      sendXmlError(res, 403, 'AccessDenied', 'the URL is not a temporary URL for this file, or it has expired', path)
      return
    }
    const meta = store.files.get(path)
    const bytes = meta && store.fileData.get(path)
    if (!meta || !bytes) {
      res.writeHead(404, { ...cors, 'content-type': 'text/plain; charset=utf-8' }).end(req.method === 'GET' ? 'not found' : undefined)
      return
    }
    res.writeHead(200, {
      ...cors,
      'content-type': meta.contentType,
      'content-length': bytes.length,
      'last-modified': new Date(meta.uploadedAt).toUTCString(),
      'cache-control': 'no-cache',
    })
    res.end(req.method === 'GET' ? bytes : undefined)
    return
  }
  if (req.method === 'PUT') {
    const authorization = req.headers.authorization
    const token = url.searchParams.get('sign') ?? (typeof authorization === 'string' ? authorization : undefined)
    if (!storage.verify(path, token, now)) {
      sendXmlError(res, 403, 'AccessDenied', 'the upload URL is not signed for this path or has expired', path)
      return
    }
    let bytes: Buffer
    try {
      bytes = await readBody(req, MAX_FILE_BYTES)
    } catch (error) {
      sendXmlError(res, 400, 'EntityTooLarge', (error as Error).message, path)
      return
    }
    await store.putFile(path, bytes, contentTypeOf(path))
    res.writeHead(200, { ...cors, 'content-length': 0 }).end()
    return
  }
  res.writeHead(405, cors).end()
}

function sendXmlError(res: ServerResponse, status: number, code: string, message: string, resource: string) {
  const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const id = newRequestId()
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message>` +
    `<Resource>${escape(resource)}</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`
  res.writeHead(status, { ...cors, 'content-type': 'application/xml' }).end(xml)
}

export function errorBody(error: unknown, requestId: string): { code: string; message: string; requestId: string } {
  if (error instanceof EmulatorError) return { code: error.code, message: error.message, requestId }
  return { code: 'SYS_ERR', message: `emulator error: ${(error as Error)?.message ?? String(error)}`, requestId }
}
