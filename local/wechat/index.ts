/**
 * The local stand-in for WeChat's open APIs: msgSecCheck against a word list kept in
 * the repo, subscribe messages written to an outbox the dev pages show, and
 * mini-program codes rendered as PNG. It implements the same port the function uses
 * in production, so handlers cannot tell the difference.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import QRCode from 'qrcode'
import type { SubscribeMessage, WechatPort } from '../../cloudfunctions/api/src/platform/wechat'

export interface OutboxEntry extends SubscribeMessage {
  sentAt: string
}

export interface LocalWechat extends WechatPort {
  outbox(): OutboxEntry[]
  readonly words: string[]
}

export function loadRiskyWords(file = join(__dirname, 'risky-words.txt')): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}

export function createLocalWechat({ dataDir, words = loadRiskyWords() }: { dataDir: string; words?: string[] }): LocalWechat {
  const outboxFile = join(dataDir, 'wechat-outbox.jsonl')
  mkdirSync(dirname(outboxFile), { recursive: true })
  const sent: OutboxEntry[] = existsSync(outboxFile)
    ? readFileSync(outboxFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as OutboxEntry)
    : []
  // The same scene always gives the same code; rendering one costs tens of ms (a second under jest).
  const codes = new Map<string, Promise<Buffer>>()
  return {
    words,
    async msgSecCheck({ content }) {
      const hit = words.find((w) => content.includes(w))
      return hit ? { pass: false, label: 'risky' } : { pass: true }
    },
    async sendSubscribeMessage(msg) {
      const entry: OutboxEntry = { ...msg, sentAt: new Date().toISOString() }
      sent.push(entry)
      appendFileSync(outboxFile, `${JSON.stringify(entry)}\n`)
      return { sent: true }
    },
    getUnlimitedQrCode({ scene, page }) {
      // WeChat encodes the scene into a mini-program code; locally a plain QR of the same pair.
      const payload = `wxacode:${page ?? 'pages/home/index'}?scene=${encodeURIComponent(scene)}`
      let png = codes.get(payload)
      if (!png) codes.set(payload, (png = QRCode.toBuffer(payload, { type: 'png', margin: 2, width: 360 })))
      return png
    },
    outbox: () => [...sent],
  }
}
