/**
 * WeChat's content checks, failing closed. Every text an action stores is sent to
 * security.msgSecCheck (version 2) before the action runs — the router finds them: the
 * strings its input declares with `text()` or `name()` — and only a clean pass lets it
 * through:
 *
 * - `suggest: 'risky'` (or version 1's 87014) and `suggest: 'review'` refuse the text
 *   as content (CONTENT_REJECTED);
 * - 45009/45011, the app's daily/minute quota, refuse it as RATE_LIMITED;
 * - 61010 (WeChat has not seen this user open the mini-program lately) and 40003 (an
 *   openid WeChat does not know) refuse it, asking the person to reopen the app;
 * - -1 or any other error code, an answer without a verdict (the error object
 *   CloudBase returns instead of WeChat's answer among them), a timeout and a network
 *   failure are tried again, three attempts in all, and then refuse it as unavailable.
 *
 * WeChat reads at most 2,500 characters and does not split a longer text itself, so a
 * longer one goes in overlapping parts, each of which must pass.
 */
import { AppError, contentRejected, precondition, rateLimited } from './errors'
import type { Logger } from './log'
import type { MediaCheckInput, TextCheckInput, TextScene, WechatPort } from './wechat'

/** msgSecCheck's documented limit on `content`, in characters. */
export const TEXT_CHECK_MAX_CHARS = 2500
/** Each part repeats the last characters of the one before, so no phrase this long is cut in two unseen. */
export const PART_OVERLAP = 100

const ATTEMPTS = 3
/** Per attempt; three attempts and their pauses stay well inside the function's 20 s. */
export const CHECK_TIMEOUT_MS = 4000
const PAUSES_MS = [200, 600]

/**
 * What an answer means: `pass` alone publishes. `openid` covers 61010 and 40003 (the
 * user, not the text); `system` an error code WeChat may not repeat; `malformed` an
 * answer this code cannot read; `unreachable` no answer at all.
 */
export type TextCheckOutcome = 'pass' | 'risky' | 'review' | 'openid' | 'quota' | 'system' | 'malformed' | 'unreachable'

export interface TextCheckReading {
  outcome: TextCheckOutcome
  errcode?: number
  label?: string
}

const RETRIED: ReadonlySet<TextCheckOutcome> = new Set(['system', 'malformed', 'unreachable'])

type Body = { errcode?: unknown; errCode?: unknown; result?: { suggest?: unknown; label?: unknown }; trace_id?: unknown; traceId?: unknown }

/** WeChat's JSON as an object (the SDK may leave it a string), or null when it is none. */
function bodyOf(answer: unknown): Body | null {
  let body: unknown = answer
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      return null
    }
  }
  return body && typeof body === 'object' ? (body as Body) : null
}

/** The error code's meaning, for any of WeChat's APIs; null for 0 (go on reading). HTTPS answers spell it errcode, cloud calls errCode. */
function errorOutcome(body: Body): TextCheckReading | null {
  const errcode = body.errcode ?? body.errCode
  if (typeof errcode !== 'number') return { outcome: 'malformed' }
  if (errcode === 0) return null
  if (errcode === 87014) return { outcome: 'risky', errcode }
  if (errcode === 61010 || errcode === 40003) return { outcome: 'openid', errcode }
  if (errcode === 45009 || errcode === 45011) return { outcome: 'quota', errcode }
  return { outcome: 'system', errcode }
}

/** Reads msgSecCheck's answer. Anything but a clean pass is not `pass`. */
export function readTextCheck(answer: unknown): TextCheckReading {
  const body = bodyOf(answer)
  if (!body) return { outcome: 'malformed' }
  const failed = errorOutcome(body)
  if (failed) return failed
  const { result } = body
  const errcode = 0
  const label = result?.label === undefined ? undefined : String(result.label)
  switch (result?.suggest) {
    case 'pass':
      return { outcome: 'pass', errcode, label }
    case 'risky':
      return { outcome: 'risky', errcode, label }
    case 'review':
      return { outcome: 'review', errcode, label }
    default:
      return { outcome: 'malformed', errcode }
  }
}

/** Reads mediaCheckAsync's answer: `pass` with the trace id when WeChat took the image. */
export function readMediaSubmission(answer: unknown): TextCheckReading & { traceId?: string } {
  const body = bodyOf(answer)
  if (!body) return { outcome: 'malformed' }
  const failed = errorOutcome(body)
  if (failed) return failed
  const traceId = body.trace_id ?? body.traceId
  return typeof traceId === 'string' && traceId ? { outcome: 'pass', errcode: 0, traceId } : { outcome: 'malformed', errcode: 0 }
}

/**
 * The text in parts WeChat takes whole: at most TEXT_CHECK_MAX_CHARS characters each
 * (counted as WeChat counts, by character, so an emoji is never cut in half), each
 * starting PART_OVERLAP characters before the previous one ended.
 */
export function textParts(text: string, max = TEXT_CHECK_MAX_CHARS, overlap = PART_OVERLAP): string[] {
  const chars = [...text]
  if (chars.length <= max) return [text]
  const parts: string[] = []
  for (let start = 0; ; start += max - overlap) {
    parts.push(chars.slice(start, start + max).join(''))
    if (start + max >= chars.length) return parts
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A promise that gives up after `ms`, so a port that never answers still fails closed. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/** Asks WeChat, again where a retry may help (three attempts in all); the reading of the last answer. */
async function ask<R extends TextCheckReading>(call: () => Promise<unknown>, read: (answer: unknown) => R): Promise<R | TextCheckReading> {
  let reading: R | TextCheckReading = { outcome: 'unreachable' }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(PAUSES_MS[attempt - 1])
    try {
      reading = read(await withDeadline(call(), CHECK_TIMEOUT_MS + 500))
    } catch {
      reading = { outcome: 'unreachable' }
    }
    if (!RETRIED.has(reading.outcome)) return reading
  }
  return reading
}

/** What the refused person reads, worst first: the content itself, then the quota, then who they are, then the service. */
const REFUSALS: Array<[TextCheckOutcome[], (what: string) => AppError]> = [
  [['risky'], () => contentRejected()],
  [['review'], () => contentRejected('内容可能含有不适宜公开的信息，请修改后再试')],
  [['quota'], (what) => rateLimited(`今天的${what}安全检测次数已用完，内容没有发布，请稍后再试`)],
  [['openid'], () => precondition('微信暂时无法确认你的身份，内容没有发布。请退出小程序重新进入后再试')],
  [['system', 'malformed', 'unreachable'], (what) => precondition(`${what}安全检测暂时不可用，内容没有发布，请稍后再试`)],
]

function refusal(failed: readonly TextCheckReading[], what: '内容' | '图片'): AppError {
  const [, make] = REFUSALS.find(([outcomes]) => failed.some((r) => outcomes.includes(r.outcome)))!
  return make(what)
}

export interface TextToCheck {
  text: string
  scene: TextScene
}

type Checker = { wechat: WechatPort; log: Logger }

/**
 * Checks the texts (one request per scene and part, in parallel); resolves only when
 * every part passed, otherwise throws the refusal for the worst outcome.
 */
export async function checkTexts(services: Checker, openid: string, texts: readonly TextToCheck[], context: { requestId: string; action: string }): Promise<void> {
  const byScene = new Map<TextScene, string[]>()
  for (const { text, scene } of texts) {
    if (text.trim()) byScene.set(scene, [...(byScene.get(scene) ?? []), text])
  }
  const requests: TextCheckInput[] = [...byScene].flatMap(([scene, list]) => textParts(list.join('\n')).map((content) => ({ openid, content, scene })))
  const readings = await Promise.all(requests.map((req) => ask(() => services.wechat.msgSecCheck(req, { timeoutMs: CHECK_TIMEOUT_MS }), readTextCheck)))
  const failed = readings.filter((r) => r.outcome !== 'pass')
  if (failed.length === 0) return
  services.log.info('content check refused', { ...context, outcomes: failed.map((r) => [r.outcome, r.errcode ?? null, r.label ?? null]) })
  throw refusal(failed, '内容')
}

/** Submits one image to the asynchronous check; its trace id, or the refusal of the post. */
export async function submitForImageCheck(services: Checker, input: MediaCheckInput, requestId: string): Promise<string> {
  const reading = await ask(() => services.wechat.mediaCheckAsync(input, { timeoutMs: CHECK_TIMEOUT_MS }), readMediaSubmission)
  if (reading.outcome === 'pass' && 'traceId' in reading && reading.traceId) return reading.traceId
  services.log.info('image check submission refused', { requestId, outcome: reading.outcome, errcode: reading.errcode ?? null })
  throw refusal([reading], '图片')
}
