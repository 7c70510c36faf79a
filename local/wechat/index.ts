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
 *
 * The two checks answer with WeChat's own JSON, so the function reads them with the
 * code that reads WeChat's. Each failure WeChat or the way to it can produce is
 * simulated on demand (`failTextChecks`, `failMediaChecks`, or 模拟微信故障:<fault> in
 * a text): an error code (61010, 40003, -1, 45009…), a verdict asking for review, a
 * timeout or a network failure (thrown, as the SDK throws them), an answer without a
 * verdict, and the error object CloudBase hands back instead of WeChat's answer.
 *
 * riskControl.getUserRiskRank answers rank 0 for everyone unless a test (or the dev
 * pages) sets a person's rank (`setRiskRank`); its failures are injected like the
 * checks' (`failRiskRanks`).
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import QRCode from 'qrcode'
import type { MediaCheckInput, RiskRankInput, SubscribeMessage, TextCheckInput, WechatPort } from '../../cloudfunctions/api/src/platform/wechat'

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

/**
 * What the simulated WeChat answers instead of a clean result: an errcode (61010 the
 * user has not opened the mini-program lately, 40003 an unknown openid, -1 a system
 * error, 45009/45011 the app's daily/minute quota), `risky`/`review` verdicts (text
 * only), `timeout`/`network` (no answer: thrown like the SDK's request errors),
 * `malformed` (errcode 0 but no verdict or trace id) and `cloudbase` (the SDK's
 * `{ code, message }` answer when the platform, not WeChat, failed).
 */
export type WechatFault = 'risky' | 'review' | 61010 | 40003 | -1 | 45009 | 45011 | 'timeout' | 'network' | 'malformed' | 'cloudbase'
export type TextCheckFault = WechatFault

/** One msgSecCheck request and what this port answered. */
export interface TextCheckRecord extends TextCheckInput {
  at: string
  /** WeChat's JSON, or the failure thrown instead */
  answer: unknown
}

/** WeChat judges at most this many characters of a text (its documented limit); the rest, unseen, is not judged. */
export const WECHAT_TEXT_LIMIT = 2500

/** A text carrying this is judged `review` (疑似) by the local check. */
export const TEXT_REVIEW_MARKER = '待复核测试词'

/** 模拟微信故障:61010 (or -1, 40003, 45009, 45011, timeout, network, malformed, cloudbase) in a text makes its check fail so. */
const FAULT_IN_TEXT = /模拟微信故障[:：](-?\d+|timeout|network|malformed|cloudbase)/

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
  /** every msgSecCheck request so far, one per part of a long text */
  textChecks(): TextCheckRecord[]
  /** the next `times` text checks (all, by default) fail so */
  failTextChecks(fault: WechatFault, times?: number): void
  /** the next `times` image submissions (all, by default) fail so */
  failMediaChecks(fault: WechatFault, times?: number): void
  /** WeChat's risk rank (0–4) for this openid from now on; 0 unless set */
  setRiskRank(openid: string, rank: number): void
  /** the next `times` risk-rank requests (all, by default) fail so */
  failRiskRanks(fault: WechatFault, times?: number): void
  /** every getUserRiskRank request so far */
  riskRankRequests(): RiskRankInput[]
  clearFaults(): void
}

/** A queue of injected failures: each use takes one, until `times` are spent. */
function faultQueue() {
  let fault: WechatFault | null = null
  let left = 0
  return {
    set(next: WechatFault, times = Number.POSITIVE_INFINITY) {
      fault = next
      left = times
    },
    clear() {
      fault = null
      left = 0
    },
    take(): WechatFault | null {
      if (!fault || left <= 0) return null
      left -= 1
      return fault
    },
  }
}

const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`

/** What WeChat (or the road to it) gives back for an injected failure; `timeout` and `network` throw. */
async function failure(fault: WechatFault): Promise<unknown> {
  switch (fault) {
    case 'timeout': {
      await new Promise((r) => setTimeout(r, 5))
      throw Object.assign(new Error('request timeout'), { code: 'ESOCKETTIMEDOUT' })
    }
    case 'network':
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' })
    case 'malformed':
      return { errcode: 0, errmsg: 'ok' }
    case 'cloudbase':
      return { code: 'SYS_ERR', message: '[wx.api] callWxOpenApi failed', requestId: rid() }
    case 'risky':
      return { errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20006 }, detail: [], trace_id: rid() }
    case 'review':
      return { errcode: 0, errmsg: 'ok', result: { suggest: 'review', label: 21000 }, detail: [], trace_id: rid() }
    default: {
      const errmsg: Record<number, string> = {
        61010: 'code is expired',
        40003: 'invalid openid',
        [-1]: 'system error',
        45009: 'reach max api daily quota limit',
        45011: 'api minute-quota reach limit  mustslower  retry next minute',
      }
      return { errcode: fault, errmsg: `${errmsg[fault] ?? 'error'} rid: ${rid()}` }
    }
  }
}

function faultNamedIn(content: string): WechatFault | null {
  const m = FAULT_IN_TEXT.exec(content)
  if (!m) return null
  const n = Number(m[1])
  return (Number.isNaN(n) ? m[1] : n) as WechatFault
}

/** A file carrying this text (in its bytes or name) is judged `review` by the local image check. */
export const REVIEW_MARKER = '待复核测试图'

export function judgeImage(text: string, words: readonly string[]): { suggest: 'risky' | 'pass' | 'review'; label: string } {
  if (words.some((w) => text.includes(w))) return { suggest: 'risky', label: '21000' }
  if (text.includes(REVIEW_MARKER)) return { suggest: 'review', label: '21000' }
  return { suggest: 'pass', label: '100' }
}

/**
 * msgSecCheck version 2's answer for a text, judged by the word list. Like WeChat, it
 * reads no further than its limit: a word past it goes unseen (the function must cut
 * long texts into parts, platform/moderation.ts).
 */
export function judgeText(content: string, words: readonly string[]) {
  const seen = [...content].slice(0, WECHAT_TEXT_LIMIT).join('')
  const suggest = words.some((w) => seen.includes(w)) ? 'risky' : seen.includes(TEXT_REVIEW_MARKER) ? 'review' : 'pass'
  const label = suggest === 'pass' ? 100 : suggest === 'risky' ? 20006 : 21000
  return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }], trace_id: rid() }
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
  const textFaults = faultQueue()
  const mediaFaults = faultQueue()
  const texts: TextCheckRecord[] = []
  const riskFaults = faultQueue()
  const riskRanks = new Map<string, number>()
  const riskRequests: RiskRankInput[] = []

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
    async msgSecCheck({ openid, content, scene }: TextCheckInput) {
      const rec: TextCheckRecord = { openid, content, scene, at: new Date().toISOString(), answer: null }
      texts.push(rec)
      const fault = textFaults.take() ?? faultNamedIn(content)
      try {
        rec.answer = fault ? await failure(fault) : judgeText(content, words)
      } catch (err) {
        rec.answer = String(err)
        throw err
      }
      return rec.answer
    },
    async sendSubscribeMessage(msg) {
      const entry: OutboxEntry = { ...msg, sentAt: new Date().toISOString() }
      sent.push(entry)
      appendFileSync(outboxFile, `${JSON.stringify(entry)}\n`)
      return { sent: true }
    },
    getUnlimitedQrCode({ scene, page }) {
      // WeChat refuses a scene over 32 visible characters or outside its alphabet (errcode 40169): so does the port.
      if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) {
        return Promise.reject(Object.assign(new Error('errcode: 40169, errmsg: invalid length for scene, or the data is not json'), { errCode: 40169 }))
      }
      // WeChat encodes the scene into a mini-program code; locally a plain QR of the same pair.
      const payload = `wxacode:${page ?? 'pages/home/index'}?scene=${encodeURIComponent(scene)}`
      let png = codes.get(payload)
      if (!png) codes.set(payload, (png = QRCode.toBuffer(payload, { type: 'png', margin: 2, width: 360 })))
      return png
    },
    async mediaCheckAsync({ openid, mediaUrl, scene = 3 }: MediaCheckInput) {
      const fault = mediaFaults.take()
      if (fault) return failure(fault)
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
      return { errcode: 0, errmsg: 'ok', trace_id: traceId }
    },
    async getUserRiskRank(input: RiskRankInput) {
      riskRequests.push({ ...input })
      const fault = riskFaults.take()
      if (fault) return failure(fault)
      return { errcode: 0, errmsg: 'getuserriskrank succ', risk_rank: riskRanks.get(input.openid) ?? 0, unoin_id: riskRequests.length }
    },
    setRiskRank: (openid, rank) => void riskRanks.set(openid, rank),
    failRiskRanks: (fault, times) => riskFaults.set(fault, times),
    riskRankRequests: () => riskRequests.map((r) => ({ ...r })),
    connectPush(next) {
      sink = next
    },
    setMediaPushTiming(next) {
      timing = next
    },
    mediaChecks: () => checks.map((c) => ({ ...c })),
    flushMediaChecks: flush,
    textChecks: () => texts.map((c) => ({ ...c })),
    failTextChecks: (fault, times) => textFaults.set(fault, times),
    failMediaChecks: (fault, times) => mediaFaults.set(fault, times),
    clearFaults() {
      textFaults.clear()
      mediaFaults.clear()
      riskFaults.clear()
    },
    outbox: () => [...sent],
  }
}
