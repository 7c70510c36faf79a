/**
 * The WeChat open APIs the function uses, behind one small port. Production talks to
 * WeChat through CloudBase (`callWxOpenApi`); the local gateway supplies a port with a
 * word list, an outbox and PNG QR codes. Handlers only see this interface.
 */
import type { CloudBase } from '@cloudbase/node-sdk'

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

/** msgSecCheck's and mediaCheckAsync's scenes: 1 资料 (names, profile), 2 评论, 3 论坛, 4 社交日志. */
export type TextScene = 1 | 2 | 3 | 4

export interface TextCheckInput {
  /** the author: WeChat wants a user who opened the mini-program in the last two hours */
  openid: string
  /** at most 2,500 characters (platform/moderation.ts cuts longer texts) */
  content: string
  scene: TextScene
}

/** How long a call to WeChat may take before it counts as no answer. */
export interface CallOptions {
  timeoutMs: number
}

/**
 * The two content checks answer with WeChat's JSON as it came, and throw only when no
 * answer came (a timeout, a network failure): what an answer means is decided in one
 * place, platform/moderation.ts, for production and the local port alike.
 */
export interface WechatPort {
  /** security.msgSecCheck, version 2: WeChat's answer, read by `readTextCheck` */
  msgSecCheck(input: TextCheckInput, options: CallOptions): Promise<unknown>
  sendSubscribeMessage(msg: SubscribeMessage): Promise<{ sent: boolean; errcode?: number }>
  /** an unlimited mini-program code whose scene carries a short string, as PNG bytes */
  getUnlimitedQrCode(input: { scene: string; page?: string }): Promise<Buffer>
  /**
   * Submits an image to WeChat's asynchronous check (security.mediaCheckAsync, version 2):
   * WeChat's answer, read by `readMediaSubmission` (a trace id when accepted). The
   * verdict comes later as a `wxa_media_check` message push carrying the same trace id
   * (see platform/media.ts). `mediaUrl` must be an http(s) URL WeChat can download.
   */
  mediaCheckAsync(input: MediaCheckInput, options: CallOptions): Promise<unknown>
  /**
   * riskControl.getUserRiskRank: WeChat's answer as it came (`risk_rank` 0–4 when
   * `errcode` is 0), read by `readRiskRank`; throws only when no answer came.
   */
  getUserRiskRank(input: RiskRankInput, options: CallOptions): Promise<unknown>
}

export interface RiskRankInput {
  openid: string
  /** 0 注册, 1 营销作弊 (a vote in a ranking contest is the latter) */
  scene: 0 | 1
  /** the caller's IP as CloudBase saw it, when known */
  clientIp?: string | null
}

/** WeChat's risk rank (0 lowest … 4 highest), or null when the answer carries none (an error, a malformed reply). */
export function readRiskRank(answer: unknown): number | null {
  const body = answer as { errcode?: unknown; risk_rank?: unknown } | null
  if (!body || typeof body !== 'object' || (body.errcode !== undefined && body.errcode !== 0)) return null
  const rank = body.risk_rank
  return typeof rank === 'number' && Number.isInteger(rank) && rank >= 0 && rank <= 4 ? rank : null
}

export interface MediaCheckInput {
  /** the author: WeChat wants a user who used the mini-program in the last two hours */
  openid: string
  mediaUrl: string
  scene?: TextScene
}

/** The request body of security.mediaCheckAsync version 2 for one image (media_type 2). */
export function mediaCheckRequest({ openid, mediaUrl, scene = 3 }: MediaCheckInput) {
  return { media_url: mediaUrl, media_type: 2, version: 2, openid, scene }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * WeChat's JSON inside callWxOpenApi's answer: the SDK puts it in `result`, parsed, or
 * still a string when it was not JSON. When CloudBase itself failed, the SDK answers
 * `{ code, message }` without `result` (and without throwing): that object is passed
 * on as it is, and reads as no verdict.
 */
export function openApiBody(res: any): unknown {
  const body = res?.result ?? res
  if (typeof body !== 'string') return body
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

export function cloudWechatPort(app: CloudBase): WechatPort {
  const call = (apiName: string, requestData: Record<string, unknown>, timeoutMs?: number) =>
    app.callWxOpenApi({ apiName, requestData } as any, timeoutMs ? { timeout: timeoutMs } : undefined) as Promise<any>
  return {
    async msgSecCheck({ openid, content, scene }, { timeoutMs }) {
      return openApiBody(await call('security.msgSecCheck', { openid, scene, version: 2, content }, timeoutMs))
    },
    async sendSubscribeMessage(msg) {
      const body = openApiBody(await call('subscribeMessage.send', msg as unknown as Record<string, unknown>)) as any
      return { sent: !body?.errcode, errcode: body?.errcode }
    },
    async getUnlimitedQrCode({ scene, page }) {
      const res = await call('wxacode.getUnlimited', { scene, page, check_path: false })
      return Buffer.from(res?.result ?? res?.buffer ?? [])
    },
    async mediaCheckAsync(input, { timeoutMs }) {
      return openApiBody(await call('security.mediaCheckAsync', mediaCheckRequest(input), timeoutMs))
    },
    async getUserRiskRank({ openid, scene, clientIp }, { timeoutMs }) {
      return openApiBody(await call('riskControl.getUserRiskRank', { openid, scene, client_ip: clientIp ?? '' }, timeoutMs))
    },
  }
}
