/**
 * The local stand-in for WeChat's open APIs: msgSecCheck against a word list kept in
 * the repo, subscribe messages written to an outbox the dev pages show, mini-program
 * codes rendered as PNG, and the asynchronous image check: mediaCheckAsync answers a
 * trace id at once, and later this port downloads the image from the URL it was given,
 * judges it (a risky word of the list in the file's bytes or name: risky; the marker
 * 待复核测试图: review; otherwise pass) and delivers a `wxa_media_check` push shaped as
 * WeChat's to the api's push entry (`connectPush`), as WeChat's message push would.
 * It implements the same port the function uses in production, so handlers cannot
 * tell the difference.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import QRCode from 'qrcode'
import type { SubscribeMessage, WechatPort } from '../../cloudfunctions/api/src/platform/wechat'

export interface OutboxEntry extends SubscribeMessage {
  sentAt: string
}

/** One image submitted to the simulated check, with its verdict once delivered. */
export interface MediaCheckRecord {
  traceId: string
  openid: string
  mediaUrl: string
  scene: number
  submittedAt: string
  suggest?: 'risky' | 'pass' | 'review'
  deliveredAt?: string
}

/** Where the simulated WeChat pushes events: the api's push entry (`api.push`). */
export type PushSink = (event: Record<string, unknown>) => Promise<unknown>

/**
 * When pushes go out: `manual` (tests call flushMediaChecks), after a delay in ms (the
 * gateway), or `early`: before mediaCheckAsync even answers, the race a slow function
 * could meet in production.
 */
export type MediaPushTiming = 'manual' | 'early' | number

export interface LocalWechat extends WechatPort {
  outbox(): OutboxEntry[]
  readonly words: string[]
  connectPush(sink: PushSink): void
  setMediaPushTiming(timing: MediaPushTiming): void
  /** every image check submitted so far */
  mediaChecks(): MediaCheckRecord[]
  /** judges and delivers every queued check now; resolves once the api has handled each (and any delivery under way) */
  flushMediaChecks(): Promise<MediaCheckRecord[]>
}

/** A file carrying this text (in its bytes or name) is judged `review` by the local image check. */
export const REVIEW_MARKER = '待复核测试图'

export function judgeImage(text: string, words: readonly string[]): { suggest: 'risky' | 'pass' | 'review'; label: string } {
  if (words.some((w) => text.includes(w))) return { suggest: 'risky', label: '21000' }
  if (text.includes(REVIEW_MARKER)) return { suggest: 'review', label: '21000' }
  return { suggest: 'pass', label: '100' }
}

export function loadRiskyWords(file = join(__dirname, 'risky-words.txt')): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}

export function createLocalWechat({
  dataDir,
  words = loadRiskyWords(),
  mediaPushTiming = 'manual',
}: {
  dataDir: string
  words?: string[]
  mediaPushTiming?: MediaPushTiming
}): LocalWechat {
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

  let timing = mediaPushTiming
  let sink: PushSink | null = null
  let seq = 0
  const checks: MediaCheckRecord[] = []
  const queued: MediaCheckRecord[] = []
  const underWay = new Set<Promise<void>>()

  const download = async (url: string) => {
    try {
      const res = await fetch(url)
      return res.ok ? Buffer.from(await res.arrayBuffer()).toString('utf8') : ''
    } catch {
      return ''
    }
  }
  const deliver = async (rec: MediaCheckRecord) => {
    if (!sink) throw new Error('local WeChat: no push entry connected (connectPush)')
    let name = rec.mediaUrl
    try {
      name = decodeURIComponent(new URL(rec.mediaUrl).pathname)
    } catch {
      // judged by the raw text then
    }
    const verdict = judgeImage(`${name}\n${await download(rec.mediaUrl)}`, words)
    rec.suggest = verdict.suggest
    // The shape WeChat pushes (JSON mode): see platform/media.ts.
    await sink({
      ToUserName: 'gh_local',
      FromUserName: rec.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-local',
      trace_id: rec.traceId,
      version: 2,
      result: verdict,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 }],
    })
    rec.deliveredAt = new Date().toISOString()
  }
  const start = (recs: MediaCheckRecord[]) => {
    for (const rec of recs) {
      const p: Promise<void> = deliver(rec)
        .catch((err) => console.error('[wechat] media check push failed', err))
        .finally(() => underWay.delete(p))
      underWay.add(p)
    }
  }
  const flush = async () => {
    const batch = sink ? queued.splice(0) : []
    start(batch)
    while (underWay.size > 0) await Promise.all([...underWay])
    return batch
  }

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
    async mediaCheckAsync({ openid, mediaUrl, scene = 3 }) {
      seq += 1
      const traceId = `local-${Date.now().toString(36)}-${seq}-${randomBytes(4).toString('hex')}`
      const rec: MediaCheckRecord = { traceId, openid, mediaUrl, scene, submittedAt: new Date().toISOString() }
      checks.push(rec)
      if (timing === 'early' && sink) {
        await deliver(rec)
      } else {
        queued.push(rec)
        if (typeof timing === 'number') setTimeout(() => void flush(), timing).unref()
      }
      return { traceId }
    },
    connectPush(next) {
      sink = next
    },
    setMediaPushTiming(next) {
      timing = next
    },
    mediaChecks: () => checks.map((c) => ({ ...c })),
    flushMediaChecks: flush,
    outbox: () => [...sent],
  }
}
